"""What each battery does and why it pays, per site and year, from the plan's hourly dispatch.

| column | meaning |
| --- | --- |
| `energy_kwh`, `power_kw` | installed capacity |
| `cycles` | equivalent full cycles a year: energy taken from the cells / the usable window |
| `charged_from_pv_mwh`, `charged_from_grid_mwh` | what charged it: PV left after the load and exports, else the grid |
| `discharged_mwh`, `losses_mwh` | energy delivered (always to the site's own load) and lost |
| `peak_import_kw`, `peak_import_without_storage_kw` | the site's grid peak with the battery, and with it idle |
| `arbitrage_value` | grid power bought cheap and delivered when dear: delivered value - purchase cost (share of grid) |
| `self_consumption_value` | PV surplus kept for later: delivered value - what the surplus would have earned |
| `demand_charge_value` | lower peak x the demand charge |
| `wear_cost` | cycles beyond what the calendar life includes (see model/storage.py) |
| `reason` | the largest of the three values: why the battery pays |
Values are currency per year, undiscounted, on the representative days. Delivered energy is valued at the
hour's import price: the battery never discharges while the site exports, so each kWh it delivers is a kWh
not bought.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import ModelData
from ..model.grid import export_value_per_kwh

COLUMNS = [
    "year",
    "site",
    "energy_kwh",
    "power_kw",
    "cycles",
    "charged_from_pv_mwh",
    "charged_from_grid_mwh",
    "discharged_mwh",
    "losses_mwh",
    "peak_import_kw",
    "peak_import_without_storage_kw",
    "arbitrage_value",
    "self_consumption_value",
    "demand_charge_value",
    "wear_cost",
    "reason",
]
REASONS = {
    "arbitrage_value": "arbitrage",
    "self_consumption_value": "self-consumption",
    "demand_charge_value": "demand charge",
}


def from_tables(data: ModelData, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """storage.csv from the plan's dispatch, capacity and costs tables."""
    costs = tables["costs"]
    return storage_table(data, tables["dispatch"], tables["capacity"], costs[costs["case"] == "plan"])


def headline(storage: pd.DataFrame) -> list[tuple[str, int, str]]:
    """Per site, the battery in the year it is largest, in words: size, use, grid peak and why it pays."""
    out = []
    for site, part in storage.groupby("site", sort=False):
        st = part.loc[part["energy_kwh"].idxmax()]
        why = {k: float(st[k]) for k in REASONS}
        reasons = ", ".join(f"{REASONS[k]} {v / 1e6:,.2f} M/yr" for k, v in why.items() if v > 0.005e6)
        text = (
            f"{st.energy_kwh / 1000:,.1f} MWh / {st.power_kw / 1000:,.1f} MW, {st.cycles:,.0f} cycles a year, "
            f"grid peak {st.peak_import_kw / 1000:,.1f} MW ({st.peak_import_without_storage_kw / 1000:,.1f} MW "
            f"with the battery idle); pays through {st.reason}" + (f" ({reasons})" if reasons else "")
        )
        out.append((str(site), int(st.year), text))
    return out


def why_more(data: ModelData, storage: pd.DataFrame, year: int) -> str:
    """Why a plan may emit more than business as usual in a year: losses of grid-charged arbitrage."""
    part = storage[storage["year"] == year]
    if part.empty:
        return ""
    lost = float(part["losses_mwh"].sum())
    charged = float((part["charged_from_grid_mwh"] + part["charged_from_pv_mwh"]).sum())
    grid_share = float(part["charged_from_grid_mwh"].sum()) / max(charged, 1e-9)
    market = data.scenario.targets.basis == "market"
    factor = data.grid_market_ef[year] if market else data.grid_ef[year]
    if lost * grid_share * factor <= 0.5:
        return ""
    return (
        f": battery losses from grid-charged arbitrage ({lost * grid_share:,.0f} MWh) add "
        f"{lost * grid_share * factor:,.0f} t"
    )


def storage_table(data: ModelData, dispatch: pd.DataFrame, capacity: pd.DataFrame, costs: pd.DataFrame) -> pd.DataFrame:
    cap = capacity.pivot_table(index=["site", "year"], columns="quantity", values="value", aggfunc="sum")
    wear = costs[costs["category"] == "storage_wear"].groupby(["site", "year"])["value"].sum()
    rows = []
    for (site, year), hours in dispatch.groupby(["site", "year"], sort=False):
        spec = data.sites[site].site.storage
        if spec is None or (site, year) not in cap.index:
            continue
        energy = float(cap.loc[(site, year)].get("storage_energy", 0.0))
        if energy <= 1e-6:
            continue
        rows.append(
            _one_year(
                data,
                site,
                int(year),
                hours,
                energy,
                float(cap.loc[(site, year), "storage_power"]),
                float(wear.get((site, year), 0.0)),
            )
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def _one_year(
    data: ModelData, site: str, year: int, hours: pd.DataFrame, energy: float, power: float, wear: float
) -> tuple:
    sd = data.sites[site]
    spec = sd.site.storage
    assert spec is not None
    w = hours["day_weight"].to_numpy()
    h = hours["hour"].to_numpy()
    price = sd.price_per_kwh[year][h]
    charge, discharge = hours["charge_kw"].to_numpy(), hours["discharge_kw"].to_numpy()
    pv_left = np.maximum(0.0, hours["pv_kw"] - hours["curtail_kw"] - hours["export_kw"] - hours["load_kw"]).to_numpy()
    from_pv = np.minimum(charge, pv_left)
    from_grid = charge - from_pv
    surplus_value = export_value_per_kwh(sd, year)[h] if sd.site.tariff.export_limit_kw != 0 else np.zeros(len(h))
    delivered = float((w * discharge * price).sum())
    pv_in, grid_in = float((w * from_pv).sum()), float((w * from_grid).sum())
    share_pv = pv_in / (pv_in + grid_in) if pv_in + grid_in > 0 else 0.0
    self_consumption = delivered * share_pv - float((w * from_pv * surplus_value).sum())
    arbitrage = delivered * (1.0 - share_pv) - float((w * from_grid * price).sum())
    imports = hours["import_kw"].to_numpy()
    peak, peak_without = float(imports.max()), float((imports + discharge - from_grid).max())
    demand = (peak_without - peak) * sd.demand_charge_per_kw_year[year]
    values = {"arbitrage_value": arbitrage, "self_consumption_value": self_consumption, "demand_charge_value": demand}
    best = max(values, key=lambda k: values[k])
    cell_kwh = float((w * discharge).sum()) / spec.eta_discharge
    usable = energy * (spec.soc_max_share - spec.soc_min_share)
    return (
        year,
        site,
        energy,
        power,
        cell_kwh / usable if usable > 0 else 0.0,
        pv_in / 1000.0,
        grid_in / 1000.0,
        float((w * discharge).sum()) / 1000.0,
        float((w * (charge - discharge)).sum()) / 1000.0,
        peak,
        peak_without,
        arbitrage,
        self_consumption,
        demand,
        wear,
        REASONS[best] if values[best] > 0 else "none",
    )
