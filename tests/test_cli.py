"""The `decarb` command line through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from helpers import tiny
from typer.testing import CliRunner

from optimiser.cli import app
from optimiser.errors import DecarbError
from optimiser.report import load_run

runner = CliRunner()


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(
        yaml.safe_dump(tiny(offsets=[{"id": "ccer", "price_per_t": 80}], targets={"neutrality": {"year": 2026}}))
    )
    return path


def test_validate_prints_business_as_usual(scenario: Path) -> None:
    out = runner.invoke(app, ["validate", str(scenario)])
    assert out.exit_code == 0, out.output
    assert "4,580" in out.output  # 8,760 MWh x 0.5 + 1,000 MWh x 0.2 t/MWh
    assert "net zero from 2026" in out.output


def test_run_writes_a_results_folder(scenario: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "run1"
    out = runner.invoke(app, ["run", str(scenario), "--out", str(out_dir), "--quiet"])
    assert out.exit_code == 0, out.output
    assert "optimal" in out.output and "cost of the targets" in out.output
    for name in (
        "summary.json",
        "manifest.json",
        "roadmap.csv",
        "emissions.csv",
        "costs.csv",
        "capacity.csv",
        "dispatch.csv",
        "targets.csv",
    ):
        assert (out_dir / name).exists(), name
    summary = json.loads((out_dir / "summary.json").read_text())
    assert summary["first_net_zero_year"] == 2026
    roadmap = pd.read_csv(out_dir / "roadmap.csv")
    # neutrality from 2026 with offsets only: every tonne, 8,760 MWh x 0.5 + 1,000 MWh x 0.2 t/MWh, is offset
    assert roadmap.query("lever == 'offsets' and year == 2026")["size"].iloc[0] == pytest.approx(4580)
    # a second run never overwrites the first
    again = runner.invoke(app, ["run", str(scenario), "--out", str(out_dir), "--quiet"])
    assert again.exit_code == 1 and "already exists" in again.output


def test_a_folder_reads_back_typed_and_a_broken_summary_is_a_clean_error(scenario: Path, tmp_path: Path) -> None:
    folder = tmp_path / "run"
    out = runner.invoke(app, ["run", str(scenario), "--out", str(folder), "--quiet", "--validate", "none"])
    assert out.exit_code == 0, out.output
    summary = load_run(folder).summary
    # tiny(): 8,760 MWh x 0.5 + 1,000 MWh x 0.2 t/MWh = 4,580 t a year, all of it offset in 2026 and 2027
    assert summary.base_year_t == pytest.approx(4580)
    assert summary.offsets_total_t == pytest.approx(2 * 4580)
    assert summary.first_net_zero_year == 2026
    assert summary.years == [2025, 2026, 2027]
    assert summary.validation.years == []  # --validate none
    written = json.loads((folder / "summary.json").read_text())
    missing = {k: v for k, v in written.items() if k != "net_present_cost"}
    wrong_type = written | {"peak_year": "soon"}
    wrong_nested = written | {"solves": written["solves"] | {"plan": written["solves"]["plan"] | {"rows": "many"}}}
    for content, problem in (
        (missing, "net_present_cost: Field required"),
        (wrong_type, "peak_year: Input should be a valid integer, unable to parse string as an integer (found 'soon')"),
        (wrong_nested, "solves.plan.rows: Input should be a valid integer"),
    ):
        (folder / "summary.json").write_text(json.dumps(content))
        with pytest.raises(DecarbError) as caught:
            load_run(folder)
        assert str(caught.value).startswith(f"{folder / 'summary.json'}: not a summary this version of decarb writes")
        assert problem in str(caught.value)
        report = runner.invoke(app, ["report", str(folder)])
        assert report.exit_code == 1 and problem in report.output and "Traceback" not in report.output


def test_run_twice_gives_identical_tables(scenario: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert runner.invoke(app, ["run", str(scenario), "--out", str(tmp_path / name), "--quiet"]).exit_code == 0
    for table in ("roadmap.csv", "emissions.csv", "costs.csv", "dispatch.csv"):
        assert (tmp_path / "a" / table).read_bytes() == (tmp_path / "b" / table).read_bytes()


def test_set_overrides_a_field(scenario: Path) -> None:
    out = runner.invoke(app, ["validate", str(scenario), "--set", "sites.plant.electricity.annual_mwh=0"])
    assert out.exit_code == 0, out.output
    assert "200" in out.output and "4,580" not in out.output  # gas alone: 1,000 MWh x 0.2 t/MWh


def test_inventory_prints_and_writes(scenario: Path, tmp_path: Path) -> None:
    target = tmp_path / "inv.csv"
    out = runner.invoke(app, ["inventory", str(scenario), "--out", str(target)])
    assert out.exit_code == 0, out.output
    inv = pd.read_csv(target)
    gas = inv.query("source == 'fuel:natural_gas'").iloc[0]
    assert (gas.activity, gas.factor, gas.t_co2e) == pytest.approx((1000, 0.2, 200))  # tiny(): 1,000 MWh x 0.2
    assert inv.query("scope == 'scope2_location'").t_co2e.sum() == pytest.approx(4380)  # 8,760 MWh x 0.5 t/MWh
    assert "4,580.00 t CO2e" in out.output  # counted: 200 + 4,380


def test_inventory_never_overwrites_an_earlier_one(
    scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        assert runner.invoke(app, ["inventory", str(scenario)]).exit_code == 0
    written = sorted(p.name for p in (tmp_path / "results" / "tiny").iterdir())
    assert written == ["inventory-2025-2.csv", "inventory-2025.csv"]  # the default name is numbered, never lost
    mine = tmp_path / "mine.csv"
    mine.write_text("my own notes\n")
    out = runner.invoke(app, ["inventory", str(scenario), "--out", str(mine)])
    assert out.exit_code == 1 and "exists; --force replaces it" in out.output
    assert mine.read_text() == "my own notes\n"
    assert runner.invoke(app, ["inventory", str(scenario), "--out", str(mine), "--force"]).exit_code == 0
    assert pd.read_csv(mine).t_co2e.sum() > 0
    assert not [p for p in tmp_path.rglob(".*tmp")]  # no temporary left behind


def test_schema_is_json_schema() -> None:
    out = runner.invoke(app, ["schema"])
    schema = json.loads(out.output)
    assert "sites" in schema["properties"] and schema["additionalProperties"] is False


def test_bad_input_is_a_clean_error(tmp_path: Path) -> None:
    raw = tiny()
    raw["sites"][0]["roof_aera_m2"] = 100
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw))
    out = runner.invoke(app, ["validate", str(path)])
    assert out.exit_code == 2
    assert "sites[0].roof_aera_m2" in out.output and "did you mean 'roof_area_m2'" in out.output
    assert "Traceback" not in out.output


@pytest.mark.parametrize(
    ("option", "value"),
    [("--gap", "nan"), ("--gap", "-0.1"), ("--gap", "2"), ("--time-limit", "0"), ("--time-limit", "inf")],
)
def test_solver_options_out_of_range_are_usage_errors(scenario: Path, option: str, value: str) -> None:
    out = runner.invoke(app, ["run", str(scenario), option, value, "--quiet"])
    assert out.exit_code == 2  # before anything is solved: a usage error naming the option
    assert option in out.output and "expected a finite number" in out.output


def test_scenario_text_is_never_a_formula_in_the_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    raw = tiny()
    raw["sites"][0]["name"] = '=HYPERLINK("http://example.com","click")'
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(raw))
    out = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "run"), "--quiet", "--validate", "none"])
    assert out.exit_code == 0, out.output
    ws = load_workbook(tmp_path / "run" / "roadmap.xlsx")["Assumptions"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)  # stored as text, not as a formula


def test_a_report_failing_halfway_keeps_the_earlier_reports(scenario: Path, tmp_path: Path, monkeypatch) -> None:
    import optimiser.report as report

    folder = tmp_path / "run"
    assert (
        runner.invoke(app, ["run", str(scenario), "--out", str(folder), "--quiet", "--validate", "none"]).exit_code == 0
    )
    before = {name: (folder / name).read_bytes() for name in ("report.html", "roadmap.xlsx")}

    def broken(run, path) -> None:  # the disk fills up halfway through the workbook
        Path(path).write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report, "write_roadmap_xlsx", broken)
    out = runner.invoke(app, ["report", str(folder)])
    assert out.exit_code == 1 and "No space left on device" in out.output and "earlier reports are kept" in out.output
    assert (folder / "roadmap.xlsx").read_bytes() == before["roadmap.xlsx"]  # the earlier workbook, whole
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left
