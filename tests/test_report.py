"""Reports: built from the results folder alone, complete, offline; the workbook equals the CSV tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import SHIPPED, report_figures
from openpyxl import load_workbook
from typer.testing import CliRunner

from optimiser.cli import app
from optimiser.errors import DecarbError
from optimiser.report import load_run
from optimiser.report.excel import sheets

pytestmark = pytest.mark.slow  # every test reads the shipped results folders (session fixture shipped_folders)

runner = CliRunner()
SHEETS = ["Key figures", "Roadmap", "Emissions", "Pathway", "Abatement", "Costs", "Capacity", "Targets"]


@pytest.mark.parametrize("name", SHIPPED)
def test_report_is_self_contained_and_labelled(shipped_folders: dict, name: str) -> None:
    text = (shipped_folders[name] / "report.html").read_text(encoding="utf-8")
    assert text.count("plotly.js v") == 1  # the library embedded once (its banner comment)
    assert "<script src=" not in text  # nothing loaded from elsewhere (the browser test also blocks the network)
    assert f"<h1>{name}</h1>" in text
    summary = load_run(shipped_folders[name]).summary
    assert summary.status_label in text
    assert text.count('class="plotly-graph-div"') == len(report_figures(name))
    for title in report_figures(name):
        assert f"<h2>{title}</h2>" in text, title
    for unit in ("t CO2e per year", "t CO2e avoided per year", "CNY per year", "kWp", "kWh", "kW", "MWh per year"):
        assert unit in text, unit


@pytest.mark.parametrize("name", SHIPPED)
def test_workbook_values_equal_the_csv_tables(shipped_folders: dict, name: str) -> None:
    folder = shipped_folders[name]
    wb = load_workbook(folder / "roadmap.xlsx")
    assert wb.sheetnames[: len(SHEETS)] == SHEETS
    assert wb.sheetnames[-1] == "Assumptions"
    run = load_run(folder)
    for sheet, (frame, _) in sheets(run).items():
        ws = wb[sheet]
        assert ws.freeze_panes == "A2", sheet
        assert all(cell.font.bold for cell in ws[1]), sheet
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert len(rows) == len(frame), sheet
        for j, col in enumerate(frame.columns):
            got = [r[j] for r in rows]
            assert all(_same(g, e) for g, e in zip(got, frame[col], strict=True)), (sheet, col)
    # the sheets hold the CSV tables, not copies of them: check two against the files on disk
    roadmap = pd.read_csv(folder / "roadmap.csv")
    header = [c.value for c in wb["Roadmap"][1]]
    assert "Capex (CNY)" in header and "Yearly cost (CNY/yr)" in header
    column = header.index("Capex (CNY)")
    capex = [r[column] for r in wb["Roadmap"].iter_rows(min_row=2, values_only=True)]
    assert capex == pytest.approx(roadmap["capex"].tolist())


def _same(got: object, expected: object) -> bool:
    """A workbook cell against the table value: numbers to 1e-12 relative, empty for NaN, else text."""
    if (isinstance(expected, float) and pd.isna(expected)) or expected == "":
        return got is None  # Excel has no empty string and no NaN: both are an empty cell
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(got, int | float) and got == pytest.approx(expected, rel=1e-12, abs=1e-12)
    return str(got) == str(expected)


def test_targets_sheet_says_met_with_slack(shipped_folders: dict) -> None:
    ws = load_workbook(shipped_folders["hefei-equipment-rooftop"] / "roadmap.xlsx")["Targets"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert rows and all(r["Met"] is True for r in rows)
    assert all(r["Slack (>= 0: met)"] >= -1e-6 for r in rows)
    neutrality = [r for r in rows if r["Target"] == "neutrality_target"]
    assert neutrality and all(r["Binding"] for r in neutrality)


def test_claims_sheet_says_the_flagship_claim_holds_from_2023(shipped_folders: dict) -> None:
    ws = load_workbook(shipped_folders["yancheng-zero-carbon"] / "roadmap.xlsx")["Claims"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert {r["Year"] for r in rows if not r["Supported"]} == {2022}  # before the certification year only
    assert "Margin (>= 0: holds; t or share)" in header


def test_report_command_rebuilds_from_the_folder_alone(shipped_folders: dict, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(shipped_folders["hefei-equipment-rooftop"], folder)
    (folder / "report.html").unlink()
    (folder / "roadmap.xlsx").unlink()
    out = runner.invoke(app, ["report", str(folder), "--dispatch-year", "2030"])
    assert out.exit_code == 0, out.output
    assert "Hourly dispatch in 2030" in (folder / "report.html").read_text(encoding="utf-8")
    assert load_workbook(folder / "roadmap.xlsx").sheetnames[: len(SHEETS)] == SHEETS


def test_report_errors_are_clean(shipped_folders: dict, tmp_path: Path) -> None:
    out = runner.invoke(app, ["report", str(shipped_folders["hefei-equipment-rooftop"]), "--dispatch-year", "1999"])
    assert out.exit_code == 1 and "1999 is not a modelled year" in out.output
    broken = tmp_path / "broken"
    shutil.copytree(shipped_folders["hefei-equipment-rooftop"], broken)
    (broken / "costs.csv").unlink()
    out = runner.invoke(app, ["report", str(broken)])
    assert out.exit_code == 1 and "costs.csv is missing" in out.output and "Traceback" not in out.output
    with pytest.raises(DecarbError, match="no such directory"):
        load_run(tmp_path / "nowhere")
