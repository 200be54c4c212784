"""On-site wind (optimiser/levers/wind.py): the lever written only against the contract, checked by hand on the
tiny scenario (flat 1,000 kW load, 600 CNY/MWh, grid 0.5 t/MWh, 2025-2027, 6 % discount rate)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import site_with, solve_raw, tiny

from optimiser.errors import ScenarioError
from optimiser.scenario.load import validate_raw

CF = 0.25  # a flat profile: every hour gives a quarter of the installed kW
CRF_20Y = 0.06 / (1 - 1.06**-20)  # capital recovery factor of a 20-year asset at 6 %: 0.087185


def _profile(tmp_path: Path, values: np.ndarray) -> str:
    path = tmp_path / "wind.csv"
    path.write_text("kw_per_kw\n" + "\n".join(f"{v:.6f}" for v in values) + "\n")
    return str(path)


def _wind(tmp_path: Path, capex_per_kw: float, max_kw: float = 2000.0) -> dict:
    profile = _profile(tmp_path, np.full(8760, CF))
    return site_with(tiny(), wind={"profile": profile, "capex_per_kw": capex_per_kw, "max_kw": max_kw})


def test_wind_that_pays_fills_its_limit_and_every_table_says_so(tmp_path: Path) -> None:
    # a kW of wind saves 0.25 x 8.76 MWh x 600 = 1,314 CNY a year and costs 10,000 x CRF = 871.85 a year: build all
    run = solve_raw(_wind(tmp_path, capex_per_kw=10_000.0))
    t = run.tables
    roadmap = t["roadmap"].query("lever == 'wind'")
    assert roadmap[["year", "size", "capex"]].values.tolist() == [[2025, pytest.approx(2000.0), pytest.approx(2e7)]]
    cap = t["capacity"].query("quantity == 'wind_capacity'")["value"]
    assert cap.tolist() == pytest.approx([2000.0] * 3)
    d = t["dispatch"]
    assert d["wind_kw"].to_numpy() == pytest.approx(np.full(len(d), 500.0))  # 2,000 kW x 0.25
    assert d["import_kw"].to_numpy() == pytest.approx(np.full(len(d), 500.0))  # 1,000 kW load - 500 kW wind
    used = t["activity"].query("case == 'plan' and lever == 'wind' and quantity == 'used_mwh'")["value"]
    assert used.tolist() == pytest.approx([4380.0] * 3)  # 500 kW x 8,760 h
    wedge = t["abatement"].query("lever == 'wind'").set_index("year")["t"]
    assert wedge.tolist() == pytest.approx([2190.0] * 3)  # 4,380 MWh x 0.5 t/MWh
    capital = t["costs"].query("case == 'plan' and category == 'capital_wind'")["value"]
    assert capital.tolist() == pytest.approx([2e7 * CRF_20Y] * 3)  # 1,743,709 CNY a year
    share = t["renewable_share"].set_index("year")["renewable_share"]
    assert share.tolist() == pytest.approx([0.5] * 3)  # 4,380 of 8,760 MWh


def test_wind_that_does_not_pay_is_not_built(tmp_path: Path) -> None:
    # 20,000 x CRF = 1,743.7 CNY a year per kW against 1,314 saved: the economics leave it out
    run = solve_raw(_wind(tmp_path, capex_per_kw=20_000.0))
    assert run.tables["roadmap"].query("lever == 'wind'").empty
    assert (run.tables["dispatch"]["wind_kw"] == 0).all()


def test_a_profile_in_kw_of_a_farm_is_refused_naming_the_file_and_field(tmp_path: Path) -> None:
    raw = _wind(tmp_path, capex_per_kw=10_000.0)
    raw["sites"][0]["wind"]["profile"] = _profile(tmp_path, np.full(8760, 1500.0))
    with pytest.raises(ScenarioError, match=r"sites\[0\]\.wind\.profile.*between 0 and 1, found 1,500"):
        solve_raw(raw)


def test_existing_wind_above_the_site_limit_is_a_schema_error(tmp_path: Path) -> None:
    raw = _wind(tmp_path, capex_per_kw=10_000.0)
    raw["sites"][0]["wind"]["existing_kw"] = 3000.0
    with pytest.raises(ScenarioError, match="existing_kw"):
        validate_raw(raw, Path("tiny.yaml"))


def test_the_wind_example_scenario_solves_with_every_invariant() -> None:
    from invariants import check_all

    from optimiser import SolveOptions, load_scenario, run_scenario

    scenario = load_scenario(Path(__file__).resolve().parents[1] / "scenarios" / "wind-jiangsu-coast.yaml")
    run = run_scenario(scenario, SolveOptions(mip_rel_gap=1e-4), validate_years="none")
    check_all(run)
    cap = run.tables["capacity"].query("quantity == 'wind_capacity'").set_index("year")["value"]
    assert 0 < cap.max() <= 4500 + 1e-6  # built, within the site's limit
    d = run.tables["dispatch"]
    assert (d["wind_kw"] <= cap.reindex(d["year"]).to_numpy() + 1e-6).all()  # never above nameplate
