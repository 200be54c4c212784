"""The lever contract (optimiser/levers/): a lever defined here, outside the package, registered for the test,
shows up in every table, chart and workbook sheet without any change to the package."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyomo.environ as pyo
import pytest
from helpers import solve_raw, tiny
from invariants import check_hourly_energy_balance
from openpyxl import load_workbook

from optimiser.levers import Lever, LeverTable, RoadmapRow, Shown, registered
from optimiser.model.grid import hour_keys
from optimiser.report import build_reports, load_run
from optimiser.results.values import val
from optimiser.results.write import write_results

NAME = "fake_ppa"
PRICE_PER_MWH = 300.0  # half the tiny scenario's flat 600: the plan takes all it may
MAX_KW = 100.0  # a flat 100 kW delivered every hour: 876 MWh a year


def _add(m, data, ledger, ctx) -> None:
    if not ctx.allow_new:
        return
    sites = list(data.sites)

    def block(b: pyo.Block, s: str) -> None:
        b.contract_kw = pyo.Var(data.years, bounds=(0.0, MAX_KW))
        for _, y, d, h in hour_keys(data, s):
            ledger.bus[(s, y, d, h)].append((1.0, b.contract_kw[y]))
        for y in data.years:
            ledger.annual[("fake_ppa_energy", s, y)].append((8.76 * PRICE_PER_MWH, b.contract_kw[y]))

    setattr(m, NAME, pyo.Block(sites, rule=block))


def _contract(block, s: str, y: int) -> float:
    return val(block[s].contract_kw[y])


def _contracts(data, tables) -> pd.DataFrame:
    """Its own table, made from the plan's capacity table: what the contract delivers and costs each year."""
    cap = tables["capacity"].query("quantity == 'fake_ppa_kw'")
    return pd.DataFrame(
        {
            "year": cap["year"],
            "site": cap["site"],
            "delivered_mwh": cap["value"] * 8.76,
            "cost": cap["value"] * 8.76 * PRICE_PER_MWH,
        }
    )


CONTRACTS = LeverTable(
    name="fake_ppa_contracts",
    columns=("year", "site", "delivered_mwh", "cost"),
    build=_contracts,
    headline=lambda f: [
        (s, int(y), f"{m:,.0f} MWh a year under contract")
        for s, y, m in f[["site", "year", "delivered_mwh"]].values[:1]
    ],
    section=lambda f, cur, table_html: ["<h2>Fake PPA contracts</h2>", table_html(f)],
    sheet=("Fake PPA", {"delivered_mwh": ("Delivered (MWh/yr)", "decimal"), "cost": ("Cost ({cur}/yr)", "integer")}),
)

FAKE = Lever(
    name=NAME,
    add=_add,
    shown={NAME: Shown("Fake PPA", "测试购电协议", "#123456", "kW")},
    costs={"fake_ppa_energy": "PPA energy"},
    roadmap=lambda b, block: [
        RoadmapRow(y, s, NAME, "contract fake PPA", _contract(block, s, y), "kW", 0.0, 2628.0 * _contract(block, s, y))
        for s in block or []
        for y in b.data.years
    ],
    capacity=lambda b, block, y: [(s, "fake_ppa_kw", "kW", _contract(block, s, y)) for s in block or []],
    panels=(("fake_ppa_kw", "Fake PPA contract, kW"),),
    activity=lambda b, block: [
        (y, s, NAME, "contract", "used_mwh", "MWh", 8.76 * _contract(block, s, y))
        for s in block or []
        for y in b.data.years
    ],
    dispatch_columns=("fake_ppa_kw",),
    dispatch=lambda b, at_site, s, y: {
        "fake_ppa_kw": np.full((b.data.sites[s].days.n_days, 24), val(at_site.contract_kw[y]))
    },
    series=(("Fake PPA delivery", "fake_ppa_kw", 1.0, "#123456"),),
    tables=(CONTRACTS,),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory):
    """Solved, written and reported with the fake lever registered; unregistered again for the other tests."""
    with registered(FAKE):
        run = solve_raw(tiny())
        out = write_results(run, tmp_path_factory.mktemp("fake") / "run", {"scenario_file": "tiny"})
        build_reports(load_run(out))
    return run, out


def test_the_fake_lever_is_in_every_table(folder) -> None:
    run, _ = folder
    t = run.tables
    years = [2025, 2026, 2027]
    roadmap = t["roadmap"].query("lever == @NAME")
    assert roadmap["annual_cost"].tolist() == pytest.approx([100 * 8.76 * PRICE_PER_MWH] * 3)  # 262,800 CNY/yr
    cap = t["capacity"].query("quantity == 'fake_ppa_kw'")
    assert cap["value"].tolist() == pytest.approx([MAX_KW] * 3)
    used = t["activity"].query("case == 'plan' and lever == @NAME and quantity == 'used_mwh'")
    assert used["value"].tolist() == pytest.approx([876.0] * 3)
    # its wedge: 876 MWh not imported at 0.5 t/MWh
    wedge = t["abatement"].query("lever == @NAME").set_index("year")["t"]
    assert wedge.reindex(years).tolist() == pytest.approx([438.0] * 3)
    costs = t["costs"].query("case == 'plan' and category == 'fake_ppa_energy'")
    assert costs["value"].tolist() == pytest.approx([262_800.0] * 3)
    d = t["dispatch"]
    assert d["fake_ppa_kw"].to_numpy() == pytest.approx(np.full(len(d), MAX_KW))
    assert d["import_kw"].to_numpy() == pytest.approx(np.full(len(d), 900.0))  # 1,000 kW load - 100 kW
    with registered(FAKE):
        check_hourly_energy_balance(run)  # the balance sums every registered lever's series, this one's too
    # its own table, and its line in the run summary: 100 kW x 8,760 h = 876 MWh at 300 CNY/MWh
    own = t["fake_ppa_contracts"]
    assert own["delivered_mwh"].tolist() == pytest.approx([876.0] * 3)
    assert own["cost"].tolist() == pytest.approx([262_800.0] * 3)
    assert [(h.lever, h.site, h.year, h.text) for h in run.summary.highlights] == [
        (NAME, "plant", 2025, "876 MWh a year under contract")
    ]


