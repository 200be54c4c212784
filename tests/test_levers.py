"""Per-lever micro scenarios whose optimum is computed by hand in the test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import HEAT_PUMP, annuity, site_with, solve_raw, tiny

YEARS = [2025, 2026, 2027]


def test_offsets_only_neutrality_costs_discounted_tonnes_times_price() -> None:
    raw = tiny(
        offsets=[{"id": "ccer", "price_per_t": 80}],
        targets={"neutrality": {"year": 2025}},
    )
    result = solve_raw(raw)
    yearly_t = 8760 * 0.5 + 1000 * 0.2  # grid 4,380 t + gas 200 t, every year
    expected_extra = yearly_t * 80 * annuity(0.06, YEARS)
    assert result.summary.cost_of_targets == pytest.approx(expected_extra, rel=1e-6)
    assert result.summary.net_present_cost - result.summary.net_present_cost_bau == pytest.approx(
        expected_extra, rel=1e-6
    )
    assert result.summary.offsets_total_t == pytest.approx(3 * yearly_t, rel=1e-6)


def test_retrofit_that_pays_back_is_adopted_in_its_first_allowed_year() -> None:
    # saves 500 MWh x 600 CNY/MWh = 300,000 CNY a year for 100,000 CNY: adopt as early as allowed
    raw = site_with(
        tiny(),
        retrofits=[
            {"id": "led", "capex": 1e5, "electricity_saving_mwh": 500, "lifetime_years": 10, "earliest_year": 2026}
        ],
    )
    result = solve_raw(raw)
    roadmap = result.tables["roadmap"]
    assert list(roadmap["year"]) == [2026]
    assert list(roadmap["action"]) == ["adopt led"]
    saving = 500 * 600 * (1.06**-1 + 1.06**-2)
    crf = 0.06 / (1 - 1.06**-10)  # capital annualised over the 10-year life, paid in the two years it serves
    capital = 1e5 * crf * (1.06**-1 + 1.06**-2)
    assert result.summary.savings_vs_bau == pytest.approx(saving - capital, rel=1e-6)


def test_retrofit_that_does_not_pay_is_left_out() -> None:
    raw = site_with(tiny(), retrofits=[{"id": "gold", "capex": 1e8, "electricity_saving_mwh": 10, "lifetime_years": 5}])
    assert solve_raw(raw).tables["roadmap"].empty


def test_storage_arbitrage_on_a_two_price_day() -> None:
    # existing 1,000 kWh / 1,000 kW battery, eta 0.9 each way, valley 200 and peak 1,000 CNY/MWh:
    # per day store 1,000 kWh (buy 1,111.1 kWh at 0.2) and deliver 900 kWh at 1.0 -> 677.78 CNY/day
    tariff = {
        "period_hours": {"valley": list(range(12)), "peak": list(range(12, 24))},
        "price_per_mwh": {"valley": 200, "peak": 1000},
    }
    storage = {
        "capex_per_kwh": 500,
        "charge_efficiency": 0.9,
        "discharge_efficiency": 0.9,
        "existing_kwh": 1000,
        "existing_kw": 1000,
        "earliest_year": 2030,
        "max_duration_hours": 1,
        "soc_min_share": 0.0,
        "soc_max_share": 1.0,
        "cycle_life": 100000,  # no wear: 365 cycles a year are far inside what the calendar life includes
    }
    with_battery = solve_raw(site_with(tiny(), tariff=tariff, storage=storage))
    without = solve_raw(site_with(tiny(), tariff=tariff))
    bill = {
        name: r.cases["bau"].costs.query("category == 'electricity' and year == 2025")["value"].sum()
        for name, r in (("with", with_battery), ("without", without))
    }
    assert bill["without"] - bill["with"] == pytest.approx(365 * (900 * 1.0 - 1000 / 0.9 * 0.2), rel=1e-6)


def test_roof_limit_binds_when_pv_pays() -> None:
    # PV at 1,000 CNY/kWp against 600 CNY/MWh grid power: build as much as the roof takes
    pv = {"capex_per_kw": 1000, "area_m2_per_kw": 5.0, "profile": {"specific_yield_kwh_per_kwp": 1100}}
    result = solve_raw(site_with(tiny(), roof_area_m2=2000, pv=pv))
    cap = result.tables["capacity"].query("quantity == 'pv_capacity'")["value"]
    assert cap.tolist() == pytest.approx([400.0] * 3)  # 2,000 m2 / 5 m2 per kWp


def test_minimum_build_larger_than_roof_means_no_pv() -> None:
    pv = {"capex_per_kw": 1000, "area_m2_per_kw": 5.0, "min_build_kw": 500}
    result = solve_raw(site_with(tiny(), roof_area_m2=2000, pv=pv))
    assert result.tables["roadmap"].empty


def test_green_electricity_covers_market_based_scope2_only() -> None:
    raw = tiny(green_electricity={"price_per_mwh": 10}, targets={"basis": "market", "caps_t": 200})
    result = solve_raw(raw)
    em = result.tables["emissions"].query("case == 'plan' and year == 2026")
    market = em.query("scope == 'scope2_market'")["t"].sum()
    location = em.query("scope == 'scope2_location'")["t"].sum()
    assert market == pytest.approx(0.0, abs=1e-6)  # gas 200 t fills the cap; all imports certified
    assert location == pytest.approx(8760 * 0.5)  # the physical grid factor is untouched
    assert result.summary.cost_of_targets == pytest.approx(8760 * 10 * annuity(0.06, YEARS), rel=1e-6)


def test_electrification_swaps_gas_for_electricity() -> None:
    # heat pump removes all 1,000 MWh gas (200 t) and adds 300 MWh electricity (150 t at 0.5)
    result = solve_raw(site_with(tiny(), retrofits=[HEAT_PUMP]))
    path = result.cases["plan"].pathway.set_index("year")["gross_t"]
    assert path[2025] == pytest.approx(8760 * 0.5 + 300 * 0.5)


def test_hourly_grid_shape_weights_location_based_scope2_by_when_power_is_used(tmp_path: Path) -> None:
    # load only in hours 12-23, where the grid factor is half its yearly mean: location-based Scope 2 halves;
    # market-based Scope 2 (certificates and residual mix, no time stamp) does not change
    hours = np.arange(8760) % 24
    load, shape = tmp_path / "load.csv", tmp_path / "shape.csv"
    pd.DataFrame({"kw": (hours >= 12).astype(float)}).to_csv(load, index=False)
    pd.DataFrame({"factor": np.where(hours < 12, 1.5, 0.5)}).to_csv(shape, index=False)
    raw = site_with(
        tiny(grid={"ef_t_per_mwh": 0.5, "hourly_shape": str(shape)}),
        electricity={"annual_mwh": 8760, "load_profile": str(load)},
    )
    em = solve_raw(raw).tables["emissions"].query("case == 'bau' and year == 2025").set_index("scope")["t"]
    assert em["scope2_location"] == pytest.approx(8760 * 0.5 * 0.5, rel=1e-9)
    assert em["scope2_market"] == pytest.approx(8760 * 0.5, rel=1e-9)


def test_builds_only_in_capex_rounds() -> None:
    # PV that pays is built as early as allowed: the first round (2026); 2025 and off-round years get nothing
    pv = {"capex_per_kw": 1000, "area_m2_per_kw": 5.0, "earliest_year": 2026, "build_every_years": 2}
    raw = site_with(tiny(horizon={"start": 2025, "end": 2029}), roof_area_m2=2000, pv=pv)
    result = solve_raw(raw)
    builds = result.tables["roadmap"].query("lever == 'pv'")
    assert builds["year"].tolist() == [2026]
    cap = result.tables["capacity"].query("quantity == 'pv_capacity'").set_index("year")["value"]
    assert cap[2025] == 0.0 and cap[2026] == pytest.approx(400.0)  # the full roof: 2,000 m2 / 5 m2 per kWp
