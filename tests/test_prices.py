"""Implied carbon prices (duals of the fixed-binaries LP) checked against prices computed by hand."""

from __future__ import annotations

import pytest
from helpers import annuity, solve_raw, tiny


def test_offsets_only_neutrality_prices_carbon_at_the_offset_price() -> None:
    result = solve_raw(tiny(offsets=[{"id": "ccer", "price_per_t": 80}], targets={"neutrality": {"year": 2026}}))
    prices = result.tables["carbon_price"].set_index("year")["implied_price_per_t"]
    assert prices[2025] == pytest.approx(0.0, abs=1e-6)  # no target binds before neutrality
    assert prices[2026] == pytest.approx(80.0, rel=1e-6)
    assert prices[2027] == pytest.approx(80.0, rel=1e-6)
    targets = result.tables["targets"].set_index("index")
    assert targets.loc[2026, "marginal_npv"] == pytest.approx(80.0 * 1.06**-1, rel=1e-6)


def test_cap_met_with_certificates_prices_carbon_at_certificate_price_over_grid_factor() -> None:
    # market basis: one certificate (40 CNY/MWh) removes 0.5 t, so a tonne costs 80 CNY
    raw = tiny(green_electricity={"price_per_mwh": 40}, targets={"basis": "market", "caps_t": 3000})
    result = solve_raw(raw)
    prices = result.tables["carbon_price"].set_index("year")["implied_price_per_t"]
    assert prices.tolist() == pytest.approx([80.0, 80.0, 80.0], rel=1e-6)
    # and it is the finite difference of the plan's cost: one more tonne allowed each year saves 80 CNY a year
    looser = solve_raw(tiny(green_electricity={"price_per_mwh": 40}, targets={"basis": "market", "caps_t": 3001}))
    saving = result.summary.net_present_cost - looser.summary.net_present_cost
    assert saving == pytest.approx(80.0 * annuity(0.06, [2025, 2026, 2027]), rel=1e-6)


def test_budget_price_rises_with_the_discount_rate() -> None:
    # a cumulative budget is one constraint: its implied price grows at the discount rate (Hotelling)
    raw = tiny(green_electricity={"price_per_mwh": 40}, targets={"basis": "market", "budget": {"max_t": 9000}})
    prices = solve_raw(raw).tables["carbon_price"].set_index("year")["implied_price_per_t"]
    assert prices[2026] / prices[2025] == pytest.approx(1.06, rel=1e-6)
    assert prices[2027] / prices[2025] == pytest.approx(1.06**2, rel=1e-6)
