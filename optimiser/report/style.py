"""One look for every chart: colours per lever, scope and cost category, labels with units, a layout."""

from __future__ import annotations

import plotly.graph_objects as go

LEVER_LABELS = {
    "efficiency": "Efficiency retrofits",
    "electrification": "Electrification",
    "process": "Process measures",
    "onsite_pv": "On-site PV",
    "storage": "Storage (losses)",
    "green_electricity": "Green electricity",
    "offsets": "Offsets",
    "other": "Other (timing, interactions)",
}
LEVER_COLOURS = {
    "efficiency": "#4C78A8",
    "electrification": "#72B7B2",
    "process": "#9D755D",
    "onsite_pv": "#F2CF5B",
    "storage": "#B279A2",
    "green_electricity": "#54A24B",
    "offsets": "#88D27A",
    "other": "#BAB0AC",
}
COST_GROUPS = {  # cost table category -> stack label
    "capital_pv": "Capital (annualised)",
    "capital_storage": "Capital (annualised)",
    "capital_retrofits": "Capital (annualised)",
    "storage_wear": "Battery wear",
    "om_pv": "O&M",
    "om_storage": "O&M",
    "om_retrofits": "O&M",
    "electricity": "Electricity",
    "export_revenue": "Export revenue",
    "demand_charge": "Demand charges",
    "fuel": "Fuel",
    "green_electricity": "Certificates",
    "offsets": "Offsets",
    "carbon_price": "Carbon price",
}
COST_COLOURS = {
    "Capital (annualised)": "#4C78A8",
    "Battery wear": "#D6A5C9",
    "O&M": "#9ECAE9",
    "Electricity": "#F58518",
    "Export revenue": "#FFBF79",
    "Demand charges": "#E45756",
    "Fuel": "#9D755D",
    "Certificates": "#54A24B",
    "Offsets": "#88D27A",
    "Carbon price": "#B279A2",
}
CASE_LABELS = {"bau": "Business as usual", "economics": "Economics only", "plan": "Plan with targets"}


def lever_label(lever: str) -> str:
    return LEVER_LABELS.get(lever, lever.replace("_", " ").capitalize())


def cost_group(category: str) -> str:
    return COST_GROUPS.get(category, category)


def source_label(scope: str, source: str) -> str:
    scope_name = {"scope1": "Scope 1", "scope2_location": "Scope 2", "scope2_market": "Scope 2"}.get(scope, scope)
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
