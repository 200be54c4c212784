"""roadmap.xlsx for planners: one sheet per table, units in the headers, frozen header row, sensible widths
and number formats. Values are the CSV tables' values (a test checks), only the headers are reworded."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..levers import lever_tables
from .folder import RunFolder
from .intensity import intensity_sheet
from .keyfigures import key_figures

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
FORMULA_STARTS = ("=", "+", "-", "@")  # what a spreadsheet would evaluate
INTEGER, DECIMAL, FACTOR, SHARE = "#,##0", "#,##0.00", "0.0000", "0.0%"


def sheets(run: RunFolder) -> dict[str, tuple[pd.DataFrame, dict[str, tuple[str, str]]]]:
    """Sheet name -> (table, {column: (header with unit, number format)})."""
    cur = run.currency
    targets = run.tables["targets"]
    return {
        "Key figures": (
            pd.DataFrame([(label, value, unit) for label, unit, value in key_figures(run)]).set_axis(
                ["figure", "value", "unit"], axis=1
            ),
            {"figure": ("Key figure", ""), "value": ("Value", DECIMAL), "unit": ("Unit", "")},
        ),
        "Roadmap": (
            run.tables["roadmap"][
                ["year", "site", "lever", "action", "size", "unit", "capex", "annual_cost", "power_kw"]
            ],
            {
                "size": ("Size", DECIMAL),
                "unit": ("Size unit", ""),
                "capex": (f"Capex ({cur})", INTEGER),
                "annual_cost": (f"Yearly cost ({cur}/yr)", INTEGER),
                "power_kw": ("Storage power (kW)", INTEGER),
            },
        ),
        "Emissions": (
            run.case("emissions"),
            {
                "activity": ("Activity", DECIMAL),
                "activity_unit": ("Activity unit", ""),
                "factor_t_per_unit": ("Factor (t CO2e per unit)", FACTOR),
                "t": ("Emissions (t CO2e/yr)", DECIMAL),
            },
        ),
        "Pathway": (
            run.tables["pathway"],
            {"gross_t": ("Gross (t CO2e/yr)", INTEGER), "net_t": ("Net (t CO2e/yr)", INTEGER)},
        ),
        "Abatement": (run.tables["abatement"], {"t": ("Avoided (t CO2e/yr)", INTEGER)}),
        "Costs": (
            run.case("costs"),
            {"value": (f"Cost ({cur}, in its year)", INTEGER), "npv": (f"Present value ({cur})", INTEGER)},
        ),
        "Capacity": (run.tables["capacity"], {"value": ("Value", DECIMAL), "unit": ("Unit", "")}),
        "Targets": (
            targets[["target", "index", "value", "bound", "slack", "binding", "met", "marginal_npv"]],
            {
                "value": ("Value", DECIMAL),
                "bound": ("Bound", DECIMAL),
                "slack": ("Slack (>= 0: met)", DECIMAL),
                "marginal_npv": (f"Cost of 1 unit tighter ({cur}, NPV)", DECIMAL),
            },
        ),
        "Carbon price": (
            run.tables["carbon_price"],
            {
                "implied_price_per_t": (f"Implied carbon price ({cur}/t)", DECIMAL),
                "marginal_npv_per_t": (f"Marginal cost ({cur}/t, NPV)", DECIMAL),
            },
        ),
        **lever_sheets(run),
        "Intensity": intensity_sheet(run),
        "Claims": (
            run.tables["claims"],
            {"margin": ("Margin (>= 0: holds; t or share)", DECIMAL), "unit": ("Margin unit", "")},
        ),
        "Published figures": (
            run.tables["references"],
            {
                "published": ("Published", DECIMAL),
                "plan": ("Plan", DECIMAL),
                "difference": ("Plan - published", DECIMAL),
            },
        ),
        "Full-year check": (
            run.tables["validation"],
            {
                "rep_days": ("Representative days", DECIMAL),
                "full_year": ("Full year (8,760 h)", DECIMAL),
                "difference_pct": ("Difference (%)", DECIMAL),
            },
        ),
        "Assumptions": (assumptions(run), {"field": ("Scenario field", ""), "value": ("Value", "")}),
    }


FORMATS = {"integer": INTEGER, "decimal": DECIMAL, "share": SHARE, "": ""}


def lever_sheets(run: RunFolder) -> dict[str, tuple[pd.DataFrame, dict[str, tuple[str, str]]]]:
    """The sheets of the tables levers own (their `LeverTable.sheet`)."""
    out = {}
    for table in lever_tables():
        if table.sheet is not None:
            title, columns = table.sheet
            spec = {col: (header.format(cur=run.currency), FORMATS[fmt]) for col, (header, fmt) in columns.items()}
            out[title] = (run.tables[table.name], spec)
    return out


def assumptions(run: RunFolder) -> pd.DataFrame:
    """The resolved scenario, one field per row (path, value), as the solver saw it."""
    rows: list[tuple[str, str | int | float]] = []

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict) and value and not all(str(k).isdigit() for k in value):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for i, v in enumerate(value):
                walk(f"{prefix}[{v.get('id', i)}]", v)
        elif value is not None:
            rows.append((prefix, value if isinstance(value, str | int | float) else json.dumps(value)))

    walk("", run.manifest["scenario"])
    return pd.DataFrame(rows, columns=["field", "value"])


def write_roadmap_xlsx(run: RunFolder, path: Path) -> Path:
    """Write the run's workbook (one sheet per table of `sheets`, with headers, units and number formats) to
    `path` and return `path`."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, (frame, formats) in sheets(run).items():
        ws = wb.create_sheet(name)
        columns = list(frame.columns)
        ws.append([formats.get(c, (c.replace("_", " ").capitalize(), ""))[0] for c in columns])
        for row in frame.itertuples(index=False):
            ws.append([None if isinstance(v, float) and pd.isna(v) else _plain(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"  # text from a scenario (a site's name) is never run as a formula
        for j, col in enumerate(columns, start=1):
            fmt = formats.get(col, ("", ""))[1]
            letter = get_column_letter(j)
            if fmt:
                for cell in ws[letter][1:]:
                    cell.number_format = fmt
            shown = [f"{v:,.2f}" if isinstance(v, float) else str(v) for v in frame[col].head(200)]
            width = max(len(c) for c in [str(ws.cell(1, j).value), *shown])
            ws.column_dimensions[letter].width = min(max(10, width + 2), 60)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    wb.save(path)
    return path


def _plain(value: object) -> object:
    """numpy scalars and booleans as plain Python values openpyxl writes natively."""
    return value.item() if hasattr(value, "item") else value
