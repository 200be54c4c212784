"""Annual cost stack, net present cost of the three cases, and the renewable share against its target."""

from __future__ import annotations

import plotly.graph_objects as go

from ...scenario.trajectory import at, first_year
from ..folder import RunFolder
from ..style import CASE_LABELS, add_totals, cost_colour, cost_group, cost_group_order, layout


def cost_stack_figure(run: RunFolder) -> go.Figure:
    costs = run.case("costs").assign(group=lambda f: f["category"].map(cost_group))
    stack = costs.groupby(["group", "year"], as_index=False)["value"].sum()
    fig = go.Figure()
    for group in cost_group_order():
        part = stack[stack["group"] == group]
        if part.empty or part["value"].abs().max() < 1e-6:
            continue
        fig.add_bar(x=part["year"], y=part["value"], name=group, marker_color=cost_colour(group))
    total = stack.groupby("year", as_index=False)["value"].sum()
    fig.add_scatter(x=total["year"], y=total["value"], name="Net cost", line={"color": "black"})
    fig.update_layout(barmode="relative")
    cur = run.currency
    title = "Annual costs of the plan (undiscounted; capital annualised over each asset's life)"
    return layout(fig, title, f"{cur} per year")


def npc_figure(run: RunFolder) -> go.Figure:
    costs = run.tables["costs"].assign(group=lambda f: f["category"].map(cost_group))
    npv = costs.groupby(["case", "group"], as_index=False)["npv"].sum()
    cases = [c for c in ("bau", "economics", "plan") if c in set(npv["case"])]
    fig = go.Figure()
    for group in cost_group_order():
        part = npv[npv["group"] == group].set_index("case").reindex(cases)
        if part["npv"].abs().max() < 1e-6:
            continue
        fig.add_bar(
            x=[CASE_LABELS[c] for c in cases], y=part["npv"].fillna(0.0), name=group, marker_color=cost_colour(group)
        )
    totals = npv.groupby("case")["npv"].sum().reindex(cases)
    add_totals(fig, [CASE_LABELS[c] for c in cases], totals.tolist(), "Net present cost")
    fig.update_layout(barmode="relative")
    return layout(fig, "Net present cost by case", f"{run.currency} (net present value)", x_title="")


ONSITE, GREEN = "#F2CF5B", "#54A24B"  # the renewable-share table's two supply columns (results/extract.py)


def renewable_share_figure(run: RunFolder) -> go.Figure:
    """Renewable supply against consumption on the basis the target uses (electricity, or all energy)."""
    share = run.tables["renewable_share"]
    basis = str(share["basis"].iloc[0]) if len(share) else "electricity"
    fig = go.Figure()
    onsite_net = share["onsite_re_mwh"] - share["storage_losses_mwh"]
    years = share["year"]
    fig.add_bar(x=years, y=onsite_net, name="On-site renewables used, after storage losses", marker_color=ONSITE)
    fig.add_bar(x=years, y=share["green_mwh"], name="Green electricity (certificates, PPAs)", marker_color=GREEN)
    fig.add_scatter(
        x=share["year"], y=share["consumption_mwh"], name=f"Consumption ({basis} basis)", line={"color": "#4C78A8"}
    )
    fig.add_scatter(
        x=share["year"],
        y=100 * share["renewable_share"],
        name=f"Renewable share, % ({basis} basis)",
        yaxis="y2",
        line={"color": "black"},
    )
    rs = run.scenario.targets.renewable_share
    if rs is not None:
        start = first_year(rs.min_share) or share["year"].min()
        years = [y for y in share["year"] if y >= start]
        fig.add_scatter(
            x=years,
            y=[100 * at(rs.min_share, y) for y in years],
            name=f"Target, % ({rs.basis} basis)",
            yaxis="y2",
            mode="lines+markers",
            line={"color": "#E45756", "dash": "dash", "shape": "hv"},
        )
    fig.update_layout(
        barmode="stack",
        yaxis2={
            "title": {"text": f"renewable share, % ({basis} basis)"},
            "overlaying": "y",
            "side": "right",
            "range": [0, 105],
        },
    )
    title = f"Renewable share of {'all energy' if basis == 'energy' else 'electricity'} consumed, and its target"
    return layout(fig, title, "MWh per year")
