"""Peak: the peak year's gross emissions may not exceed what that year would emit without targets (so a plan can
never meet a peak by emitting more), no later year exceeds the peak year, and by default no later year rises
above the year before (peak, then decline). Semantics: docs/modelling.md section 1."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyomo.environ as pyo

from .base import Component, Row, TargetKind

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..report.folder import RunFolder
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario
    from ..scenario.targets import Peak


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: Peak) -> None:
    gross, years, yp = m.emissions.gross_t, data.years, spec.year
    later = [y for y in years if y > yp]
    m.peak_level_target = pyo.Constraint(expr=gross[yp] <= ref.no_target_t[yp])
    m.peak_target = pyo.Constraint(later, rule=lambda _, y: gross[y] <= gross[yp])
    if spec.non_increasing_after:
        prev = {y: years[i - 1] for i, y in enumerate(years) if i}
        m.peak_non_increasing_target = pyo.Constraint(
            [y for y in later if prev[y] > yp], rule=lambda _, y: gross[y] <= gross[prev[y]]
        )


def _check(scenario: Scenario, q: Yearly, spec: Peak) -> list[Row]:
    yp, ys = spec.year, sorted(q.gross_t)
    rows = [Row("peak_level_target", "", yp, q.gross_t[yp], q.no_target_t[yp], "t", (yp,))]
    for i, y in enumerate(ys):
        if y > yp:
            rows.append(Row("peak_target", y, y, q.gross_t[y], q.gross_t[yp], "t", (y, yp)))
            prev = ys[i - 1]
            if spec.non_increasing_after and prev > yp:
                rows.append(Row("peak_non_increasing_target", y, y, q.gross_t[y], q.gross_t[prev], "t", (y, prev)))
    return rows


def _markers(fig: go.Figure, run: RunFolder, spec: Peak) -> None:
    fig.add_vline(
        x=spec.year,
        line={"color": "#E45756", "dash": "dot"},
        annotation_text=f"peak by {spec.year}",
        annotation_position="top",
    )


def _peak_year(scenario: Scenario, years: list[int], index: Any) -> int:
    return scenario.targets.peak.year  # type: ignore[union-attr]


def _peak_fields(scenario: Scenario, index: Any) -> dict[str, str]:
    return {"peak": str(scenario.targets.peak.year)}  # type: ignore[union-attr]


KIND = TargetKind(
    field="peak",
    order=10,
    components=(
        Component(
            "peak_level_target",
            "t",
            "emissions in the peak year {years} exceed what it would emit without targets by {amount} {unit}",
            purpose="gross",
            year_of=_peak_year,
        ),
        Component(
            "peak_target",
            "t",
            "emissions in {years} exceed the {peak} peak by {amount} {unit}{per}",
            purpose="gross",
            phrase_fields=_peak_fields,
        ),
        Component(
            "peak_non_increasing_target",
            "t",
            "emissions in {years} rise above the year before by {amount} {unit}{per}",
            purpose="gross",
        ),
    ),
    add=_add,
    check=_check,
    describe=lambda spec: [f"peak by {spec.year}"],
    named_years=lambda spec: {spec.year},
    markers=_markers,
)
