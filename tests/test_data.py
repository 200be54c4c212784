"""Profiles and representative days."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import site_with, solve_raw, tiny

from optimiser.data.days import representative_days
from optimiser.data.hourly import shift_pattern
from optimiser.data.pv import pv_kw_per_kwp
from optimiser.scenario.levers import PVProfile
from optimiser.scenario.site import Location, ShiftPattern


def test_pvlib_profile_respects_capacity_and_yield() -> None:
    p = pv_kw_per_kwp(PVProfile(specific_yield_kwh_per_kwp=1100), Location(latitude=33.35, longitude=120.16), "pv")
    assert p.sum() == pytest.approx(1100, rel=1e-6)
    assert p.max() <= 1.0
    hours = p.reshape(365, 24)
    assert hours[:, 0].max() == 0 and hours[:, 12].mean() > 0.3  # dark at midnight, bright at noon (UTC+8)


def test_shift_pattern_has_idle_nights_and_weekends() -> None:
    shape = shift_pattern(ShiftPattern(shifts=1, working_days_per_week=5, idle_share=0.2, summer_uplift_share=0))
    assert shape.mean() == pytest.approx(1.0)
    day = shape.reshape(365, 24)[1]  # 2023-01-02 is a Monday
    assert day[10] / day[2] == pytest.approx(5.0)  # shift hour vs idle hour = 1 / 0.2


def test_representative_days_conserve_energy_and_cap() -> None:
    rng = np.random.default_rng(1)
    load = 1 + rng.random(8760)
    pv = np.clip(np.sin(np.linspace(0, 365 * 2 * np.pi, 8760)), 0, None)
    days = representative_days({"load": load, "pv": pv}, 6, {"pv": 1.0})
    assert days.weights.sum() == pytest.approx(365)
    for name, series in (("load", load), ("pv", pv)):
        total = (days.series[name].sum(axis=1) * days.weights).sum()
        assert total == pytest.approx(series.sum(), rel=1e-9)
    assert days.series["pv"].max() <= 1.0


def test_full_year_matches_aggregation_within_a_few_percent() -> None:
    pv = {"capex_per_kw": 2500, "profile": {"specific_yield_kwh_per_kwp": 1100}}
    tariff = {
        "period_hours": {"valley": list(range(8)), "peak": list(range(9, 12)) + list(range(17, 22))},
        "price_per_mwh": {"valley": 300, "flat": 650, "peak": 1100},
    }
    storage = {"capex_per_kwh": 600}
    costs = {}
    for n in (365, 8):
        raw = site_with(
            tiny(horizon={"start": 2025, "end": 2026}, time={"representative_days": n}),
            roof_area_m2=5000,
            pv=pv,
            tariff=tariff,
            storage=storage,
        )
        costs[n] = solve_raw(raw).summary.net_present_cost
    error = abs(costs[8] - costs[365]) / costs[365]
    assert error < 0.03  # the aggregation error on this site, measured on the same scenario
