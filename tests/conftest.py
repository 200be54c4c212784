from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ["yancheng-zero-carbon", "hefei-equipment-rooftop", "chemical-fibre-national"]
# the charts every report.html holds, each under its own heading (README "Reports", optimiser/report/html.py)
REPORT_FIGURES = [
    "Emissions pathway",
    "Abatement wedges",
    "Investment roadmap",
    "Capacity and roof use",
    "Annual costs",
    "Net present cost",
    "Renewable share",
    "Hourly dispatch",
]
WITH_HEAT = {"chemical-fibre-national"}  # shipped scenarios with heat demands: their reports add the heat chart


def report_figures(name: str) -> list[str]:
    """The charts the report of a shipped scenario holds."""
    return REPORT_FIGURES + (["Hourly heat dispatch"] if name in WITH_HEAT else [])


@pytest.fixture(scope="session")
def shipped_runs() -> dict:
    """Each shipped scenario solved once per test session (the real solver on the real model); `_progress`
    holds the progress callbacks HiGHS made for each."""
    from optimiser import load_scenario, run_scenario

    runs: dict = {"_progress": {}}
    for name in SHIPPED:
        calls: list[tuple[float, float | None]] = runs["_progress"].setdefault(name, [])
        runs[name] = run_scenario(
            load_scenario(ROOT / "scenarios" / f"{name}.yaml"), progress=lambda t, g, c=calls: c.append((t, g))
        )
    return runs


@pytest.fixture(scope="session")
def shipped_folders(shipped_runs: dict, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each shipped run written as `decarb run` writes it: tables, summary, manifest, report.html, roadmap.xlsx."""
    from optimiser.report import build_reports, load_run
    from optimiser.results.write import write_results

    root = tmp_path_factory.mktemp("results")
    return {
        name: write_results(
            shipped_runs[name], root / name, {"scenario_file": name}, finish=lambda p: build_reports(load_run(p))
        )
        for name in SHIPPED
    }


@pytest.fixture(scope="session")
def comparison_env(tmp_path_factory: pytest.TempPathFactory):
    """A working directory of its own, so `results/` of the comparison runs lands in a temporary folder."""
    import os

    from typer.testing import CliRunner

    from optimiser.cli import app

    workdir = tmp_path_factory.mktemp("compare")
    old = os.getcwd()
    os.chdir(workdir)
    yield CliRunner(), app, workdir
    os.chdir(old)


@pytest.fixture(scope="session")
def comparison(comparison_env, shipped_folders: dict) -> Path:
    """National case (an existing results folder) vs neutrality in 2050 vs no offsets (scenario files)."""
    runner, app, workdir = comparison_env
    inputs = [
        str(shipped_folders["chemical-fibre-national"]),
        str(ROOT / "scenarios" / "chemical-fibre-neutral-2050.yaml"),
        str(ROOT / "scenarios" / "chemical-fibre-no-offsets.yaml"),
    ]
    out = runner.invoke(app, ["compare", *inputs, "--out", str(workdir / "cmp")])
    assert out.exit_code == 0, out.output
    return workdir / "cmp"
