"""Heat as a carrier: small cases whose optimum is computed by hand (tests/helpers.py `tiny`: one site, constant
1,000 kW load, 1,000 MWh of gas a year). The gas makes 180 deg C steam in boilers of efficiency 0.9, so the heat
demand is 900 MWh a year, 102.74 kW in every hour."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import site_with, solve_raw, tiny
from invariants import check_all

STEAM = [{"id": "steam", "medium": "steam", "temperature_c": 180, "fuel": "natural_gas", "boiler_efficiency": 0.9}]
HEAT_MWH = 900.0
HEAT_KW = HEAT_MWH * 1000 / 8760
# Carnot share 0.5 from 40 deg C waste heat to 180 deg C: 0.5 x 453.15 / 140
COP_180 = 0.5 * (180 + 273.15) / (180 - 40)
HEAT_PUMP = {"capex_per_kw": 100.0, "max_supply_c": 200, "source_c": 40, "carnot_share": 0.5}


def with_heat(gas_price: float, **levers: object) -> dict:
    raw = site_with(tiny(), heat=STEAM, **levers)
    raw["fuels"]["natural_gas"]["price_per_mwh"] = gas_price
    return raw


def plan(result: object, table: str) -> pd.DataFrame:
    frame = result.tables[table]  # type: ignore[attr-defined]
    return frame.query("case == 'plan'") if "case" in frame else frame


def activity(result: object, lever: str, quantity: str, year: int = 2025) -> float:
    a = plan(result, "activity")
    return float(a[(a.lever == lever) & (a.quantity == quantity) & (a.year == year)].value.sum())


def test_heat_pump_serves_steam_at_its_carnot_cop_when_gas_costs_more() -> None:
    # gas at 800 CNY/MWh makes heat at 800 / 0.9 = 889 CNY/MWh; the heat pump at 600 / 1.618 = 371: it serves all
    result = solve_raw(with_heat(800.0, heat_pump=HEAT_PUMP))
    assert activity(result, "heat_pump", "heat_mwh") == pytest.approx(HEAT_MWH, rel=1e-6)
    assert activity(result, "heat_pump", "electricity_mwh") == pytest.approx(HEAT_MWH / COP_180, rel=1e-6)
    imported = plan(result, "emissions").query("year == 2025 and scope == 'scope2_location'").activity.sum()
    assert imported == pytest.approx(8760 + HEAT_MWH / COP_180, rel=1e-6)
    gas = plan(result, "emissions").query("year == 2025 and source == 'fuel:natural_gas'").activity.sum()
    assert gas == pytest.approx(0.0, abs=1e-6)
    check_all(result)


def test_heat_pump_is_not_built_where_the_boiler_is_cheaper() -> None:
    # gas at 300: 333 CNY/MWh of heat against 371 of heat pump electricity alone: business as usual is optimal
    result = solve_raw(with_heat(300.0, heat_pump=HEAT_PUMP))
    cap = result.tables["capacity"].query("quantity == 'heat_pump_capacity'").value
    assert cap.max() == pytest.approx(0.0, abs=1e-6)
    gas = plan(result, "emissions").query("year == 2025 and source == 'fuel:natural_gas'").activity.sum()
    assert gas == pytest.approx(1000.0, rel=1e-9)


def test_electric_boiler_charges_heat_storage_in_valley_hours_only() -> None:
    # valley 200 CNY/MWh for 8 hours, 600 otherwise, gas at 2,000: all heat is electric, made in the valley.
    # The 16 other hours draw 16/24 x 900 = 600 MWh from the store; with a round trip of 0.9 (no standing loss)
    # it takes 600 / 0.9 = 666.7 MWh in, so the boiler makes 300 + 666.7 MWh of heat: 976.4 MWh of electricity.
    raw = with_heat(
        2000.0,
        electric_boiler={"capex_per_kw": 20.0, "efficiency": 0.99, "max_kw": 1000},
        heat_storage={"carrier": "steam", "capex_per_kwh": 1.0, "round_trip_efficiency": 0.9, "loss_per_hour": 0.0},
    )
    raw["sites"][0]["tariff"] = {
        "period_hours": {"valley": list(range(8))},
        "price_per_mwh": {"valley": 200, "flat": 600},
    }
    result = solve_raw(raw)
    heat = result.tables["heat_dispatch"].query("year == 2025")
    assert heat[heat.hour >= 8].electric_boiler_heat_kw.max() == pytest.approx(0.0, abs=1e-6)
    assert activity(result, "heat_storage", "heat_discharged_mwh") == pytest.approx(600.0, rel=1e-6)
    made = 300.0 + 600.0 / 0.9
    assert activity(result, "electric_boiler", "heat_mwh") == pytest.approx(made, rel=1e-6)
    assert activity(result, "electric_boiler", "electricity_mwh") == pytest.approx(made / 0.99, rel=1e-6)
    check_all(result)


CHP = {"capex_per_kw": 20.0, "electric_efficiency": 0.4, "thermal_efficiency": 0.45}


def test_chp_runs_where_the_spark_spread_pays_and_its_fuel_is_scope_1() -> None:
    # a MWh of CHP electricity burns 2.5 MWh of gas (750 CNY at 300) and gives 1.125 MWh of heat that saves the
    # boilers 1.25 MWh of gas (375): it costs 375 net, below a 1,200 tariff. Heat bounds it: all 900 MWh of heat
    # from CHP gives 800 MWh of electricity and burns 2,000 MWh of gas (400 t).
    raw = with_heat(300.0, chp=CHP)
    raw["sites"][0]["tariff"] = {"price_per_mwh": {"flat": 1200}}
    result = solve_raw(raw)
    assert activity(result, "chp", "heat_mwh") == pytest.approx(HEAT_MWH, rel=1e-6)
    assert activity(result, "chp", "electricity_mwh") == pytest.approx(-800.0, rel=1e-6)
    e = plan(result, "emissions").query("year == 2025")
    assert e[e.source == "fuel:natural_gas"].t.sum() == pytest.approx(400.0, rel=1e-6)
    assert e[e.scope == "scope2_location"].activity.sum() == pytest.approx(8760.0 - 800.0, rel=1e-6)
    check_all(result)


def test_chp_stays_off_below_the_spark_spread() -> None:
    raw = with_heat(300.0, chp=CHP)
    raw["sites"][0]["tariff"] = {"price_per_mwh": {"flat": 300}}  # below its 375 net cost
    result = solve_raw(raw)
    assert activity(result, "chp", "heat_mwh") == pytest.approx(0.0, abs=1e-6)


def test_heat_recovery_lowers_the_heat_a_heat_pump_must_make() -> None:
    # heat recovery saves 10 % of the gas, i.e. 10 % of the heat: the heat pump makes 810 MWh, not 900
    recovery = {"id": "recovery", "capex": 1.0, "fuel_saving_fraction": {"natural_gas": 0.1}, "force": True}
    result = solve_raw(with_heat(800.0, heat_pump=HEAT_PUMP, retrofits=[recovery]))
    assert activity(result, "heat_pump", "heat_mwh") == pytest.approx(810.0, rel=1e-6)
    assert activity(result, "heat_pump", "electricity_mwh") == pytest.approx(810.0 / COP_180, rel=1e-6)
    heat = result.tables["heat_dispatch"]
    assert heat.heat_saved_kw.to_numpy() == pytest.approx(0.1 * HEAT_KW, rel=1e-6)
    check_all(result)


def test_full_year_check_holds_the_heat_plants_of_the_plan() -> None:
    # flat load and flat heat: the full year must reproduce the representative days exactly
    result = solve_raw(with_heat(800.0, heat_pump=HEAT_PUMP), validate_years="all")
    v = result.tables["validation"].query("quantity == 'gross_t' and site == 'company'")
    assert (v.difference_pct.abs() < 1e-6).all() and len(v) == 3
