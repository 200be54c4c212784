"""Abatement wedges: business-as-usual gross emissions minus the plan's net emissions, split by lever.

Each lever's wedge is the change of its activity between the plan and business as usual (see activity.py)
times the emission factor that activity meets on the targets' basis:
| activity | effect on emissions (t) |
| --- | --- |
| retrofit electricity change (MWh) | x grid factor (market basis: residual-mix factor) |
| retrofit fuel change (MWh) | x the fuel's factor |
| retrofit process change (t) | itself |
| on-site PV used (MWh) | - x grid factor |
| storage losses (MWh) | + x grid factor (a battery costs emissions unless it shifts to cleaner hours) |
| certified green electricity (MWh) | - x market factor (market basis only) |
| eligible offsets (t) | - itself |
| heat plant electricity (MWh; CHP: made, < 0) | x grid factor |
| heat plant fuel (MWh): own fuel minus what the existing boilers no longer burn | x the fuel's factor |
| heat storage losses (MWh heat) | x boiler fuel per MWh heat x the fuel's factor |
`other` is what is left so that the wedges add up exactly to `bau_gross - net`: effects of timing when
the grid factor has an hourly shape, and fuel use that savings would push below zero.
"""

from __future__ import annotations

import pandas as pd

from ..data import ModelData

ELECTRIC = {"electricity_mwh": 1.0, "used_mwh": -1.0, "losses_mwh": 1.0}
# activity quantities that describe a lever without changing emissions themselves (their effect is in the ones
# above: output exported or curtailed is not used; charged and discharged make the losses)
NO_EFFECT = {
    "generation_mwh",
    "export_mwh",
    "curtailed_mwh",
    "charged_mwh",
    "discharged_mwh",
    "heat_mwh",
    "heat_charged_mwh",
    "heat_discharged_mwh",
    "retired_t",
    "imported_mwh",
    "exported_mwh",
    "peak_import_kw",
    "export_revenue_uncounted",
}


def abatement_table(
    data: ModelData, plan_activity: pd.DataFrame, bau_activity: pd.DataFrame, plan_net: pd.Series, bau_gross: pd.Series
) -> pd.DataFrame:
    """year, lever, t (positive = emissions avoided); `plan_net` and `bau_gross` are indexed by year."""
    effect = _effect(data, plan_activity).sub(_effect(data, bau_activity), fill_value=0.0)
    wedges = (-effect).unstack("lever", fill_value=0.0).reindex(data.years, fill_value=0.0)
    wedges["other"] = (bau_gross - plan_net).reindex(data.years) - wedges.sum(axis=1)
    out = wedges.stack().rename("t").reset_index()
    out.columns = ["year", "lever", "t"]
    return out.sort_values(["year", "lever"], kind="stable", ignore_index=True)


def _effect(data: ModelData, activity: pd.DataFrame) -> pd.Series:
    """Emissions caused by each lever's activity (t, negative = avoided), by (year, lever)."""
    market = data.scenario.targets.basis == "market"
    rows = []
    for row in activity.itertuples(index=False):
        y, q = int(row.year), row.quantity
        grid = data.grid_market_ef[y] if market else data.grid_ef[y]
        if q in ELECTRIC:
            t = ELECTRIC[q] * row.value * grid
        elif q.startswith("fuel_mwh:"):
            t = row.value * fuel_factor(data, row.site, q.removeprefix("fuel_mwh:"), y)
        elif q == "process_t":
            t = row.value
        elif q == "certified_mwh":
            t = -row.value * data.grid_market_ef[y] if market else 0.0
        elif q == "eligible_t":
            t = -row.value
        elif q in NO_EFFECT:
            continue
        else:  # a lever's new quantity must say what it does to emissions: never silently 'other'
            raise ValueError(f"activity quantity {q!r} of lever {row.lever!r} has no emission effect declared here")
        rows.append((y, row.lever, t))
    frame = pd.DataFrame(rows, columns=["year", "lever", "t"])
    return frame.groupby(["year", "lever"])["t"].sum()


def fuel_factor(data: ModelData, site: str, fuel: str, year: int) -> float:
    """t CO2e per MWh of a fuel at a site (per MWh of heat for purchased heat); company rows take the first site's."""
    sites = [data.sites[site]] if site in data.sites else list(data.sites.values())
    for sd in sites:
        if fuel in sd.fuels:
            return sd.fuels[fuel].counted_t_per_mwh[year]
    return 0.0
