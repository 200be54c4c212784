"""Neutrality: from its year on, gross emissions minus eligible offsets at most zero."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    from ..scenario.targets import Neutrality


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: Neutrality) -> None:
    net = m.emissions.net_t
    m.neutrality_target = pyo.Constraint([y for y in data.years if y >= spec.year], rule=lambda _, y: net[y] <= 0.0)


def _check(scenario: Scenario, q: Yearly, spec: Neutrality) -> list[Row]:
    return [Row("neutrality_target", y, y, q.net_t[y], 0.0, "t", (y,)) for y in sorted(q.net_t) if y >= spec.year]


def _markers(fig: go.Figure, run: RunFolder, spec: Neutrality) -> None:
    mark_points(fig, "Neutrality", [(spec.year, 0.0, f"net zero from {spec.year}")])


KIND = TargetKind(
    field="neutrality",
    order=30,
    components=(
        Component("neutrality_target", "t", "neutrality in {years} is short by {amount} {unit}{per}", "neutrality"),
    ),
    add=_add,
    check=_check,
    describe=lambda spec: [f"net zero from {spec.year}"],
    named_years=lambda spec: {spec.year},
    markers=_markers,
)
