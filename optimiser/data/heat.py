"""Heat demands as numbers: yearly heat per carrier from the fuel the boilers burn today, and hourly shapes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ScenarioError
from ..scenario.heat import HeatDemand
from ..scenario.site import Site
from .hourly import normalise_mean, read_hourly_csv


@dataclass(frozen=True)
class HeatData:
    demand: HeatDemand
    mwh: dict[int, float]  # heat the users need per year: fuel use x fuel_share x boiler efficiency (baseline)

    @property
    def fuel_mwh_per_mwh(self) -> float:
        """Fuel the existing boilers burn per MWh of heat."""
        return 1.0 / self.demand.boiler_efficiency


def profile_name(carrier: str) -> str:
    return f"heat:{carrier}"


def heat_profiles(site: Site, field_prefix: str) -> dict[str, np.ndarray]:
    """Hourly shapes [8760] of the demands that are not flat, to cluster with the load."""
    out = {}
    for j, d in enumerate(site.heat):
        if d.profile in ("flat", "load"):
            continue  # a constant needs no clustering; the load is clustered already (see SiteData.heat_kw)
        where = f"{field_prefix}.heat[{j}].profile"
        series = read_hourly_csv(d.profile, where)
        if series.max() <= 0:
            raise ScenarioError(d.profile, where, "expected an hourly heat demand shape, found only zeros")
        out[profile_name(d.id)] = normalise_mean(series)
    return out


def heat_data(site: Site, fuel_mwh: dict[str, dict[int, float]]) -> dict[str, HeatData]:
    return {
        d.id: HeatData(d, {y: v * d.fuel_share * d.boiler_efficiency for y, v in fuel_mwh[d.fuel].items()})
        for d in site.heat
    }


def direct_fuel_mwh(site: Site, fuel_mwh: dict[str, dict[int, float]]) -> dict[str, dict[int, float]]:
    """Baseline fuel use that does not go through the modelled boilers (kilns, ovens, vehicles), MWh a year."""
    share = {f: sum(d.fuel_share for d in site.heat if d.fuel == f) for f in fuel_mwh}
    return {f: {y: v * max(0.0, 1.0 - share[f]) for y, v in years.items()} for f, years in fuel_mwh.items()}
