"""The constraint families of claims in mode `constraint`, declared like target components (targets/base.py) so
that an impossible claim is relaxed and told by the infeasibility diagnosis like a missed target."""

from __future__ import annotations

import ast
from typing import Any, Literal

from ..targets.base import Component, Purpose


def _key(index: Any) -> tuple[str, str, int]:
    """(claim, condition, year): the diagnosis passes the index as its text."""
    return tuple(ast.literal_eval(index)) if isinstance(index, str) else tuple(index)


def _fields(_: Any, index: Any) -> dict[str, str]:
    claim, condition, _year = _key(index)
    return {"claim": claim, "condition": condition.replace("_", " ")}


def _component(name: str, unit: Literal["t", "MWh"], what: str, purpose: Purpose) -> Component:
    return Component(
        name,
        unit,
        "claim '{claim}' ({condition}) in {years} is short by {amount} {unit}{per}" + what,
        purpose=purpose,
        year_of=lambda scenario, years, index: int(_key(index)[2]),
        phrase_fields=_fields,
    )


COMPONENTS = (
    _component("claims_t_target", "t", "", "neutrality"),
    _component("claims_mwh_target", "MWh", " of renewable electricity", "renewable_share"),
)
