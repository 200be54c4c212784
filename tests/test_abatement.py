"""Abatement wedges: each lever's share of business as usual minus net emissions, checked by hand."""

from __future__ import annotations

import pytest
from conftest import SHIPPED
from helpers import HEAT_PUMP, site_with, solve_raw, tiny


def wedges(result, year: int) -> dict[str, float]:
    ab = result.tables["abatement"]
    return ab[ab["year"] == year].set_index("lever")["t"].to_dict()


def test_efficiency_wedge_is_saved_mwh_times_grid_factor() -> None:
    led = {"id": "led", "capex": 1e5, "electricity_saving_mwh": 500, "lifetime_years": 10, "earliest_year": 2026}
    result = solve_raw(site_with(tiny(), retrofits=[led]))
    assert wedges(result, 2025)["retrofit:efficiency"] == pytest.approx(0.0, abs=1e-6)
    assert wedges(result, 2026)["retrofit:efficiency"] == pytest.approx(500 * 0.5, rel=1e-9)
    assert wedges(result, 2026)["other"] == pytest.approx(0.0, abs=1e-6)


def test_electrification_wedge_nets_added_electricity_against_fuel_saved() -> None:
    w = wedges(solve_raw(site_with(tiny(), retrofits=[HEAT_PUMP])), 2025)
    assert w["retrofit:electrification"] == pytest.approx(1000 * 0.2 - 300 * 0.5, rel=1e-9)  # 200 t gas - 150 t grid


def test_offsets_and_certificates_wedges() -> None:
    raw = tiny(
        green_electricity={"price_per_mwh": 10, "max_mwh_per_year": 4000},
        offsets=[{"id": "ccer", "price_per_t": 80}],
        targets={"basis": "market", "neutrality": {"year": 2025}},
    )
    w = wedges(solve_raw(raw), 2025)
    # certificates (cheaper per t: 10 / 0.5 = 20 CNY/t) up to their cap, offsets for the rest
    assert w["green_electricity"] == pytest.approx(4000 * 0.5, rel=1e-9)
    assert w["offsets"] == pytest.approx(8760 * 0.5 + 1000 * 0.2 - 2000, rel=1e-9)
    assert w["other"] == pytest.approx(0.0, abs=1e-6)


@pytest.mark.slow  # the shipped runs (session fixture shipped_runs)
@pytest.mark.parametrize("name", SHIPPED)
def test_wedges_add_up_to_bau_minus_net_with_nothing_unexplained(shipped_runs: dict, name: str) -> None:
    run = shipped_runs[name]
    ab = run.tables["abatement"].groupby("year")["t"].sum()
    bau = run.cases["bau"].pathway.set_index("year")["gross_t"]
    net = run.plan.pathway.set_index("year")["net_t"]
    assert ab.to_numpy() == pytest.approx((bau - net).to_numpy(), rel=1e-9, abs=1e-6)
    # no hourly grid-factor shape in the shipped scenarios: every tonne is explained by a lever
    other = run.tables["abatement"].query("lever == 'other'")["t"]
    assert other.abs().max() < 1e-6 * bau.max()
