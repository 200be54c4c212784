"""Hourly dispatch on the representative days of one year: how load is met, hour by hour, per site. Each lever's
bars come from its `series` (levers/); supply above zero, what is taken off the bus below (stacked, they meet
the load line)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...levers import LEVERS
from ..folder import RunFolder
from ..style import layout


def default_dispatch_year(run: RunFolder) -> int:
    """The neutrality year when there is one (the plan's hardest year), else the last modelled year."""
    years = list(run.summary.years)
    neutrality = run.scenario.targets.neutrality
    return neutrality.year if neutrality and neutrality.year in years else years[-1]


def dispatch_figure(run: RunFolder, year: int | None = None) -> go.Figure:
    year = default_dispatch_year(run) if year is None else year
    dispatch = run.tables["dispatch"]
    dispatch = dispatch[dispatch["year"] == year]
    sites = list(dispatch["site"].unique())
    fig = make_subplots(rows=len(sites), cols=1, subplot_titles=[str(s) for s in sites], vertical_spacing=0.12)
    for row, site in enumerate(sites, start=1):
        d = dispatch[dispatch["site"] == site].reset_index(drop=True)
        x = np.arange(len(d))
        series = [(name, sign * d[col], colour) for lever in LEVERS for name, col, sign, colour in lever.series]
        series += [("Grid import", d["import_kw"], "#4C78A8"), ("Export", -d["export_kw"], "#FFBF79")]
        for name, values, colour in series:
            if np.abs(values).max() < 1e-6:
                continue
            fig.add_bar(
                x=x, y=values, name=name, marker_color=colour, legendgroup=name, showlegend=row == 1, row=row, col=1
            )
        hourly_panel(fig, d, row, d["load_kw"], "Load (after retrofits)", "kW")
    title = f"Hourly dispatch in {year} on the representative days (x: days of the year each stands for)"
    return finish_hourly(fig, title, "kW", 330 * len(sites) + 120)


def hourly_panel(fig: go.Figure, d: pd.DataFrame, row: int, line: pd.Series, name: str, unit: str) -> None:
    """The black line the stacked bars meet, and the axis of one panel of hours: each representative day labelled
    with the days of the year it stands for."""
    fig.add_scatter(
        x=np.arange(len(d)),
        y=line,
        name=name,
        line={"color": "black", "width": 1.5},
        legendgroup=name,
        showlegend=row == 1,
        row=row,
        col=1,
    )
    starts = d.index[d["hour"] == 0]
    labels = [f"day {int(d.loc[i, 'day']) + 1} (x{d.loc[i, 'day_weight']:.0f})" for i in starts]
    fig.update_xaxes(tickvals=list(starts), ticktext=labels, tickangle=-45, row=row, col=1)
    fig.update_yaxes(title_text=unit, row=row, col=1)


def finish_hourly(fig: go.Figure, title: str, unit: str, height: int) -> go.Figure:
    """Stacked bars (uses below zero), the shared layout, no x title."""
    fig.update_layout(barmode="relative", bargap=0)
    fig = layout(fig, title, unit, x_title="", height=height)
    fig.update_xaxes(title_text="")
    return fig
