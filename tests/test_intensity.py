"""Intensity targets, the product carbon footprint and Scope 3 basics, each on a tiny scenario computed by hand.

The tiny plant (tests/helpers.py) emits 8,760 MWh x 0.5 = 4,380 t from the grid and 1,000 MWh x 0.2 = 200 t from
gas: 4,580 t a year. Green certificates at 10 CNY/MWh take 0.5 t off market-based Scope 2 per MWh: the cheapest way
to cut, so a binding target buys exactly (cut in t) / 0.5 MWh of them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from helpers import FLAT_LOAD, site_with, solve_raw, tiny
from typer.testing import CliRunner

from optimiser.cli import app
from optimiser.errors import InfeasibleError
from optimiser.results.target_check import check_targets, yearly_from_tables

GROSS_T = 8760 * 0.5 + 1000 * 0.2  # 4,580 t
GREEN = {"price_per_mwh": 10}
FILAMENT = {"product": "filament", "unit": "t", "quantity": 1000, "output_value_10k": 500}


def gross(result, case: str = "plan") -> dict[int, float]:
    path = result.tables["pathway"].query(f"case == '{case}'")
    return dict(zip(path["year"], path["gross_t"], strict=True))


def certified(result, year: int) -> float:
    act = result.tables["activity"].query(f"case == 'plan' and year == {year} and quantity == 'certified_mwh'")
    return float(act["value"].sum())


def targets_hold(result) -> None:
    """The targets recomputed from the tables alone (results/target_check.py) hold."""
    found = check_targets(result.scenario, yearly_from_tables(result.tables, result.base_t))
    assert (found["shortfall"] <= 1e-6).all(), found


def test_an_absolute_intensity_target_binds_at_its_bound() -> None:
    # 1,000 t made, at most 2 t/t in 2026: emissions <= 2,000 t, so 2,580 t are cut by 5,160 MWh of certificates;
    # 2025 and 2027 are free (4,580 t each, nothing bought)
    target = {"year": 2026, "per": "product", "max_t_per_unit": 2.0}
    raw = site_with(tiny(green_electricity=GREEN, targets={"intensity": [target]}), production=FILAMENT)
    result = solve_raw(raw)
    assert gross(result) == pytest.approx({2025: GROSS_T, 2026: 2000.0, 2027: GROSS_T})
    assert certified(result, 2026) == pytest.approx(5160.0)
    assert certified(result, 2025) == pytest.approx(0.0, abs=1e-6)
    row = result.tables["intensity"].query("case == 'plan' and year == 2026").iloc[0]
    assert row["t_per_unit"] == pytest.approx(2.0)
    assert result.tables["targets"].query("target == 'intensity_target'")["binding"].all()
    targets_hold(result)


def test_a_cut_of_the_base_intensity_follows_production() -> None:
    # base intensity 4,580 t / 1,000 t = 4.58 t/t; -25 % by 2027 and after, when 1,200 t are made:
    # 0.75 x 4.58 x 1,200 = 4,122 t, a cut of 458 t = 916 MWh of certificates (a 25 % cut of the tonnes would be
    # 3,435 t: the target lets emissions follow production)
    made = {**FILAMENT, "quantity": {2025: 1000, 2027: 1200}}
    target = {"year": 2027, "per": "product", "vs_base": 0.25, "and_after": True}
    raw = site_with(tiny(green_electricity=GREEN, targets={"intensity": [target]}), production=made)
    result = solve_raw(raw)
    assert gross(result)[2027] == pytest.approx(4122.0)
    assert certified(result, 2027) == pytest.approx(916.0)
    row = result.tables["intensity"].query("case == 'plan' and year == 2027").iloc[0]
    assert row["production"] == pytest.approx(1200.0)
    assert row["t_per_unit"] == pytest.approx(0.75 * 4.58)
    targets_hold(result)


def two_sites(target: dict, units: tuple[str, str] = ("t", "pcs")) -> dict:
    """plant: 4,580 t, 1,000 (10k CNY) of output; yarn: 500 kW flat = 4,380 MWh x 0.5 = 2,190 t, 3,000 (10k CNY)."""
    raw = tiny(green_electricity=GREEN, targets={"intensity": [target]})
    raw["sites"][0]["production"] = {**FILAMENT, "unit": units[0], "output_value_10k": 1000}
    raw["sites"].append(
        {
            "id": "yarn",
            "location": {"latitude": 33.9, "longitude": 118.3},
            "electricity": {"annual_mwh": 4380, "load_profile": dict(FLAT_LOAD)},
            "tariff": {"price_per_mwh": {"flat": 600}},
            "production": {"product": "yarn", "unit": units[1], "quantity": 2.0e6, "output_value_10k": 3000},
        }
    )
    return raw


def test_a_company_target_on_output_value_covers_both_sites() -> None:
    # 4,580 + 2,190 = 6,770 t over 4,000 (10k CNY) = 1.6925 t; at most 1.5 t in 2026: 6,000 t, so 770 t are cut
    # by 1,540 MWh of certificates, wherever they are cheapest (the same price at both sites)
    result = solve_raw(two_sites({"year": 2026, "per": "output_value", "max_t_per_unit": 1.5}))
    assert gross(result)[2026] == pytest.approx(6000.0)
    assert certified(result, 2026) == pytest.approx(1540.0)
    table = result.tables["intensity"].query("case == 'bau' and year == 2026").set_index("site")
    assert table.loc["plant", "t_per_10k"] == pytest.approx(4.58)  # 4,580 t / 1,000
    assert table.loc["yarn", "t_per_10k"] == pytest.approx(0.73)  # 2,190 t / 3,000
    assert table.loc["yarn", "t_per_unit"] == pytest.approx(2190 / 2.0e6)  # per piece
    targets_hold(result)


def test_a_target_on_one_site_leaves_the_other_alone() -> None:
    # yarn alone: 2,190 t over 3,000 = 0.73; at most 0.5 in 2026: 1,500 t, 690 t cut = 1,380 MWh, all at yarn
    result = solve_raw(two_sites({"year": 2026, "per": "output_value", "sites": ["yarn"], "max_t_per_unit": 0.5}))
    act = result.tables["activity"].query("case == 'plan' and year == 2026 and quantity == 'certified_mwh'")
    assert act.groupby("site")["value"].sum().get("yarn") == pytest.approx(1380.0)
    assert act.groupby("site")["value"].sum().get("plant", 0.0) == pytest.approx(0.0, abs=1e-6)
    assert gross(result)[2026] == pytest.approx(GROSS_T + 1500.0)


SCOPE3 = [
    {"id": "pta", "category": "purchased_goods", "activity": 1200, "unit": "t", "factor_t_per_unit": 1.5,
     "source": "A: test"},
    {"id": "flights", "category": "business_travel", "activity": 100000, "unit": "person_km",
     "factor_t_per_unit": 0.0002, "source": "A: test"},
]  # fmt: skip


def test_footprint_and_scope3_rows_by_hand() -> None:
    # Scope 3: 1,200 t x 1.5 = 1,800 t of purchased goods (cradle-to-gate) and 100,000 person-km x 0.0002 = 20 t
    # of travel (not in a product footprint). Per t of filament: 4,580 / 1,000 = 4.58 t gate-to-gate, per 10k CNY
    # 4,580 / 500 = 9.16 t; cradle-to-gate (4,580 + 1,800) / 1,000 = 6.38 t, of which the plant controls
    # 4,580 / 6,380 = 71.79 %
    result = solve_raw(site_with(tiny(), production=FILAMENT, scope3=SCOPE3))
    em = result.tables["emissions"].query("case == 'bau' and year == 2025 and scope == 'scope3'").set_index("source")
    assert em.loc["purchased_goods:pta", ["activity", "factor_t_per_unit", "t"]].tolist() == [1200, 1.5, 1800]
    assert em.loc["business_travel:flights", "activity_unit"] == "person_km"
    assert em.loc["business_travel:flights", "t"] == pytest.approx(20.0)
    row = result.tables["intensity"].query("case == 'bau' and year == 2025").iloc[0]
    assert row[["scope1_t", "scope2_t", "scope3_t", "scope3_cradle_to_gate_t"]].tolist() == pytest.approx(
        [200.0, 4380.0, 1820.0, 1800.0]
    )
    assert row["t_per_unit"] == pytest.approx(4.58)
    assert row["t_per_10k"] == pytest.approx(9.16)
    assert row["cradle_to_gate_t_per_unit"] == pytest.approx(6.38)
    assert row["controlled_share"] == pytest.approx(4580 / 6380)
    assert gross(result, "bau")[2025] == pytest.approx(GROSS_T)  # Scope 3 is reported, not counted, by default


@pytest.mark.parametrize(
    ("included", "base_t", "bought_mwh"), [([], 4580.0, 160.0), (["business_travel"], 4600.0, 200.0)]
)
def test_a_cap_with_and_without_a_scope3_category(included: list[str], base_t: float, bought_mwh: float) -> None:
    # a 4,500 t cap: without Scope 3 the plant cuts 80 t (160 MWh); with business travel (20 t) counted, 100 t
    # (200 MWh); the base year and the target check count the 20 t too
    targets = {"caps_t": 4500, "scope3_included": included}
    result = solve_raw(site_with(tiny(green_electricity=GREEN, targets=targets), scope3=SCOPE3))
    assert result.base_t == pytest.approx(base_t)
    assert gross(result, "bau")[2025] == pytest.approx(base_t)
    assert certified(result, 2026) == pytest.approx(bought_mwh)
    assert gross(result)[2026] == pytest.approx(4500.0)
    targets_hold(result)


def test_the_full_year_check_counts_the_included_scope3() -> None:
    # 2 t/t x 1,000 t = 2,000 t in 2026, business travel's 20 t counted: 4,600 - 2,000 = 2,600 t cut by 5,200 MWh
    # of certificates; the flat load is the same on the full year, so the check finds 2,000 t there too (without
    # the 20 t it would find 1,980 t)
    targets = {
        "intensity": [{"year": 2026, "per": "product", "max_t_per_unit": 2.0}],
        "scope3_included": ["business_travel"],
    }
    raw = site_with(tiny(green_electricity=GREEN, targets=targets), production=FILAMENT, scope3=SCOPE3)
    result = solve_raw(raw, validate_years="targets")
    assert certified(result, 2026) == pytest.approx(5200.0)
    check = result.tables["validation_targets"].query("target == 'intensity_target'").iloc[0]
    assert check["full_year_value"] == pytest.approx(2000.0, rel=1e-6)
    assert check["full_year_shortfall"] == pytest.approx(0.0, abs=1e-3)
    company = result.tables["validation"].query("year == 2026 and site == 'company' and quantity == 'gross_t'")
    assert company["full_year"].iloc[0] == pytest.approx(2000.0, rel=1e-6)


def test_an_impossible_intensity_target_is_diagnosed() -> None:
    # nothing to cut with: 0.1 t/t x 1,000 t = 100 t allowed in 2026, 4,580 t emitted: short by 4,480 t
    raw = site_with(tiny(targets={"intensity": [{"year": 2026, "per": "product", "max_t_per_unit": 0.1}]}))
    raw["sites"][0]["production"] = FILAMENT
    with pytest.raises(InfeasibleError) as info:
        solve_raw(raw)
    short = [s for s in info.value.diagnosis.shortfalls if s.target == "intensity_target"]
    assert [(s.year, round(s.amount, 3)) for s in short] == [(2026, 4480.0)]
    assert "the intensity target (0.1 t per t at plant) in 2026 is exceeded by 4,480 t" in str(info.value)


runner = CliRunner()


def exit_2(tmp_path: Path, raw: dict, *expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output, result.output


def test_a_product_target_over_different_units_is_refused(tmp_path: Path) -> None:
    raw = two_sites({"year": 2026, "per": "product", "max_t_per_unit": 1.0})
    exit_2(tmp_path, raw, "targets.intensity[0].per", "plant: t, yarn: pcs", "per: output_value")


def test_an_unknown_site_in_an_intensity_target_is_refused(tmp_path: Path) -> None:
    raw = site_with(tiny(targets={"intensity": [{"year": 2026, "per": "product", "sites": ["plnt"], "vs_base": 0.1}]}))
    raw["sites"][0]["production"] = FILAMENT
    exit_2(tmp_path, raw, "targets.intensity[0].sites", "unknown site(s) ['plnt']")


def test_a_target_on_a_site_without_production_is_refused(tmp_path: Path) -> None:
    raw = tiny(targets={"intensity": [{"year": 2026, "per": "product", "max_t_per_unit": 1.0}]})
    exit_2(tmp_path, raw, "sites[0].production: missing")


def test_an_unknown_scope3_category_is_refused(tmp_path: Path) -> None:
    raw = site_with(tiny(), scope3=[{**SCOPE3[0], "category": "purchased_good"}])
    exit_2(tmp_path, raw, "scope3", "category", "purchased_goods")
    raw = tiny(targets={"scope3_included": ["travel"]})
    exit_2(tmp_path, raw, "targets.scope3_included", "business_travel")


def test_a_scope3_factor_in_kg_is_refused(tmp_path: Path) -> None:
    raw = site_with(tiny(), scope3=[{**SCOPE3[1], "factor_t_per_unit": 0.2}])  # 0.2 kg per person-km
    exit_2(tmp_path, raw, "factor_t_per_unit", "expected t, not kg")


def test_the_report_and_workbook_show_the_footprint(tmp_path: Path) -> None:
    # the footprint test's plant, written as `decarb run` writes it: the section shows 4.58 t per t in business as
    # usual and Scope 3 by GHG Protocol category; the sheet holds intensity.csv as it is on disk
    from openpyxl import load_workbook

    from optimiser.report import build_reports, load_run
    from optimiser.results.write import write_results

    result = solve_raw(site_with(tiny(), production=FILAMENT, scope3=SCOPE3))
    folder = write_results(result, tmp_path / "run", {}, finish=lambda p: build_reports(load_run(p)))
    text = (folder / "report.html").read_text(encoding="utf-8")
    assert "<h2>Product carbon footprint and intensity</h2>" in text
    assert '<td class="num">4.58</td>' in text and "1. purchased goods" in text and "6. business travel" in text
    sheet = load_workbook(folder / "roadmap.xlsx")["Intensity"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    on_disk = pd.read_csv(folder / "intensity.csv")
    assert len(rows) == len(on_disk) == 9  # 3 cases x 3 years x 1 site
    column = header.index("t CO2e per unit (Scope 1+2)")
    assert [r[column] for r in rows] == pytest.approx(on_disk["t_per_unit"].tolist())


@pytest.mark.slow
def test_the_chemical_fibre_footprint_and_intensity_target(shipped_runs: dict) -> None:
    # Scope 3 upstream in 2025 by hand: Shaoxing 60,200 t PTA x 1.3 + 23,450 t MEG x 2.5 + 2.51e7 t-km x 0.00008
    # = 78,260 + 58,625 + 2,008 = 138,893 t; Suqian 25,500 t caprolactam x 4.0 + 1.02e7 t-km x 0.00008 = 102,816 t.
    # Business travel (150 x 1.5 = 225 t) is Scope 3 but not cradle-to-gate.
    result = shipped_runs["chemical-fibre-national"]
    table = result.tables["intensity"].query("case == 'bau' and year == 2025").set_index("site")
    assert table.loc["shaoxing", "scope3_cradle_to_gate_t"] == pytest.approx(138893.0)
    assert table.loc["shaoxing", "scope3_t"] == pytest.approx(138893.0 + 225.0)
    assert table.loc["suqian", "scope3_cradle_to_gate_t"] == pytest.approx(102816.0)
    for site, made in (("shaoxing", 70000.0), ("suqian", 25000.0)):
        row = table.loc[site]
        assert row["t_per_unit"] == pytest.approx((row["scope1_t"] + row["scope2_t"]) / made)
    # no Scope 3 in the targets: the sites add up to the company's base year
    assert table["gross_t"].sum() == pytest.approx(result.base_t)
    # -17 % of t per 10,000 CNY in 2030 against 2025, over both sites: output value 95,000 -> 99,970 (10k CNY)
    plan = result.tables["intensity"].query("case == 'plan' and year == 2030")
    assert plan["output_value_10k"].sum() == pytest.approx(99970.0)
    bound_t = 0.83 * result.base_t / 95000.0 * 99970.0
    assert plan["gross_t"].sum() <= bound_t + 1e-3
    targets_hold(result)
