"""Investment roadmap (what is built or adopted, where and when, with capex) and capacity build-out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...levers import LEVERS
from ..folder import RunFolder
from ..style import layout, lever_colour, lever_label


def roadmap_figure(run: RunFolder) -> go.Figure:
    """One row per site and action kind; a marker per decision, its area proportional to the money."""
    rm = run.tables["roadmap"].copy()
    cur = run.currency
    fig = go.Figure()
    if rm.empty:
        fig.add_annotation(text="Nothing to build, adopt or buy", showarrow=False, x=0.5, y=0.5, xref="paper")
        return layout(fig, "Investment roadmap", "")
    rm["row"] = rm["site"] + " · " + rm["action"]
    rm["money"] = np.where(rm["capex"] > 0, rm["capex"], rm["annual_cost"])
    biggest = max(float(rm["money"].max()), 1.0)
    for lever, part in rm.groupby("lever", sort=False):
        one_off = part["capex"] > 0
        text = [
            f"{r.action}: {r.size:,.0f} {r.unit}{f' / {r.power_kw:,.0f} kW' if r.power_kw >= 0.5 else ''}<br>"
            + (f"capex {r.capex:,.0f} {cur}" if r.capex > 0 else f"{r.annual_cost:,.0f} {cur} per year")
            for r in part.itertuples()
        ]
        fig.add_scatter(
            x=part["year"],
            y=part["row"],
            mode="markers",
            name=lever_label(str(lever)),
            text=text,
            hovertemplate="%{x}: %{text}<extra></extra>",
            marker={
                "size": 10 + 40 * np.sqrt(part["money"] / biggest),
                "color": lever_colour(str(lever)),
                "symbol": np.where(one_off, "circle", "diamond"),
                "line": {"width": 1, "color": "white"},
                "opacity": 0.85,
            },
        )
    height = 160 + 36 * rm["row"].nunique()
    fig = layout(
        fig, f"Investment roadmap (circles: capex, diamonds: yearly purchases; area ~ {cur})", "", height=height
    )
    fig.update_layout(hovermode="closest")
    fig.update_yaxes(title_text="", categoryorder="category descending")
    return fig


def capacity_figure(run: RunFolder) -> go.Figure:
    """One panel per capacity quantity a lever charts (levers/ `panels`), one line per site."""
    cap = run.tables["capacity"]
    panels = [p for lever in LEVERS for p in lever.panels if p[0] in set(cap["quantity"])] or [("", "Nothing built")]
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[p[1] for p in panels], horizontal_spacing=0.07)
    palette = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2"]
    for i, (site, part) in enumerate(cap.groupby("site", sort=False)):
        wide = part.pivot_table(index="year", columns="quantity", values="value", aggfunc="sum")
        for col, (quantity, _) in enumerate(panels, start=1):
            if quantity in wide:
                fig.add_scatter(
                    x=wide.index,
                    y=wide[quantity],
                    name=str(site),
                    legendgroup=str(site),
                    showlegend=col == 1,
                    line={"color": palette[i % len(palette)], "shape": "hv"},
                    row=1,
                    col=col,
                )
    fig = layout(fig, "Capacity build-out per site", "")
    for col, (_, title) in enumerate(panels, start=1):
        fig.update_yaxes(title_text=title.rsplit(", ", 1)[-1], rangemode="tozero", row=1, col=col)
        if title.endswith("%"):
            fig.update_yaxes(range=[0, 105], row=1, col=col)
    return fig
