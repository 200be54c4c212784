"""Yearly caps: gross emissions at most the cap of each year, from the cap's first year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyomo.environ as pyo

from ..scenario.trajectory import at, first_year
from .base import Component, Row, TargetKind

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..report.folder import RunFolder
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario


def _years(spec: Any, years: list[int]) -> list[int]:
    start = first_year(spec) or years[0]
    return [y for y in years if y >= start]


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: Any) -> None:
    gross = m.emissions.gross_t
    m.cap_target = pyo.Constraint(_years(spec, data.years), rule=lambda _, y: gross[y] <= at(spec, y))


def _check(scenario: Scenario, q: Yearly, spec: Any) -> list[Row]:
    return [Row("cap_target", y, y, q.gross_t[y], at(spec, y), "t", (y,)) for y in _years(spec, sorted(q.gross_t))]


def _markers(fig: go.Figure, run: RunFolder, spec: Any) -> None:
    years = _years(spec, list(run.summary.years))
    fig.add_scatter(
        x=years,
        y=[at(spec, y) for y in years],
        name="Cap",
        mode="lines",
        line={"color": "#E45756", "shape": "hv", "dash": "dashdot"},
    )


KIND = TargetKind(
    field="caps_t",
    order=40,
    components=(
        Component("cap_target", "t", "the emissions cap in {years} is exceeded by {amount} {unit}{per}", "gross"),
    ),
    add=_add,
    check=_check,
    describe=lambda spec: ["yearly caps"],
    named_years=lambda spec: set(spec) if isinstance(spec, dict) else set(),
    markers=_markers,
)
