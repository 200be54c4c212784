"""Emission factors as the model counts them: each site fuel's t CO2e per MWh (NCV) by year, and the direct
non-fuel emissions (process sources by gas, refrigerant leakage) in t CO2e, from the scenario's accounting choices.

| fuel kind | counted per MWh | reported apart |
| --- | --- | --- |
| fossil | CO2 + CH4 x GWP + N2O x GWP (Scope 1) | |
| biomass | CH4 x GWP + N2O x GWP (Scope 1) | biogenic CO2 |
| purchased_heat | CO2 of the heat (Scope 2) | |
"""

from __future__ import annotations

from dataclasses import dataclass

from ..accounting.gwp import gwp
from ..scenario.fuels import Factors, resolve
from ..scenario.schema import Scenario
from ..scenario.site import Site
from ..scenario.trajectory import at


@dataclass(frozen=True)
class FuelEmissions:
    factors: Factors
    counted_t_per_mwh: dict[int, float]  # t CO2e per MWh, by year
    co2_t_per_mwh: dict[int, float]  # its CO2 part (fossil; purchased heat's CO2)
    biogenic_t_per_mwh: dict[int, float]  # biogenic CO2, not counted

    @property
    def scope(self) -> str:
        return "scope2" if self.factors.kind == "purchased_heat" else "scope1"


def fuel_emissions(scenario: Scenario, site: Site, years: list[int]) -> dict[str, FuelEmissions]:
    gwp_set = scenario.accounting.gwp
    out: dict[str, FuelEmissions] = {}
    for f, use in site.fuels.items():
        fac = resolve(scenario.fuels[f], use)
        non_co2 = fac.ch4_t_per_mwh * gwp("CH4", gwp_set) + fac.n2o_t_per_mwh * gwp("N2O", gwp_set)
        co2 = {y: fac.co2_at(y) for y in years}
        if fac.kind == "biomass":
            out[f] = FuelEmissions(fac, dict.fromkeys(years, non_co2), dict.fromkeys(years, 0.0), co2)
        elif fac.kind == "purchased_heat":
            out[f] = FuelEmissions(fac, co2, co2, dict.fromkeys(years, 0.0))
        else:
            out[f] = FuelEmissions(fac, {y: co2[y] + non_co2 for y in years}, co2, dict.fromkeys(years, 0.0))
    return out


@dataclass(frozen=True)
class DirectSource:
    """A non-fuel Scope 1 source: `t_gas` tonnes of `gas` a year."""

    source: str  # "process", "process:<id>" or "refrigerant:<id>"
    gas: str
    t_gas: dict[int, float]
    gwp: float

    def t(self, year: int) -> float:
        return self.t_gas[year] * self.gwp


def direct_sources(scenario: Scenario, site: Site, years: list[int]) -> list[DirectSource]:
    gwp_set = scenario.accounting.gwp
    out = [DirectSource("process", "CO2e", {y: at(site.process_t_per_year, y) for y in years}, 1.0)]
    out += [
        DirectSource(f"process:{p.id}", p.gas, {y: at(p.t_per_year, y) for y in years}, gwp(p.gas, gwp_set))
        for p in site.process_emissions
    ]
    out += [
        DirectSource(
            f"refrigerant:{r.id}", r.gas, {y: at(r.leakage_kg_per_year, y) / 1000.0 for y in years}, gwp(r.gas, gwp_set)
        )
        for r in site.refrigerants
    ]
    return out
