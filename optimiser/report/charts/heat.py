"""Hourly heat dispatch on the representative days of one year: how each heat demand (steam, hot water) is met,
per site. The existing boilers and each lever's bars (its `heat_series`, levers/) stack to the demand line;
heat taken out (a store charging) is below zero and the line is then met by the rest."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ...levers import LEVERS
from ..folder import RunFolder
from .operations import finish_hourly, hourly_panel

BOILERS = ("Existing boilers", "boiler_kw", "#9D755D")


def has_heat(run: RunFolder) -> bool:
    return not run.tables["heat_dispatch"].empty


def heat_dispatch_figure(run: RunFolder, year: int) -> go.Figure:
    heat = run.tables["heat_dispatch"]
    heat = heat[heat["year"] == year]
    panels = list(heat.groupby(["site", "carrier"], sort=False).groups)
    titles = [f"{site}: {carrier}" for site, carrier in panels]
    fig = make_subplots(rows=len(panels), cols=1, subplot_titles=titles, vertical_spacing=0.3 / max(len(panels), 1))
    series = [BOILERS, *(entry for lever in LEVERS for entry in lever.heat_series)]
    shown: set[str] = set()
    for row, (site, carrier) in enumerate(panels, start=1):
        d = heat[(heat["site"] == site) & (heat["carrier"] == carrier)].reset_index(drop=True)
        x = np.arange(len(d))
        for name, column, colour in series:
            if np.abs(d[column]).max() < 1e-6:
                continue
            fig.add_bar(
                x=x,
                y=d[column],
                name=name,
                marker_color=colour,
                legendgroup=name,
                showlegend=name not in shown,
                row=row,
                col=1,
            )
            shown.add(name)
        hourly_panel(fig, d, row, d["demand_kw"], "Heat demand", "kW heat")
    title = f"Hourly heat dispatch in {year} on the representative days (x: days of the year each stands for)"
    return finish_hourly(fig, title, "kW heat", 300 * len(panels) + 120)
