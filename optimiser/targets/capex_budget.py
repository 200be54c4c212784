"""Capex budget: the cash paid for builds and adoptions in a year at most its budget, from the budget's first year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyomo.environ as pyo

from ..model.ledger import lin
from ..scenario.trajectory import at, first_year
from .base import Component, Row, TargetKind

if TYPE_CHECKING:
    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: Any) -> None:
    start = first_year(spec) or data.years[0]
    m.capex_budget_target = pyo.Constraint(
        [y for y in data.years if y >= start],
        rule=lambda _, y: (
            lin([term for (_c, _s, yy), terms in ledger.capex.items() if yy == y for term in terms]) <= at(spec, y)
        ),
    )


def _check(scenario: Scenario, q: Yearly, spec: Any) -> list[Row]:
    start = first_year(spec) or min(q.gross_t)
    return [
        Row("capex_budget_target", y, y, q.capex.get(y, 0.0), at(spec, y), scenario.currency, (y,))
        for y in sorted(q.gross_t)
        if y >= start
    ]


KIND = TargetKind(
    field="capex_budget",
    order=80,
    components=(
        Component(
            "capex_budget_target", "currency", "capex in {years} exceeds its budget by {amount} {unit}", priority=10.0
        ),
    ),
    add=_add,
    check=_check,
    describe=lambda spec: ["capex budget"],
)
