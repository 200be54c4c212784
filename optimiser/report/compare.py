"""Several runs side by side: pathways overlaid, costs and emissions, and the decisions that differ.

Writes a comparison folder: `compare.html` and the same content as CSV (`runs.csv` with each run's results
folder, `key_figures.csv`, `pathways.csv`, `costs.csv`, `decisions.csv`, `decisions_differ.csv`)."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..results.summary import COMPARED
from ..results.write import atomic_folder, write_csv
from .folder import RunFolder
from .html import figure_html, page, table_html
from .keyfigures import formatted, key_figures
from .style import add_totals, cost_colour, cost_group, cost_group_order, layout

RUN_COLOURS = ["#4C78A8", "#E45756", "#54A24B", "#F58518", "#B279A2", "#72B7B2", "#9D755D"]


def labels(runs: list[RunFolder]) -> list[str]:
    """Run names, made unique with their folder name when two runs share a scenario name."""
    names = [r.name for r in runs]
    return [f"{r.name} ({r.path.name})" if names.count(r.name) > 1 else r.name for r in runs]


def comparison_tables(runs: list[RunFolder]) -> dict[str, pd.DataFrame]:
    names = labels(runs)
    figures = {name: key_figures(run) for name, run in zip(names, runs, strict=True)}
    first = figures[names[0]]
    key = pd.DataFrame({"figure": [f for f, _, _ in first], "unit": [u for _, u, _ in first]})
    for name in names:
        by_label = {f: v for f, _, v in figures[name]}
        key[name] = [by_label.get(f) for f in key["figure"]]
    for extra, unit in COMPARED:
        row: dict[str, Any] = {"figure": extra.replace("_", " ").replace(" t", ""), "unit": unit}
        row |= {name: getattr(run.summary, extra) for name, run in zip(names, runs, strict=True)}
        key = pd.concat([key, pd.DataFrame([row])], ignore_index=True)
    pathways, costs, decisions = [], [], []
    for name, run in zip(names, runs, strict=True):
        path = run.case("pathway").merge(
            run.case("pathway", "bau").rename(columns={"gross_t": "bau_t"})[["year", "bau_t"]], on="year"
        )
        pathways.append(path.assign(run=name))
        c = run.tables["costs"].assign(group=lambda f: f["category"].map(cost_group))
        by_case = c.pivot_table(index="group", columns="case", values="npv", aggfunc="sum").fillna(0.0)
        by_case = by_case.reindex(columns=["plan", "economics"], fill_value=0.0)
        costs.append(
            pd.DataFrame(
                {
                    "run": name,
                    "group": by_case.index,
                    "npv": by_case["plan"].to_numpy(),
                    "above_economics_npv": (by_case["plan"] - by_case["economics"]).to_numpy(),
                }
            )
        )
        rm = run.tables["roadmap"]
        decisions.append(rm.assign(run=name)[["run", "year", "site", "action", "size", "unit", "capex"]])
    decided = pd.concat(decisions, ignore_index=True)
    wide = decided.pivot_table(index=["site", "action", "unit", "year"], columns="run", values="size", aggfunc="sum")
    wide = wide.reindex(columns=names).fillna(0.0).reset_index()
    sizes = wide[names].to_numpy()
    spread = sizes.max(axis=1) - sizes.min(axis=1)
    wide["differs"] = spread > 0.01 * abs(sizes).max(axis=1).clip(min=1e-9)
    runs_table = pd.DataFrame(
        {
            "run": names,
            "scenario": [r.name for r in runs],
            "status": [r.summary.status_label for r in runs],
            "folder": [str(r.path.resolve()) for r in runs],
        }
    )
    return {
        "runs": runs_table,
        "key_figures": key,
        "pathways": pd.concat(pathways, ignore_index=True)[["run", "year", "gross_t", "net_t", "bau_t"]],
        "costs": pd.concat(costs, ignore_index=True),
        "decisions": wide,
        "decisions_differ": wide[wide["differs"]].drop(columns="differs"),
    }


def pathways_figure(tables: dict[str, pd.DataFrame], names: list[str]) -> go.Figure:
    fig = go.Figure()
    paths = tables["pathways"]
    for i, name in enumerate(names):
        p = paths[paths["run"] == name]
        colour = RUN_COLOURS[i % len(RUN_COLOURS)]
        fig.add_scatter(x=p["year"], y=p["net_t"], name=f"{name}: net", line={"color": colour, "width": 3})
        fig.add_scatter(
            x=p["year"], y=p["gross_t"], name=f"{name}: gross", line={"color": colour, "dash": "dot", "width": 1.5}
        )
    first = paths[paths["run"] == names[0]]
    fig.add_scatter(x=first["year"], y=first["bau_t"], name="Business as usual", line={"color": "grey", "dash": "dash"})
    return layout(fig, "Emissions pathways", "t CO2e per year")


def costs_figure(tables: dict[str, pd.DataFrame], names: list[str], currency: str) -> go.Figure:
    """What the targets cost: each run's net present cost above its economics-only plan, by category
    (total net present costs differ by a few per cent at most and would hide the differences)."""
    fig = go.Figure()
    costs = tables["costs"]
    for group in cost_group_order():
        part = costs[costs["group"] == group].set_index("run").reindex(names)
        if part["above_economics_npv"].abs().max() < 1e-6:
            continue
        fig.add_bar(x=names, y=part["above_economics_npv"].fillna(0.0), name=group, marker_color=cost_colour(group))
    totals = costs.groupby("run")["above_economics_npv"].sum().reindex(names)
    add_totals(fig, names, totals.tolist(), "Cost of the targets")
    fig.update_layout(barmode="relative")
    title = "Cost of the targets: net present cost above the economics-only plan, by category"
    return layout(fig, title, f"{currency} (net present value)", x_title="")


def emissions_figure(tables: dict[str, pd.DataFrame], names: list[str]) -> go.Figure:
    key = tables["key_figures"].set_index("figure")
    fig = go.Figure()
    for figure, colour in (("cumulative gross", "#4C78A8"), ("cumulative net", "black")):
        fig.add_bar(x=names, y=[key.loc[figure, n] for n in names], name=figure.capitalize(), marker_color=colour)
    return layout(fig, "Cumulative emissions over the horizon", "t CO2e", x_title="")


def write_comparison(runs: list[RunFolder], target: Path, force: bool = False, numbered: bool = False) -> Path:
    tables = comparison_tables(runs)
    names = labels(runs)

    def fill(tmp: Path) -> None:
        for name, frame in tables.items():
            write_csv(frame, tmp / f"{name}.csv")
        (tmp / "compare.html").write_text(_page(runs, names, tables), encoding="utf-8")

    return atomic_folder(target, fill, force, numbered)


def _page(runs: list[RunFolder], names: list[str], tables: dict[str, pd.DataFrame]) -> str:
    currency = runs[0].currency
    listing = "".join(
        f"<li><b>{html.escape(n)}</b>: {html.escape(r.summary.status_label)}, {html.escape(str(r.path))}</li>"
        for n, r in zip(names, runs, strict=True)
    )
    header = (
        f"<h1>Comparison of {len(runs)} runs</h1>"
        f'<p class="meta">Written {datetime.now().isoformat(timespec="seconds")}</p><ul>{listing}</ul>'
    )
    key = tables["key_figures"].copy()
    for n in names:
        key[n] = key[n].map(formatted)
    differ = tables["decisions_differ"]
    body = [
        "<h2>Key figures</h2>",
        table_html(key),
        "<h2>Emissions pathways</h2>",
        figure_html(pathways_figure(tables, names), "fig-0"),
        "<h2>Cost and emissions side by side</h2>",
        figure_html(costs_figure(tables, names, currency), "fig-1"),
        figure_html(emissions_figure(tables, names), "fig-2"),
        "<h2>Decisions that differ</h2>",
        '<p class="note">Size of each decision per run (0: not taken in that year by that run).</p>',
        table_html(differ, "{:,.1f}") if len(differ) else '<p class="note">All runs take the same decisions.</p>',
    ]
    return page("decarb comparison", header, body)
