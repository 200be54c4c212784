"""One look for every chart: labels with units and a layout. Lever names, colours and cost groups come from the
lever registry (levers/), never from tables here."""

from __future__ import annotations

import plotly.graph_objects as go

from ..levers import COST_COLOURS, all_shown, cost_colour, cost_group, cost_group_order, shown

__all__ = ["COST_COLOURS", "cost_colour", "cost_group", "cost_group_order", "lever_colour", "lever_label"]

CASE_LABELS = {"bau": "Business as usual", "economics": "Economics only", "plan": "Plan with targets"}


def lever_label(key: str) -> str:
    """English display name of a lever key (levers/ declares them; an unknown key is an error)."""
    return shown(key).en


def lever_colour(key: str) -> str:
    return shown(key).colour


def lever_order() -> list[str]:
    """Lever keys in registry order (the wedges and roadmap legends follow it)."""
    return list(all_shown())


def source_label(scope: str, source: str) -> str:
    scope_name = {
        "scope1": "Scope 1",
        "scope2_location": "Scope 2",
        "scope2_market": "Scope 2",
        "scope3": "Scope 3",
    }.get(scope, scope)
    return f"{scope_name}: {source.removeprefix('fuel:').replace('_', ' ')}"


def layout(fig: go.Figure, title: str, y_title: str, x_title: str = "Year", height: int = 440) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "xanchor": "left"},
        template="plotly_white",
        height=height,
        margin={"l": 70, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0.0},
        font={"size": 12},
        hovermode="x unified",
    )
    fig.update_yaxes(title_text=y_title, separatethousands=True)
    fig.update_xaxes(title_text=x_title)
    return fig


def add_totals(fig: go.Figure, x: list[str], totals: list[float], name: str) -> None:
    """A black bar-wide tick with the total (in millions) above each stacked bar."""
    fig.add_scatter(
        x=x,
        y=totals,
        mode="markers+text",
        name=name,
        text=[f"{v / 1e6:,.2f} M" for v in totals],
        textposition="top center",
        marker={"color": "black", "symbol": "line-ew-open", "size": 30, "line": {"width": 3}},
    )
