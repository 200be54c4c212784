"""Investment roadmap (what is built or adopted, where and when, with capex) and capacity build-out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..folder import RunFolder
from ..style import LEVER_COLOURS, layout

ROADMAP_COLOURS = {
    "pv": LEVER_COLOURS["onsite_pv"],
    "storage": LEVER_COLOURS["storage"],
    "green_electricity": LEVER_COLOURS["green_electricity"],
    "offsets": LEVER_COLOURS["offsets"],
}


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
            name=str(lever).replace("retrofit:", "retrofit: "),
            text=text,
            hovertemplate="%{x}: %{text}<extra></extra>",
            marker={
                "size": 10 + 40 * np.sqrt(part["money"] / biggest),
                "color": ROADMAP_COLOURS.get(str(lever))
                or LEVER_COLOURS.get(str(lever).removeprefix("retrofit:"), LEVER_COLOURS["other"]),
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
    cap = run.tables["capacity"]
    panels = [
        ("pv_capacity", "PV installed, kWp", "kWp"),
        ("storage_energy", "Storage energy, kWh", "kWh"),
        ("storage_power", "Storage power, kW", "kW"),
        ("roof", "Roof used, %", "% of roof area"),
    ]
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[p[1] for p in panels], horizontal_spacing=0.07)
    palette = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2"]
    for i, (site, part) in enumerate(cap.groupby("site", sort=False)):
        colour = palette[i % len(palette)]
        wide = part.pivot_table(index="year", columns="quantity", values="value", aggfunc="sum")
        if "roof_used" in wide and "roof_available" in wide:
            available = wide["roof_available"].replace(0, np.nan)
            wide["roof"] = 100 * wide["roof_used"] / available
        for col, (quantity, _, _) in enumerate(panels, start=1):
            if quantity in wide:
                fig.add_scatter(
                    x=wide.index,
                    y=wide[quantity],
                    name=str(site),
                    legendgroup=str(site),
                    showlegend=col == 1,
                    line={"color": colour, "shape": "hv"},
                    row=1,
                    col=col,
                )
    fig = layout(fig, "Capacity build-out and roof use per site", "")
    for col, (_, _, unit) in enumerate(panels, start=1):
        fig.update_yaxes(title_text=unit, rangemode="tozero", row=1, col=col)
    fig.update_yaxes(range=[0, 105], row=1, col=len(panels))
    return fig
