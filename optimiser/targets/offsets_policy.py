"""Offsets policy: offsets retired in a year (all products) at most a share of the base year's emissions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyomo.environ as pyo

from ..model.ledger import lin
from .base import Component, Row, TargetKind

if TYPE_CHECKING:
    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario
    from ..scenario.targets import OffsetPolicy


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: OffsetPolicy) -> None:
    cap = spec.max_share_of_base * ref.base_t
    m.offsets_policy_target = pyo.Constraint(
        data.years,
        rule=lambda _, y: lin(ledger.offsets_t.get((y, True), []) + ledger.offsets_t.get((y, False), [])) <= cap,
    )


def _check(scenario: Scenario, q: Yearly, spec: OffsetPolicy) -> list[Row]:
    cap = spec.max_share_of_base * q.base_t
    return [Row("offsets_policy_target", y, y, q.offsets_t[y], cap, "t", (y,)) for y in sorted(q.gross_t)]


KIND = TargetKind(
    field="offsets",
    order=70,
    components=(
        Component(
            "offsets_policy_target",
            "t",
            "offsets in {years} exceed the policy cap by {amount} {unit}{per}",
            priority=10.0,
        ),
    ),
    add=_add,
    check=_check,
    describe=lambda spec: [f"offsets <= {spec.max_share_of_base:.0%} of base"],
)
