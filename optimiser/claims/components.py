"""The constraint families of claims in mode `constraint`, declared like target components (targets/base.py) so
that an impossible claim is relaxed and told by the infeasibility diagnosis like a missed target."""

from __future__ import annotations

import ast
from typing import Any

from ..targets.base import Component


def _key(index: Any) -> tuple[str, str, int]:
    """(claim, condition, year): the diagnosis passes the index as its text."""
    return tuple(ast.literal_eval(index)) if isinstance(index, str) else tuple(index)


def _fields(_: Any, index: Any) -> dict[str, str]:
    claim, condition, _year = _key(index)
    return {"claim": claim, "condition": condition.replace("_", " ")}


COMPONENTS = (
    Component(
        "claims_t_target",
        "t",
        "claim '{claim}' ({condition}) in {years} is short by {amount} {unit}{per}",
        purpose="neutrality",
        year_of=lambda scenario, years, index: int(_key(index)[2]),
        phrase_fields=_fields,
    ),
    Component(
        "claims_mwh_target",
        "MWh",
        "claim '{claim}' ({condition}) in {years} is short by {amount} {unit}{per} of renewable electricity",
        purpose="renewable_share",
        year_of=lambda scenario, years, index: int(_key(index)[2]),
        phrase_fields=_fields,
    ),
)
