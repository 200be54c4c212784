"""The key figures of a run, as label, unit and value: one list for the report, the workbook and comparisons."""

from __future__ import annotations

from typing import Any

from .folder import RunFolder


def key_figures(run: RunFolder) -> list[tuple[str, str, Any]]:
    s, cur = run.summary, run.currency
    prices = run.tables["carbon_price"].set_index("year")["implied_price_per_t"]
    neutrality = run.scenario.targets.neutrality
    price_year = neutrality.year if neutrality and neutrality.year in prices.index else None
    rows: list[tuple[str, str, Any]] = [
        ("Solver status", "", s.status_label),
        ("Net present cost of the plan", cur, s.net_present_cost),
        ("Net present cost, economics only", cur, s.net_present_cost_economics),
        ("Net present cost, business as usual", cur, s.net_present_cost_bau),
        ("Cost of the targets (plan - economics only)", cur, s.cost_of_targets),
        ("Cost of the targets, lowest possible given the MIP gaps", cur, s.cost_of_targets_range[0]),
        ("Cost of the targets, highest possible given the MIP gaps", cur, s.cost_of_targets_range[1]),
        ("Net cost per tonne abated vs business as usual (negative = saving)", f"{cur}/t", s.cost_per_t_abated),
        ("Emissions abated over the horizon", "t CO2e", s.abated_t),
        (f"Base-year emissions ({s.base_year})", "t CO2e", s.base_year_t),
        ("Peak year reached", "", s.peak_year),
        ("First year of net zero", "", s.first_net_zero_year),
        ("Offsets bought in total", "t CO2e", s.offsets_total_t),
    ]
    if price_year is not None:
        rows.append(("Implied carbon price in the neutrality year", f"{cur}/t", float(prices[price_year])))
    return rows


def formatted(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
    return str(value)
