"""Reductions: gross emissions in a year at most (1 - cut) x the base year's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyomo.environ as pyo

from .base import Component, Row, TargetKind, mark_points

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..report.folder import RunFolder
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario
    from ..scenario.targets import Reduction


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: list[Reduction]) -> None:
    gross = m.emissions.gross_t
    m.reduction_target = pyo.Constraint(
        range(len(spec)), rule=lambda _, i: gross[spec[i].year] <= (1.0 - spec[i].vs_base) * ref.base_t
    )


def _check(scenario: Scenario, q: Yearly, spec: list[Reduction]) -> list[Row]:
    return [
        Row("reduction_target", i, r.year, q.gross_t[r.year], (1 - r.vs_base) * q.base_t, "t", (r.year,))
        for i, r in enumerate(spec)
    ]


def _markers(fig: go.Figure, run: RunFolder, spec: list[Reduction]) -> None:
    base_t = run.summary.base_year_t
    points = [(r.year, (1 - r.vs_base) * base_t, f"-{r.vs_base:.0%} vs base year by {r.year}") for r in spec]
    mark_points(fig, "Reduction targets", points)


def _year(scenario: Scenario, years: list[int], index: Any) -> int:
    return scenario.targets.reductions[int(index)].year


def _cut(scenario: Scenario, index: Any) -> dict[str, str]:
    return {"cut": f"{scenario.targets.reductions[int(index)].vs_base:.0%}"}


KIND = TargetKind(
    field="reductions",
    order=20,
    components=(
        Component(
            "reduction_target",
            "t",
            "the {cut} cut against the base year by {years} is short by {amount} {unit}",
            purpose="gross",
            year_of=_year,
            phrase_fields=_cut,
        ),
    ),
    add=_add,
    check=_check,
    describe=lambda spec: [f"-{r.vs_base:.0%} by {r.year}" for r in spec],
    named_years=lambda spec: {r.year for r in spec},
    markers=_markers,
)
