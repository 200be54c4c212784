"""Tiny scenarios whose optimum can be computed by hand: flat load, flat tariff, short horizon."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from optimiser import SolveOptions, run_scenario
from optimiser.run import RunResult
from optimiser.scenario.load import deep_merge, validate_raw

HEAT_PUMP = {  # removes all 1,000 MWh of gas (200 t) and adds 300 MWh of electricity (150 t at 0.5)
    "id": "hp",
    "kind": "electrification",
    "capex": 1.0,
    "fuel_saving_fraction": {"natural_gas": 1.0},
    "electricity_added_mwh": 300,
    "lifetime_years": 20,
}
FLAT_LOAD = {"shifts": 3, "idle_share": 1.0, "summer_uplift_share": 0.0, "working_days_per_week": 7}


def tiny(**changes: Any) -> dict[str, Any]:
    """One site, 2025-2027, constant 1,000 kW load (8,760 MWh/yr), flat 600 CNY/MWh, 1,000 MWh gas/yr; the last
    year stands for itself only (terminal_years 0), so costs are sums over the three years."""
    base: dict[str, Any] = {
        "name": "tiny",
        "horizon": {"start": 2025, "end": 2027},
        "terminal_years": 0,
        "discount_rate": 0.06,
        "time": {"representative_days": 2},
        "grid": {"ef_t_per_mwh": 0.5},
        "fuels": {"natural_gas": {"ef_t_per_mwh": 0.2, "price_per_mwh": 300}},
        "sites": [
            {
                "id": "plant",
                "location": {"latitude": 32.0, "longitude": 119.0},
                "electricity": {"annual_mwh": 8760, "load_profile": dict(FLAT_LOAD)},
                "tariff": {"price_per_mwh": {"flat": 600}},
                "fuels": {"natural_gas": {"annual_mwh": 1000}},
            }
        ],
    }
    return deep_merge(base, changes)


def site_with(raw: dict[str, Any], **fields: Any) -> dict[str, Any]:
    out = copy.deepcopy(raw)
    out["sites"][0].update(fields)
    return out


def solve_raw(raw: dict[str, Any], validate_years: str = "none") -> RunResult:
    """Solved to a 1e-9 gap; the full-year check only when asked (it is tested on its own)."""
    options = SolveOptions(mip_rel_gap=1e-9, time_limit_s=120)
    return run_scenario(validate_raw(raw, Path("tiny.yaml")), options, validate_years=validate_years)


def annuity(rate: float, years: list[int]) -> float:
    return sum((1 + rate) ** -(y - years[0]) for y in years)
