"""The per-site, per-year quantities compared between the representative days and the full year, computed the
same way from either: a dispatch table, a costs table and an emissions table.

| quantity | unit | meaning |
| --- | --- | --- |
| `energy_cost` | currency/yr | dispatch-dependent costs: energy bill, export revenue, demand charge, battery wear |
| `imported_mwh`, `exported_mwh`, `curtailed_mwh` | MWh/yr | the meter both ways; generation thrown away |
| `onsite_used_mwh` | MWh/yr | on-site renewable output used on site (not exported, not curtailed) |
| `storage_losses_mwh` | MWh/yr | charged - discharged |
Generators and stores are the levers that declare `generation_columns` and `storage_columns` (levers/).
| `peak_import_kw` | kW | the highest import (what the demand charge bills) |
| `scope1_t`, `scope2_location_t` | t/yr | as in emissions.csv |
| `scope2_market_other_t` | t/yr | market-based Scope 2 besides grid imports: purchased heat, the export deduction |
| `fuel_mwh` | MWh/yr | fuel burnt (fixed by the plan's measures) |
"""

from __future__ import annotations

import pandas as pd

from ..levers import LEVERS

CORE_OPERATING = ("electricity", "export_revenue", "demand_charge", "fuel")


def operating_categories() -> tuple[str, ...]:
    """Cost categories that follow the dispatch: the core's (energy bills, fuel) and those levers declare."""
    return CORE_OPERATING + tuple(c for lever in LEVERS for c in lever.operating_costs)


def site_metrics(dispatch: pd.DataFrame, costs: pd.DataFrame, emissions: pd.DataFrame) -> pd.DataFrame:
    """One row per (year, site) with the quantities above as columns."""
    d = dispatch.assign(w=dispatch["day_weight"] / 1000.0)
    generators = [lv.generation_columns for lv in LEVERS if lv.generation_columns]
    stores = [lv.storage_columns for lv in LEVERS if lv.storage_columns]
    curtailed = sum((d[curt] for _, curt in generators), 0.0 * d["w"])
    kept = sum((d[out] - d[curt] for out, curt in generators), 0.0 * d["w"])
    losses = sum((d[charge] - d[discharge] for charge, discharge in stores), 0.0 * d["w"])
    energy = d.assign(
        imported_mwh=d["import_kw"] * d["w"],
        exported_mwh=d["export_kw"] * d["w"],
        curtailed_mwh=curtailed * d["w"],
        onsite_used_mwh=(kept - d["export_kw"]) * d["w"],
        storage_losses_mwh=losses * d["w"],
    )
    cols = ["imported_mwh", "exported_mwh", "curtailed_mwh", "onsite_used_mwh", "storage_losses_mwh"]
    out = energy.groupby(["year", "site"])[cols].sum()
    out["peak_import_kw"] = d.groupby(["year", "site"])["import_kw"].max()
    operating = costs[costs["category"].isin(operating_categories())].groupby(["year", "site"])["value"].sum()
    out["energy_cost"] = operating.reindex(out.index, fill_value=0.0)
    em = emissions.groupby(["year", "site", "scope"])["t"].sum().unstack("scope")
    out["scope1_t"] = em["scope1"].reindex(out.index, fill_value=0.0)
    out["scope2_location_t"] = em["scope2_location"].reindex(out.index, fill_value=0.0)
    market = emissions[(emissions["scope"] == "scope2_market") & (emissions["source"] != "grid")]
    other = market.groupby(["year", "site"])["t"].sum()  # purchased heat, the export deduction
    out["scope2_market_other_t"] = other.reindex(out.index, fill_value=0.0)
    fuel = emissions[emissions["source"].str.startswith("fuel:")].groupby(["year", "site"])["activity"].sum()
    out["fuel_mwh"] = fuel.reindex(out.index, fill_value=0.0)
    return out.reset_index()
