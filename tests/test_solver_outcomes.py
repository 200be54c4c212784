"""Solver outcomes are reported honestly: a stopped search is 'feasible' with its gap, never 'optimal'; no
solution means no results; the progress display shows the stage, elapsed time and gap."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from helpers import site_with, solve_raw, tiny
from typer.testing import CliRunner

from optimiser import load_scenario, run_scenario
from optimiser.cli import app
from optimiser.data import build_model_data
from optimiser.errors import SolveError
from optimiser.present import run_summary
from optimiser.progress import Ticker
from optimiser.results.summary import CaseSolve, RunSummary, RunTimings, Solves, ValidationSummary
from optimiser.run import solve_case
from optimiser.solve import SolveOptions

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "scenarios" / "yancheng-zero-carbon.yaml"
runner = CliRunner()


def test_search_stopped_early_is_feasible_with_its_gap_never_optimal() -> None:
    # HiGHS stops at its first improving solution (deterministic with one thread and a fixed seed), as it
    # would at a time limit: a solution, but not proven optimal
    data = build_model_data(load_scenario(FLAGSHIP))
    options = SolveOptions(highs_options={"mip_max_improving_sols": 1})
    _, case = solve_case(data, "economics", 0.0, options)
    result = case.solve
    assert result.status == "feasible"
    assert result.gap > 1e-4
    assert result.objective >= result.dual_bound
    assert result.gap == pytest.approx((result.objective - result.dual_bound) / abs(result.objective), rel=1e-3)
    assert result.label == f"feasible, gap {100 * result.gap:.2f} %"


def test_summary_shows_the_gap_of_a_feasible_plan() -> None:
    solve = CaseSolve(
        status="feasible",
        gap=0.0123,
        objective=1.0,
        **dict.fromkeys(["rows", "columns", "integers", "exclusive_binaries", "export_hours", "rounds"], 0),
        **dict.fromkeys(["build_s", "compile_s", "solve_s", "load_s", "duals_s"], 0.0),
    )
    summary = RunSummary(
        scenario="x",
        currency="CNY",
        status="feasible",
        status_label="feasible, gap 1.23 %",
        warnings=[],
        notes=[],
        highlights=[],
        gap=0.0123,
        highs_status="Time limit reached",
        targets_basis="market",
        years=[2025],
        **dict.fromkeys(["net_present_cost", "net_present_cost_economics", "net_present_cost_bau"], 1.0),
        cost_of_targets=50.0,
        cost_of_targets_range=(0.0, 100.0),
        savings_vs_bau=0.0,
        **dict.fromkeys(["abated_t", "cumulative_gross_t", "cumulative_net_t"], 0.0),
        cost_per_t_abated=None,
        terminal_years=0,
        base_year=2025,
        base_year_t=1.0,
        peak_year=2025,
        first_net_zero_year=None,
        offsets_total_t=0.0,
        emissions_key_years=[],
        solves=Solves(bau=solve, economics=solve, plan=solve),
        timings_s=RunTimings(data=0.0, total=0.0),
        validation=ValidationSummary.of(None),
        claims=[],
    )
    text = run_summary(summary, pd.DataFrame(columns=["year"]))
    assert text.splitlines()[0] == "x: feasible, gap 1.23 %"
    assert "cost of the targets     50 CNY (within 0 to 100 CNY given the MIP gaps)" in text


@pytest.mark.slow  # a whole run of the flagship with stopped solves, against the shipped run (session fixture)
def test_cost_of_targets_range_from_stopped_solves_holds_the_true_cost(shipped_runs: dict) -> None:
    # solves stopped at their first improving solution bracket the cost that the optimal solves found
    stopped = run_scenario(load_scenario(FLAGSHIP), SolveOptions(highs_options={"mip_max_improving_sols": 1}))
    low, high = stopped.summary.cost_of_targets_range
    true = shipped_runs["yancheng-zero-carbon"].summary.cost_of_targets
    assert high - low > 1.0  # the stopped solves leave a real range
    assert low - 1e-6 * abs(true) <= true <= high + 1e-6 * abs(true)


def test_time_limit_without_a_solution_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = runner.invoke(app, ["run", str(FLAGSHIP), "--out", str(out), "--quiet", "--time-limit", "0.001"])
    assert result.exit_code == 4
    assert "no feasible solution found" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_invalid_highs_option_is_refused() -> None:
    data = build_model_data(load_scenario(FLAGSHIP))
    with pytest.raises(SolveError, match="mip_max_improving_solz"):
        solve_case(data, "bau", 0.0, SolveOptions(highs_options={"mip_max_improving_solz": 1}))


def test_live_ticker_shows_stage_elapsed_time_and_gap(capsys: pytest.CaptureFixture[str]) -> None:
    with Ticker("solving plan", enabled=True, live=True) as ticker:
        ticker.update(0.1, 0.0123)
        time.sleep(0.8)
    err = capsys.readouterr().err
    assert re.search(r"\rsolving plan:\s+0\.\d s, gap 1\.23 %", err.replace("\033[K", ""))


@pytest.mark.slow  # the callbacks recorded by the session fixture shipped_runs
def test_progress_callback_reports_elapsed_time_and_gap(shipped_runs: dict) -> None:
    # the session fixture solves the shipped scenarios with a recorder as the progress callback
    calls = shipped_runs["_progress"]["yancheng-zero-carbon"]
    assert calls, "HiGHS never called back during a multi-second MIP solve"
    assert any(gap is not None and 0 <= gap < 1 for _, gap in calls)
    assert all(elapsed >= 0.5 for elapsed, _ in calls)  # first report after half a second, as throttled


def test_run_in_a_log_prints_one_line_per_stage(tmp_path: Path) -> None:
    # the log format does not depend on the scenario: a tiny one with a target (so the full-year check runs)
    # rather than a second solve of the flagship, which the session fixture already solves
    scenario = tmp_path / "tiny.yaml"
    raw = tiny(offsets=[{"id": "ccer", "price_per_t": 80}], targets={"neutrality": {"year": 2026}})
    scenario.write_text(yaml.safe_dump(raw))
    result = runner.invoke(app, ["run", str(scenario), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0
    stages = re.findall(r"^\[\s*\d+\.\d s\] (.+)$", result.stderr, flags=re.M)
    assert stages == [
        "preparing data (profiles, representative days)",
        "solving business as usual",
        "solving economics-only plan",
        "solving plan with targets",
        "checking the plan on the full year (8,760 hours)",
        "writing results and reports",
    ]


def test_numbers_that_invite_numerical_trouble_are_warned_about() -> None:
    # a 5e9 project next to a gas price of 1e-4 per MWh: costs spanning thirteen orders of magnitude
    big = {"id": "big", "capex": 5e9, "electricity_saving_mwh": 0.001, "lifetime_years": 10}
    raw = site_with(tiny(), retrofits=[big], fuels={"natural_gas": {"annual_mwh": 1000, "price_per_mwh": 1e-4}})
    result = solve_raw(raw)
    assert any(w.startswith("objective coefficients (costs) span") for w in result.summary.warnings)
    assert "warning: objective coefficients" in run_summary(result.summary, result.tables["roadmap"])


@pytest.mark.slow  # the shipped runs (session fixture shipped_runs)
def test_shipped_scenarios_hand_over_well_scaled_models(shipped_runs: dict) -> None:
    for name in ("yancheng-zero-carbon", "hefei-equipment-rooftop", "chemical-fibre-national"):
        assert shipped_runs[name].summary.warnings == [], name


def test_unbounded_model_is_an_error_not_a_result() -> None:
    # no valid scenario is unbounded (every lever has a cost or a limit); the hand-over still must say so
    import pyomo.environ as pyo

    from optimiser.model.build import BuiltModel
    from optimiser.solve import solve

    m = pyo.ConcreteModel(name="free-lunch")
    m.x = pyo.Var()
    m.row = pyo.Constraint(expr=m.x <= 10)
    m.net_present_cost = pyo.Objective(expr=m.x)
    with pytest.raises(SolveError, match="unbounded") as info:
        solve(BuiltModel(m, None, None, "targets", 0.0))  # type: ignore[arg-type]
    assert info.value.exit_code == 4