def test_the_fake_lever_is_in_the_report_and_workbook(folder) -> None:
    _, out = folder
    html = (out / "report.html").read_text(encoding="utf-8")
    for label in ("Fake PPA", "PPA energy", "Fake PPA contract, kW", "Fake PPA delivery", "Fake PPA contracts"):
        assert label in html, label
    assert (out / "fake_ppa_contracts.csv").exists()
    wb = load_workbook(out / "roadmap.xlsx", read_only=True)
    found = {name for name in wb.sheetnames for row in wb[name].iter_rows(values_only=True) if NAME in map(str, row)}
    assert {"Roadmap", "Abatement"} <= found, found
    assert any("fake_ppa_energy" in map(str, row) for row in wb["Costs"].iter_rows(values_only=True))
    sheet = list(wb["Fake PPA"].iter_rows(values_only=True))
    assert "Delivered (MWh/yr)" in sheet[0] and "Cost (CNY/yr)" in sheet[0]
    assert [r[sheet[0].index("Delivered (MWh/yr)")] for r in sheet[1:]] == pytest.approx([876.0] * 3)


def test_an_undeclared_cost_category_is_an_error_when_the_model_is_built() -> None:
    def add(m, data, ledger, ctx) -> None:
        m.sloppy = pyo.Var(data.years, bounds=(0, 1))
        ledger.annual[("surprise_cost", "plant", data.years[0])].append((1.0, m.sloppy[data.years[0]]))

    sloppy = Lever(name="sloppy", add=add, shown={"sloppy": Shown("Sloppy", "随意", "#000000")})
    with registered(sloppy), pytest.raises(ValueError, match="surprise_cost"):
        solve_raw(tiny())


def _heat_writer(carrier: str, column: str) -> Lever:
    def add(m, data, ledger, ctx) -> None:
        m.stray = pyo.Var(bounds=(0, 1))
        ledger.heat[("plant", carrier, data.years[0], 0, 0)][column].append((1.0, m.stray))

    return Lever(name="stray", add=add, shown={"stray": Shown("Stray", "杂散", "#000000")})


def test_heat_to_an_undeclared_carrier_or_column_is_an_error_when_the_model_is_built() -> None:
    steam = [{"id": "steam", "medium": "steam", "temperature_c": 180, "fuel": "natural_gas"}]
    raw = tiny()
    raw["sites"][0]["heat"] = steam
    with registered(_heat_writer("chilled_water", "heat_pump_heat_kw")), pytest.raises(ValueError, match="chilled"):
        solve_raw(raw)
    with registered(_heat_writer("steam", "mystery_heat_kw")), pytest.raises(ValueError, match="mystery_heat_kw"):
        solve_raw(raw)
    # without any heat demand at all, heat written anywhere is still refused (not silently dropped)
    with registered(_heat_writer("steam", "heat_pump_heat_kw")), pytest.raises(ValueError, match="'steam' at 'plant'"):
        solve_raw(tiny())


def test_a_lever_reusing_another_lever_s_dispatch_column_is_refused() -> None:
    clash = Lever(
        name="clash",
        add=lambda *_: None,
        shown={"clash": Shown("Clash", "冲突", "#000000")},
        dispatch_columns=("pv_kw",),
    )
    with (
        pytest.raises(RuntimeError, match="'pv' and 'clash' both declare the dispatch column 'pv_kw'"),
        registered(clash),
    ):
        pass


def test_an_activity_with_no_declared_emission_effect_is_an_error_not_other() -> None:
    odd = Lever(
        name="fake_ppa",
        add=FAKE.add,
        shown=FAKE.shown,
        costs=FAKE.costs,
        activity=lambda b, block: [
            (y, s, NAME, "x", "mystery_mwh", "MWh", 1.0) for s in block or [] for y in b.data.years
        ],
    )
    with registered(odd), pytest.raises(ValueError, match="mystery_mwh"):
        solve_raw(tiny())


def test_a_folder_with_a_lever_this_version_does_not_know_is_refused_cleanly(folder) -> None:
    from optimiser.errors import DecarbError

    _, out = folder  # written while the fake lever was registered; it is not now
    with pytest.raises(DecarbError, match=r"roadmap\.csv: lever: expected one of .* found 'fake_ppa'"):
        load_run(out)
