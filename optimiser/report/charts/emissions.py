"""Emissions pathway (by scope and source, with net, business-as-usual and target markers) and abatement
wedges by lever."""

from __future__ import annotations

import plotly.graph_objects as go

from ...targets import active
from ..folder import RunFolder
from ..style import layout, lever_colour, lever_label, lever_order, source_label

SCOPE_COLOURS = {  # warm for Scope 1 (fuels, process), blue for Scope 2 (grid)
    "scope1": ["#F58518", "#E45756", "#9D755D", "#FF9DA6", "#FFBF79"],
    "scope2": ["#4C78A8", "#72B7B2"],
    "scope3": ["#54A24B", "#88D27A", "#B79A20"],  # green: the categories targets include
}


def pathway_figure(run: RunFolder) -> go.Figure:
    em = run.case("emissions")
    scope2 = f"scope2_{run.basis}"
    included = em["scope"].eq("scope3") & em["source"].str.split(":").str[0].isin(run.scenario.targets.scope3_included)
    gross = em[em["scope"].isin(["scope1", scope2]) | included]
    stack = gross.groupby(["scope", "source", "year"], as_index=False)["t"].sum()
    fig = go.Figure()
    keys = stack[["scope", "source"]].drop_duplicates().itertuples(index=False)
    used = {"scope1": 0, "scope2": 0, "scope3": 0}
    for scope, source in keys:
        part = stack[(stack["scope"] == scope) & (stack["source"] == source)]
        if part["t"].abs().max() < 1e-6:
            continue
        family = scope[:6]
        colours = SCOPE_COLOURS[family]
        fig.add_bar(
            x=part["year"],
            y=part["t"],
            name=source_label(scope, source),
            marker_color=colours[used[family] % len(colours)],
        )
        used[family] += 1
    plan = run.case("pathway")
    bau = run.case("pathway", "bau")
    econ = run.case("pathway", "economics")
    fig.add_scatter(x=plan["year"], y=plan["net_t"], name="Net (after offsets)", line={"color": "black", "width": 3})
    fig.add_scatter(x=bau["year"], y=bau["gross_t"], name="Business as usual", line={"color": "grey", "dash": "dash"})
    fig.add_scatter(
        x=econ["year"], y=econ["gross_t"], name="Economics only (gross)", line={"color": "#4C78A8", "dash": "dot"}
    )
    _target_markers(fig, run)
    fig.update_layout(barmode="relative")
    basis = "market" if run.basis == "market" else "location"
    scope3 = " + included Scope 3" if included.any() else ""
    return layout(fig, f"Emissions pathway (Scope 1 + {basis}-based Scope 2{scope3})", "t CO2e per year")


def _target_markers(fig: go.Figure, run: RunFolder) -> None:
    """Each target kind's own marks (optimiser/targets/)."""
    for kind, spec in active(run.scenario):
        kind.markers(fig, run, spec)


def wedges_figure(run: RunFolder) -> go.Figure:
    ab = run.tables["abatement"]
    fig = go.Figure()
    present = [lv for lv in ab["lever"].unique() if ab.loc[ab["lever"] == lv, "t"].abs().max() > 1e-3]
    order = lever_order()
    for lever in sorted(present, key=order.index):  # a key no lever declares fails here, loudly
        part = ab[ab["lever"] == lever]
        fig.add_bar(x=part["year"], y=part["t"], name=lever_label(lever), marker_color=lever_colour(lever))
    total = ab.groupby("year", as_index=False)["t"].sum()
    fig.add_scatter(
        x=total["year"], y=total["t"], name="Total: business as usual - net", line={"color": "black", "width": 2}
    )
    fig.update_layout(barmode="relative")
    return layout(fig, "Abatement by lever (business as usual minus the plan)", "t CO2e avoided per year")
