"""Cumulative budget: gross emissions summed over the calendar years inside the budget at most `max_t` (a
modelled year counts for the calendar years it stands for that fall inside)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyomo.environ as pyo

from ..model.ledger import lin
from .base import Component, Row, TargetKind

if TYPE_CHECKING:
    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario
    from ..scenario.targets import Budget


def counted(spec: Budget, weight: dict[int, int], last_calendar_year: int) -> dict[int, int]:
    """Calendar years of each modelled year inside the budget."""
    first, last = spec.from_year or min(weight), spec.to_year or last_calendar_year
    return {y: len(set(range(y, y + n)) & set(range(first, last + 1))) for y, n in weight.items()}


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: Budget) -> None:
    gross = m.emissions.gross_t
    n = counted(spec, data.weight, data.last_calendar_year)
    m.budget_target = pyo.Constraint(expr=lin([(k, gross[y]) for y, k in n.items() if k]) <= spec.max_t)


def _check(scenario: Scenario, q: Yearly, spec: Budget) -> list[Row]:
    last_modelled = max(q.weight)
    n = counted(spec, q.weight, last_modelled + q.weight[last_modelled] - 1)
    value = sum(k * q.gross_t[y] for y, k in n.items())
    last = spec.to_year or last_modelled + q.weight[last_modelled] - 1
    return [Row("budget_target", "", last, value, spec.max_t, "t", tuple(y for y, k in n.items() if k))]


def _last_year(scenario: Scenario, years: list[int], index: Any) -> int:
    """A budget's shortfall is told at its last modelled year."""
    spec = scenario.targets.budget
    last = spec.to_year if spec and spec.to_year else years[-1]
    return max(y for y in years if y <= last)


KIND = TargetKind(
    field="budget",
    order=50,
    components=(
        Component(
            "budget_target",
            "t",
            "the cumulative emissions budget is exceeded by {amount} {unit}",
            purpose="gross",
            year_of=_last_year,
        ),
    ),
    add=_add,
    check=_check,
    describe=lambda spec: [f"budget {spec.max_t:,.0f} t"],
)
