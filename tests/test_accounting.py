"""Carbon accounting to GB/T 32150-2015: each conversion against a value worked by hand from the standard's Annex B
(NCV x carbon content x oxidation x 44/12), IPCC CH4/N2O and GWPs, purchased steam, biomass, F-gases, published
grid factors, the export deduction, and the errors a wrong unit or fuel gets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import site_with, tiny
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from optimiser.accounting import fuels as annex_b
from optimiser.accounting import units
from optimiser.accounting.gwp import gwp
from optimiser.cli import app
from optimiser.errors import ScenarioError
from optimiser.inventory import base_year_inventory
from optimiser.scenario.fuels import DefaultKey
from optimiser.scenario.load import validate_raw

ROOT = Path(__file__).resolve().parents[1]
C = 44 / 12


def inventory(raw: dict[str, Any]):  # type: ignore[no-untyped-def]
    return base_year_inventory(validate_raw(raw, Path("tiny.yaml")))


def row(inv, source: str, gas: str, scope: str = "scope1") -> Any:  # type: ignore[no-untyped-def]
    r = inv.rows.query("source == @source and gas == @gas and scope == @scope")
    assert len(r) == 1, inv.rows
    return r.iloc[0]


def test_annex_b_factors_per_physical_unit() -> None:
    # t CO2 per t (or per 10^4 Nm3) = NCV x carbon content x oxidation x 44/12, the standard's own arithmetic
    assert pytest.approx(21.62, abs=0.005) == 389.31 * 0.0153 * 0.99 * C  # natural gas, 10^4 Nm3
    for key, per_unit in {"raw_coal": 1.9003, "diesel": 3.0959, "lpg": 3.1013, "natural_gas": 21.62}.items():
        d = annex_b.DEFAULTS[key]
        assert d.ncv_gj_per_unit * d.co2_t_per_gj == pytest.approx(per_unit, abs=0.005), key


def test_units_convert_with_pint() -> None:
    assert units.factor("10^4 Nm3", "Nm3") == 10_000 and units.factor("万Nm3", "Nm3") == 10_000
    assert units.factor("tce", "GJ") == pytest.approx(29.3076)
    assert units.factor("kWh", "MWh") == pytest.approx(0.001)
    with pytest.raises(ValueError, match="mass is not a normal volume"):
        units.factor("t", "Nm3")
    with pytest.raises(ValueError, match="ambiguous"):  # pint alone would take the US short ton, 907 kg
        units.parse("ton")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_any_unit_text_is_a_unit_or_a_clear_error(text: str) -> None:
    try:
        units.parse(text)
    except ValueError as exc:
        assert "expected a mass" in str(exc)


def test_default_keys_are_the_table() -> None:
    from typing import get_args

    assert set(get_args(DefaultKey)) == set(annex_b.DEFAULTS)


def test_gas_in_10k_nm3_by_gas() -> None:
    raw = tiny()
    raw["fuels"] = {"natural_gas": {"default": "natural_gas", "price_per_mwh": 300}}
    raw["sites"][0]["fuels"] = {"natural_gas": {"annual": 555, "unit": "10^4 Nm3"}}
    inv = inventory(raw)
    gj = 555 * 389.31  # 216,067.05 GJ
    assert row(inv, "fuel:natural_gas", "CO2").t_co2e == pytest.approx(gj * 0.0153 * 0.99 * C, abs=0.01)  # 12,000.15
    assert row(inv, "fuel:natural_gas", "CH4").t_co2e == pytest.approx(gj / 1000 * 1.0 / 1000 * 28, abs=0.01)  # 6.05
    assert row(inv, "fuel:natural_gas", "N2O").t_co2e == pytest.approx(gj / 1000 * 0.1 / 1000 * 265, abs=0.01)
    assert row(inv, "fuel:natural_gas", "CO2").activity == 555
    # the same gas in Nm3, and priced per Nm3: the model burns the same MWh (216,067.05 GJ / 3.6)
    raw["sites"][0]["fuels"] = {"natural_gas": {"annual": 5_550_000, "unit": "Nm3"}}
    assert inventory(raw).total_t == pytest.approx(inv.total_t, abs=0.01)


def test_site_measured_ncv_and_carbon_content_override_the_default() -> None:
    raw = tiny(fuels={"coal": {"default": "raw_coal"}})
    raw["sites"][0]["fuels"] = {
        "coal": {"annual": 1000, "unit": "t", "ncv_gj_per_unit": 23.0, "carbon_content_t_per_gj": 0.026}
    }
    co2 = row(inventory(raw), "fuel:coal", "CO2")
    assert co2.t_co2e == pytest.approx(1000 * 23.0 * 0.026 * 0.94 * C, abs=0.01)  # 2,061.01: oxidation stays 94 %
    assert "site measurements" in co2.factor_source


def test_purchased_steam_is_scope2_on_both_bases() -> None:
    raw = tiny(fuels={"natural_gas": {"ef_t_per_mwh": 0.2}, "steam": {"default": "purchased_steam"}})
    raw["sites"][0]["fuels"] = {"steam": {"annual": 1000, "unit": "t", "enthalpy_kj_per_kg": 2768}}
    inv = inventory(raw)
    gj = 1000 * (2768 - 83.74) / 1000  # 2,684.26 GJ of heat
    for scope in ("scope2_location", "scope2_market"):
        assert row(inv, "heat:steam", "CO2", scope).t_co2e == pytest.approx(gj * 0.11, abs=0.01)  # 295.27 t
    assert not (inv.rows.scope == "scope1").any()
    assert inv.total_t == pytest.approx(gj * 0.11 + 8760 * 0.5, abs=0.01)  # counted once, with the grid


def test_biomass_co2_reported_not_counted() -> None:
    raw = tiny(fuels={"wood": {"default": "wood_biomass"}})
    raw["sites"][0]["fuels"] = {"wood": {"annual": 100, "unit": "t"}}
    inv = inventory(raw)
    tj = 100 * 15.6 / 1000  # 1.56 TJ
    bio = row(inv, "fuel:wood", "CO2", "biogenic_co2_memo")
    assert bio.t_co2e == pytest.approx(tj * 112.0, abs=0.01) and not bio.counted  # 174.72 t, not counted
    ch4, n2o = row(inv, "fuel:wood", "CH4"), row(inv, "fuel:wood", "N2O")
    assert ch4.t_co2e == pytest.approx(tj * 30 / 1000 * 28, abs=0.01) and ch4.counted  # 1.31 t
    assert n2o.t_co2e == pytest.approx(tj * 4 / 1000 * 265, abs=0.01)  # 1.65 t
    assert inv.total_t == pytest.approx(tj * 30 / 1000 * 28 + tj * 4 / 1000 * 265 + 8760 * 0.5, abs=0.01)


@pytest.mark.parametrize(("gwp_set", "hfc", "ch4"), [("AR5", 1300, 28), ("AR6", 1530, 29.8)])
def test_fgases_and_process_gases_by_gwp_set(gwp_set: str, hfc: float, ch4: float) -> None:
    raw = site_with(
        tiny(accounting={"gwp": gwp_set}),
        refrigerants=[{"id": "chillers", "gas": "R-134a", "leakage_kg_per_year": 100}],
        process_emissions=[{"id": "wastewater", "gas": "CH4", "t_per_year": 2}],
    )
    inv = inventory(raw)
    assert row(inv, "refrigerant:chillers", "R-134a").t_co2e == pytest.approx(0.1 * hfc)  # 130 / 153 t
    assert row(inv, "process:wastewater", "CH4").t_co2e == pytest.approx(2 * ch4)
    assert gwp("R-410A", "AR5") == pytest.approx(0.5 * 677 + 0.5 * 3170)  # a blend follows its parts


def test_a_past_year_uses_the_published_grid_factor() -> None:
    raw = tiny(horizon={"start": 2022, "end": 2025})
    raw["grid"] = {"published": "mee-east-china", "ef_t_per_mwh": {2024: 0.54, 2025: 0.53}}
    raw["targets"] = {"base_year": 2022}
    inv = inventory(raw)
    grid = row(inv, "grid", "CO2", "scope2_location")
    assert grid.factor == pytest.approx(0.5617) and "published 2022" in grid.factor_source  # MEE/NBS East China 2022
    sc = validate_raw(raw, Path("tiny.yaml"))
    assert [sc.grid.location_factor(y)[0] for y in (2023, 2024, 2025)] == [0.55, 0.54, 0.53]
    assert "projection" in sc.grid.location_factor(2025)[1]


def test_exported_electricity_is_deducted_on_the_location_basis_only() -> None:
    # existing PV larger than the midday load exports in business as usual; GB/T 32150 deducts that export from a
    # location-based total; market-based Scope 2 never nets it (the attributes leave with the power sold)
    pv = {"capex_per_kw": 3000, "existing_kw": 3000, "min_build_kw": 0}
    raw = site_with(tiny(targets={"basis": "location"}), roof_area_m2=30000, pv=pv)
    raw["sites"][0]["tariff"]["export_price_per_mwh"] = 300
    deducted, plain = inventory(raw), inventory({**raw, "accounting": {"deduct_exported_electricity": False}})
    export = row(deducted, "export:grid", "CO2", "scope2_location")
    assert export.activity < -100 and export.t_co2e == pytest.approx(export.activity * 0.5)
    assert deducted.total_t == pytest.approx(plain.total_t + export.t_co2e, abs=0.01)
    assert not (plain.rows.source == "export:grid").any()
    market = inventory({**raw, "targets": {"basis": "market"}})
    assert market.total_t == pytest.approx(plain.total_t, abs=0.01)  # reported on the location rows, not counted


@pytest.mark.parametrize(
    ("fuel", "use", "field", "words"),
    [
        ({"default": "natural_gas"}, {"annual": 10, "unit": "m3"}, "sites[0].fuels.natural_gas.unit", "unknown unit"),
        ({"default": "natural_gas"}, {"annual": 10, "unit": "t"}, "sites[0].fuels.natural_gas.unit", "normal volume"),
        ({"default": "natural_gas"}, {"annual": 10}, "sites[0].fuels.natural_gas", "needs `unit`"),
        ({"default": "natural_gas"}, {"annual": 1, "annual_mwh": 1}, "sites[0].fuels.natural_gas", "not both"),
        ({"default": "purchased_steam"}, {"annual": 10, "unit": "t"}, "enthalpy_kj_per_kg", "enthalpy"),
        ({"default": "peat"}, {"annual_mwh": 10}, "fuels.natural_gas.default", "natural_gas"),
        ({"price_per_mwh": 1}, {"annual_mwh": 10}, "fuels.natural_gas", "no CO2 factor"),
        ({"ef_t_per_mwh": 0.2, "co2_t_per_gj": 0.05}, {"annual_mwh": 10}, "fuels.natural_gas", "give one"),
        ({"default": "natural_gas", "kind": "biomass"}, {"annual_mwh": 10}, "fuels.natural_gas.kind", "contradicts"),
        ({"kind": "purchased_heat", "carbon_content_t_per_gj": 0.03}, {"annual_mwh": 1}, "carbon_content", "heat"),
        ({"default": "purchased_steam", "unit": "t", "price_per_unit": 240}, {"annual_mwh": 1}, "price_per_unit", "GJ"),
        ({"ef_t_per_mwh": 0.3, "unit": "t", "price_per_unit": 5}, {"annual_mwh": 1}, "price_per_unit", "ncv"),
        ({"co2_t_per_gj": 0.05}, {"annual_mwh": 1, "oxidation_share": 0.9}, "natural_gas.oxidation_share", "one CO2"),
    ],
)
def test_bad_units_and_fuels_are_named(fuel: dict, use: dict, field: str, words: str) -> None:
    raw = tiny()
    raw["fuels"], raw["sites"][0]["fuels"] = {"natural_gas": fuel}, {"natural_gas": use}
    with pytest.raises(ScenarioError) as err:
        validate_raw(raw, Path("tiny.yaml"))
    assert field in str(err.value) and words in str(err.value)


def test_unknown_fuel_and_missing_projection_exit_2(tmp_path: Path) -> None:
    import yaml

    raw = tiny()
    raw["sites"][0]["fuels"] = {"coke": {"annual": 5, "unit": "t"}}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw))
    out = CliRunner().invoke(app, ["validate", str(path)])
    assert out.exit_code == 2 and "sites[0].fuels.coke" in out.output and "unknown fuel" in out.output
    raw = tiny()
    raw["grid"] = {"published": "mee-east-china"}
    path.write_text(yaml.safe_dump(raw))
    out = CliRunner().invoke(app, ["inventory", str(path)])
    assert out.exit_code == 2 and "grid.ef_t_per_mwh" in out.output and "2025" in out.output


def test_chemical_fibre_inventory_matches_the_hand_calculation(tmp_path: Path) -> None:
    """`decarb inventory` on the shipped scenario, worked by hand from its activity data to 0.01 t (AR5)."""
    gas_gj = (555 + 370) * 389.31  # two sites, 10^4 Nm3 x NCV
    gas = gas_gj * 0.0153 * 0.99 * C + gas_gj / 1e6 * (1.0 * 28 + 0.1 * 265)  # 20,000.25 + 19.64
    diesel_gj = 120 * 42.652
    diesel = diesel_gj * 0.0202 * 0.98 * C + diesel_gj / 1e6 * (3.0 * 28 + 0.6 * 265)  # 371.51 + 1.24
    fgas = 150 / 1000 * 1300 + 80 / 1000 * (0.5 * 677 + 0.5 * 3170)  # HFC-134a and R-410A: 195 + 153.88
    grid = (80_000 + 50_000) * 0.530  # 2025 imports (no PV yet) x the East China projection for 2025
    target = tmp_path / "inventory.csv"
    out = CliRunner().invoke(
        app, ["inventory", str(ROOT / "scenarios" / "chemical-fibre-national.yaml"), "--out", str(target)]
    )
    assert out.exit_code == 0, out.output
    import pandas as pd

    rows = pd.read_csv(target)
    counted = rows[rows["counted"]]
    assert counted["t_co2e"].sum() == pytest.approx(gas + diesel + fgas + grid, abs=0.01)  # 89,641.51 t
    assert counted.query("scope == 'scope1'")["t_co2e"].sum() == pytest.approx(gas + diesel + fgas, abs=0.01)
    assert "89,641.51" in out.output and "the rows agree" in out.output


def test_a_heat_pump_replaces_purchased_steam() -> None:
    """Hot water made from bought steam (a heat demand whose 'boiler' is the steam, efficiency 1): a heat pump at
    COP 0.5 x 353.15 / 40 = 4.414 (600 CNY/MWh / 4.414 = 136 per MWh of heat) beats steam at 90 CNY/GJ (324 per
    MWh) and takes the Scope 2 heat to zero; the electricity grows by 10,000 GJ / 3.6 / 4.414 = 629.26 MWh."""
    from helpers import solve_raw

    raw = tiny()
    raw["fuels"]["steam"] = {"default": "purchased_steam", "price_per_unit": 90}
    site = raw["sites"][0]
    site["fuels"] = {"steam": {"annual": 10_000, "unit": "GJ"}}
    site["heat"] = [{"id": "hw", "medium": "hot_water", "temperature_c": 80, "fuel": "steam", "boiler_efficiency": 1}]
    site["heat_pump"] = {"capex_per_kw": 100, "source_c": 40, "carnot_share": 0.5, "max_supply_c": 120}
    bau = inventory(raw)
    assert bau.total_t == pytest.approx(10_000 * 0.11 + 8760 * 0.5, abs=0.01)  # 1,100 t of steam + the grid
    em = solve_raw(raw).tables["emissions"].query("case == 'plan' and year == 2025")
    assert em.query("source == 'heat:steam'").t.abs().sum() == pytest.approx(0, abs=1e-3)
    grid = em.query("scope == 'scope2_market' and source == 'grid'").iloc[0]
    assert grid.activity == pytest.approx(8760 + 10_000 / 3.6 / (0.5 * 353.15 / 40), rel=1e-5)


def test_inventory_counts_the_scope3_categories_the_targets_include() -> None:
    travel = {"id": "flights", "category": "business_travel", "unit": "spend_10k", "activity": 100}
    raw = site_with(tiny(), scope3=[{**travel, "factor_t_per_unit": 1.5, "source": "A"}])
    assert inventory(raw).total_t == pytest.approx(200 + 4380)  # reported, not counted
    raw["targets"] = {"scope3_included": ["business_travel"]}
    inv = inventory(raw)
    assert inv.total_t == pytest.approx(200 + 4380 + 150) == inv.plan_base_t  # 100 x 10,000 CNY x 1.5 t


def test_the_full_year_check_counts_purchased_heat_on_the_market_basis() -> None:
    """Flat load and flat steam: the full year must find the same gross as the representative days (it once left
    the steam's Scope 2 out on the market basis, 1,100 t here)."""
    from helpers import solve_raw

    raw = tiny(targets={"basis": "market", "reductions": [{"year": 2027, "vs_base": 0.0}]})
    raw["fuels"]["steam"] = {"default": "purchased_steam", "price_per_mwh": 300}
    raw["sites"][0]["fuels"] = {"steam": {"annual": 10_000, "unit": "GJ"}}
    check = solve_raw(raw, validate_years="all").tables["validation"]
    gross = check.query("quantity == 'gross_t' and site == 'company'")
    assert gross.full_year.tolist() == pytest.approx(gross.rep_days.tolist(), rel=1e-6)
    assert gross.rep_days.iloc[0] == pytest.approx(8760 * 0.5 + 10_000 * 0.11)  # 4,380 + 1,100 t


def test_electricity_as_metered_in_kwh() -> None:
    raw = tiny()
    raw["sites"][0]["electricity"] = {"annual": 665_000, "unit": "kWh", "load_profile": {"shifts": 1}}
    assert validate_raw(raw, Path("tiny.yaml")).sites[0].electricity.annual_mwh == pytest.approx(665.0)
    raw["sites"][0]["electricity"]["unit"] = "t"
    with pytest.raises(ScenarioError, match=r"sites\[0\]\.electricity\.unit: 't' cannot be converted to 'MWh'"):
        validate_raw(raw, Path("tiny.yaml"))
    # a unit beside annual_mwh would be silently ignored (665 read as MWh); words in a year map once crashed
    for bad, words in (({"annual_mwh": 665, "unit": "kWh"}, "only with `annual`"), ({"annual": {2025: "x"}}, "annual")):
        raw["sites"][0]["electricity"] = {**bad, "unit": "kWh", "load_profile": {"shifts": 1}}
        with pytest.raises(ScenarioError, match=words):
            validate_raw(raw, Path("tiny.yaml"))
