"""Impossible targets are explained: which target fails, in which year, by how many tonnes, and which levers
are at their limits; each shortfall checked against the one computed by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from helpers import site_with, solve_raw, tiny
from typer.testing import CliRunner

from optimiser.cli import app
from optimiser.errors import InfeasibleError

GROSS_T = 8760 * 0.5 + 1000 * 0.2  # the tiny plant: 4,380 t grid + 200 t gas a year
SCARCE_OFFSETS = {"id": "ccer", "price_per_t": 80, "max_t_per_year": 1000}
PV = {"capex_per_kw": 1000, "area_m2_per_kw": 5.0, "profile": {"specific_yield_kwh_per_kwp": 1100}}


def diagnosis_of(raw: dict):
    with pytest.raises(InfeasibleError) as info:
        solve_raw(raw)
    assert info.value.exit_code == 3
    return info.value.diagnosis, str(info.value)


def shortfall(diagnosis, target: str, year: int) -> float:
    return next(s.amount for s in diagnosis.shortfalls if s.target == target and s.year == year)


def test_neutrality_short_when_offsets_run_out() -> None:
    raw = tiny(
        offsets=[{"id": "ccer", "price_per_t": 80, "max_t_per_year": 1000}], targets={"neutrality": {"year": 2025}}
    )
    diagnosis, message = diagnosis_of(raw)
    for year in (2025, 2026, 2027):
        assert shortfall(diagnosis, "neutrality_target", year) == pytest.approx(GROSS_T - 1000, rel=1e-6)
    assert "neutrality in 2025-2027 is short by 3,580 t a year" in message  # 4,580 t - 1,000 t of offsets
    assert "offsets 'ccer' are at their yearly availability (1,000 t)" in message


def test_neutrality_short_when_the_offsets_policy_caps_them() -> None:
    raw = tiny(
        offsets=[{"id": "ccer", "price_per_t": 80}],
        targets={"neutrality": {"year": 2026}, "offsets": {"max_share_of_base": 0.1}},
    )
    diagnosis, message = diagnosis_of(raw)
    assert shortfall(diagnosis, "neutrality_target", 2026) == pytest.approx(0.9 * GROSS_T, rel=1e-6)
    assert "neutrality in 2026-2027 is short by 4,122 t a year" in message  # 0.9 x 4,580 t
    assert "offsets are capped at 10% of base-year emissions (458 t)" in message  # 0.1 x 4,580 t
    assert all(s.target == "neutrality_target" for s in diagnosis.shortfalls)  # the policy itself holds


def test_cap_exceeded_when_the_roof_is_full() -> None:
    # 2,000 m2 / 5 m2 per kWp = 400 kWp x 1,100 kWh/kWp = 440 MWh used on site -> 220 t less
    raw = site_with(tiny(targets={"caps_t": 4000}), roof_area_m2=2000, pv=PV)
    diagnosis, message = diagnosis_of(raw)
    assert shortfall(diagnosis, "cap_target", 2025) == pytest.approx(GROSS_T - 220 - 4000, rel=1e-6)
    assert shortfall(diagnosis, "cap_target", 2026) == pytest.approx(GROSS_T - 220 * 0.995 - 4000, rel=1e-6)
    assert "the roof at plant is full (2,000 m2)" in message
    assert "offsets" not in message  # offsets do not count against a cap on gross emissions


def test_reduction_short_with_every_retrofit_adopted() -> None:
    led = {"id": "led", "capex": 1e5, "electricity_saving_mwh": 500, "lifetime_years": 10}
    raw = site_with(tiny(targets={"reductions": [{"year": 2027, "vs_base": 0.5}]}), retrofits=[led])
    diagnosis, message = diagnosis_of(raw)
    assert shortfall(diagnosis, "reduction_target", 2027) == pytest.approx(GROSS_T - 250 - 0.5 * GROSS_T, rel=1e-6)
    assert "the 50% cut against the base year by 2027 is short by 2,040 t" in message  # 4,580 - 250 - 2,290
    assert "all retrofits offered at plant are adopted" in message


def test_renewable_share_short_in_mwh() -> None:
    raw = site_with(tiny(targets={"renewable_share": {"min_share": 0.5}}), roof_area_m2=2000, pv=PV)
    diagnosis, message = diagnosis_of(raw)
    # needs 0.5 x 8,760 MWh renewable; the full roof gives 440 MWh in 2025
    assert shortfall(diagnosis, "renewable_share_target", 2025) == pytest.approx(0.5 * 8760 - 440, rel=1e-6)
    assert "of renewable electricity" in message and "the roof at plant is full" in message


def test_cli_exit_3_writes_the_diagnosis_and_no_results(tmp_path: Path) -> None:
    raw = tiny(
        offsets=[{"id": "ccer", "price_per_t": 80, "max_t_per_year": 1000}], targets={"neutrality": {"year": 2025}}
    )
    scenario = tmp_path / "impossible.yaml"
    scenario.write_text(yaml.safe_dump(raw))
    out = tmp_path / "run"
    result = CliRunner().invoke(app, ["run", str(scenario), "--out", str(out), "--quiet"])
    assert result.exit_code == 3
    assert "neutrality in 2025-2027 is short by 3,580 t a year" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "diagnosis.json",
        "diagnosis.txt",
        "manifest.json",
        "shortfalls.csv",
    ]
    table = pd.read_csv(out / "shortfalls.csv")
    assert table["shortfall"].tolist() == pytest.approx([GROSS_T - 1000] * 3)


def test_infeasible_without_targets_names_the_hard_limits() -> None:
    # the grid connection is smaller than the 1,000 kW load and nothing else can supply it
    raw = site_with(tiny(), tariff={"price_per_mwh": {"flat": 600}, "max_import_kw": 500})
    with pytest.raises(InfeasibleError, match="business as usual has no solution, with no target involved") as info:
        solve_raw(raw)
    assert "max_import_kw" in str(info.value) and info.value.exit_code == 3


def test_budget_exceeded_is_told_at_its_last_modelled_year() -> None:
    # 2025-2035 modelled yearly to 2030, then 2035: a budget to 2033 is told at 2030, the last year it covers
    raw = tiny(
        horizon={"start": 2025, "end": 2035, "yearly_until": 2030, "step": 5},
        targets={"budget": {"max_t": 1000, "to_year": 2033}},
    )
    diagnosis, message = diagnosis_of(raw)
    (s,) = diagnosis.shortfalls
    assert s.target == "budget_target" and s.year == 2030
    # the budget counts calendar years 2025-2033: nine of them (2030 stands for 2030-2034, four inside)
    assert s.amount == pytest.approx(9 * GROSS_T - 1000, rel=1e-6)
    assert "the cumulative emissions budget is exceeded by" in message
