"""Relations between runs that must hold whatever the numbers."""

from __future__ import annotations

import copy

import pytest
from helpers import site_with, solve_raw, tiny

PV = {"capex_per_kw": 2500, "profile": {"specific_yield_kwh_per_kwp": 1100}}
RETROFITS = [
    {"id": "vfd", "capex": 2e6, "electricity_saving_fraction": 0.08, "lifetime_years": 15},
    {
        "id": "hp",
        "capex": 5e5,
        "fuel_saving_fraction": {"natural_gas": 0.9},
        "electricity_added_mwh": 270,
        "lifetime_years": 20,
    },
]


def rich() -> dict:
    raw = site_with(
        tiny(offsets=[{"id": "ccer", "price_per_t": 80}], green_electricity={"price_per_mwh": 40}),
        roof_area_m2=5000,
        pv=PV,
        retrofits=RETROFITS,
    )
    return raw


def with_reduction(cut: float) -> dict:
    raw = rich()
    raw["targets"] = {"reductions": [{"year": 2027, "vs_base": cut}]}
    return raw


def test_tighter_target_never_costs_less() -> None:
    costs = [solve_raw(with_reduction(cut)).summary.net_present_cost for cut in (0.3, 0.6, 0.9)]
    assert costs[0] <= costs[1] + 1e-6 <= costs[2] + 2e-6


def test_higher_offset_price_never_buys_more_offsets() -> None:
    bought = []
    for price in (20, 80, 400):
        raw = rich()
        raw["offsets"][0]["price_per_t"] = price
        raw["green_electricity"]["price_per_mwh"] = 60
        raw["targets"] = {"neutrality": {"year": 2027}}
        bought.append(solve_raw(raw).summary.offsets_total_t)
    assert bought[0] >= bought[1] - 1e-6 >= bought[2] - 2e-6
    assert bought[0] > bought[2]  # and the price does matter here


def test_all_levers_off_gives_the_business_as_usual_cost() -> None:
    raw = copy.deepcopy(rich())
    site = raw["sites"][0]
    for lever in ("pv", "retrofits"):
        site.pop(lever)
    raw.pop("offsets")
    raw.pop("green_electricity")
    s = solve_raw(raw).summary
    assert s.net_present_cost == pytest.approx(s.net_present_cost_bau, rel=1e-9)


def test_economics_plan_never_costs_more_than_business_as_usual() -> None:
    s = solve_raw(rich()).summary
    assert s.net_present_cost_economics <= s.net_present_cost_bau + 1e-6
