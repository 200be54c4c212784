"""report.html: one self-contained page (plotly.js embedded once, nothing loaded from the internet)."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from ..errors import DecarbError
from .charts.economics import cost_stack_figure, npc_figure, renewable_share_figure
from .charts.emissions import pathway_figure, wedges_figure
from .charts.heat import has_heat, heat_dispatch_figure
from .charts.investment import capacity_figure, roadmap_figure
from .charts.operations import default_dispatch_year, dispatch_figure
from .claims import claims_section, references_section
from .folder import RunFolder
from .intensity import intensity_section
from .keyfigures import formatted, key_figures
from .sections import lever_sections, notes_section, validation_section

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans SC", sans-serif; margin: 0;
       color: #222; background: #fafafa; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
header { border-bottom: 2px solid #4C78A8; margin-bottom: 16px; }
h1 { margin: 8px 0 4px; font-size: 1.6em; } h2 { margin-top: 32px; font-size: 1.25em; }
.meta { color: #555; margin: 4px 0 12px; }
.status-optimal { color: #2e7d32; font-weight: 600; } .status-feasible { color: #b26a00; font-weight: 600; }
table { border-collapse: collapse; background: white; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 4px 10px; } th { background: #f0f3f8; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.figure { background: white; border: 1px solid #e5e5e5; margin: 12px 0; padding: 4px; }
.note { color: #555; font-size: 0.9em; }
.warning { color: #8a4b00; background: #fff4e0; border: 1px solid #f0c36d; padding: 4px 8px; }
"""


def page(title: str, header_html: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>{CSS}</style>",
            f'<script type="text/javascript">{get_plotlyjs()}</script>',
            "</head><body><main>",
            f"<header>{header_html}</header>",
            *body,
            "</main></body></html>",
        ]
    )


def figure_html(fig: go.Figure, div_id: str) -> str:
    inner = fig.to_html(
        full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False, "responsive": True}
    )
    return f'<div class="figure">{inner}</div>'


def table_html(frame: pd.DataFrame, numeric_format: str = "{:,.0f}") -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            if isinstance(value, float):
                text = "" if pd.isna(value) else numeric_format.format(value)
                cells.append(f'<td class="num">{text}</td>')
            elif isinstance(value, int) and not isinstance(value, bool):  # years, counts: no separators
                cells.append(f'<td class="num">{value}</td>')
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _header(run: RunFolder) -> str:
    s = run.summary
    status_class = "status-optimal" if s.status == "optimal" else "status-feasible"
    created = run.manifest.get("created", "")
    years = s.years
    description = run.scenario.description or ""
    return (
        f"<h1>{html.escape(run.name)}</h1>"
        f'<p class="meta">{html.escape(description)}</p>'
        f'<p class="meta">Run {html.escape(created)} · years {years[0]}-{years[-1]} · targets on '
        f'{html.escape(run.basis)}-based Scope 2 · solver status: <span class="{status_class}">'
        f"{html.escape(s.status_label)}</span></p>"
        + "".join(f'<p class="warning">Warning: {html.escape(w)}</p>' for w in s.warnings)
    )


def _key_figures_table(run: RunFolder) -> str:
    rows = [(label, formatted(value), unit) for label, unit, value in key_figures(run)]
    return table_html(pd.DataFrame(rows, columns=["Key figure", "Value", "Unit"]))


def _roadmap_table(run: RunFolder) -> str:
    rm = run.tables["roadmap"]
    if rm.empty:
        return '<p class="note">Nothing to build, adopt or buy.</p>'
    cur = run.currency
    out = rm[["year", "site", "action", "size", "unit", "power_kw", "capex", "annual_cost"]].rename(
        columns={"power_kw": "storage power, kW", "capex": f"capex, {cur}", "annual_cost": f"yearly cost, {cur}"}
    )
    return table_html(out)


def _targets_table(run: RunFolder) -> str:
    t = run.tables["targets"]
    if t.empty:
        return '<p class="note">No targets: the plan is the economics-only plan.</p>'
    out = t[["target", "index", "value", "bound", "slack", "met", "marginal_npv"]].rename(
        columns={"marginal_npv": f"cost of 1 unit tighter, {run.currency} (NPV)"}
    )
    return table_html(out)


def write_report(run: RunFolder, path: Path, dispatch_year: int | None = None) -> Path:
    """Write the self-contained HTML report of a run to `path` and return `path`. The hourly dispatch chart shows
    `dispatch_year` (default: the neutrality year if there is one, else the last modelled year); a year that is not
    modelled raises DecarbError."""
    year = default_dispatch_year(run) if dispatch_year is None else dispatch_year
    if year not in run.summary.years:
        raise DecarbError(f"--dispatch-year {year} is not a modelled year; choose one of {run.summary.years}")
    figures = [
        ("Emissions pathway", pathway_figure(run)),
        ("Abatement wedges", wedges_figure(run)),
        ("Investment roadmap", roadmap_figure(run)),
        ("Capacity and roof use", capacity_figure(run)),
        ("Annual costs", cost_stack_figure(run)),
        ("Net present cost", npc_figure(run)),
        ("Renewable share", renewable_share_figure(run)),
        ("Hourly dispatch", dispatch_figure(run, year)),
    ]
    if has_heat(run):
        figures.append(("Hourly heat dispatch", heat_dispatch_figure(run, year)))
    body = ["<h2>Key figures</h2>", _key_figures_table(run)]
    for i, (title, fig) in enumerate(figures):
        body += [f"<h2>{html.escape(title)}</h2>", figure_html(fig, f"fig-{i}")]
    body += ["<h2>Decisions</h2>", _roadmap_table(run), "<h2>Targets</h2>", _targets_table(run)]
    body += intensity_section(run, table_html)
    body += claims_section(run, table_html) + references_section(run, table_html)
    body += lever_sections(run, table_html) + validation_section(run, table_html) + notes_section(run)
    body.append(
        '<p class="note">Built from the results folder by decarb; every number is in the CSV tables beside '
        "this page. Costs in the scenario's currency; emissions in t CO2e.</p>"
    )
    path.write_text(page(f"decarb report: {run.name}", _header(run), body), encoding="utf-8")
    return path
