"""Default fuel factors: GB/T 32150-2015 Annex B (net calorific value, carbon content per GJ, oxidation rate;
CO2 = activity x NCV x carbon content x oxidation x 44/12) and IPCC 2006 CH4/N2O factors for stationary combustion.

The Annex B values here were transcribed from a third-party copy of the standard's table (flag S3 in
domain_facts.md): check them against the standard before publishing, and override them per site with measured
values (`sites[].fuels.<fuel>.ncv_gj_per_unit` and friends) where the plant has them, as GB/T 32150 asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .units import GJ_PER_MWH

C_TO_CO2 = 44.0 / 12.0
FuelKind = Literal["fossil", "biomass", "purchased_heat"]
ANNEX_B = "GB/T 32150-2015 Table B.1 (S3: third-party transcription; check against the standard)"
IPCC_T23 = "IPCC 2006 GL Vol. 2 Table 2.3, manufacturing industries and construction (V)"


@dataclass(frozen=True)
class FuelDefault:
    name: str
    kind: FuelKind
    unit: str  # the unit the NCV is given per
    ncv_gj_per_unit: float
    carbon_content_t_per_gj: float  # t C per GJ (NCV); for purchased heat the CO2 factor in t CO2 per GJ
    oxidation_share: float
    ch4_kg_per_tj: float
    n2o_kg_per_tj: float
    source: str

    @property
    def co2_t_per_gj(self) -> float:
        if self.kind == "purchased_heat":
            return self.carbon_content_t_per_gj
        return self.carbon_content_t_per_gj * self.oxidation_share * C_TO_CO2


def co2_t_per_mwh(carbon_content_t_per_gj: float, oxidation_share: float) -> float:
    """t CO2 per MWh (NCV) of a fuel from its carbon content and oxidation rate."""
    return carbon_content_t_per_gj * oxidation_share * C_TO_CO2 * GJ_PER_MWH


DEFAULTS: dict[str, FuelDefault] = {
    "natural_gas": FuelDefault(
        "natural gas (天然气)", "fossil", "10^4 Nm3", 389.31, 0.0153, 0.99, 1.0, 0.1, f"{ANNEX_B}; CH4/N2O {IPCC_T23}"
    ),
    "raw_coal": FuelDefault(
        "raw coal (原煤)", "fossil", "t", 20.908, 0.02637, 0.94, 10.0, 1.5, f"{ANNEX_B}; {IPCC_T23}"
    ),
    "diesel": FuelDefault("diesel (柴油)", "fossil", "t", 42.652, 0.0202, 0.98, 3.0, 0.6, f"{ANNEX_B}; {IPCC_T23}"),
    "gasoline": FuelDefault("gasoline (汽油)", "fossil", "t", 43.070, 0.0189, 0.98, 3.0, 0.6, f"{ANNEX_B}; {IPCC_T23}"),
    "fuel_oil": FuelDefault(
        "fuel oil (燃料油)", "fossil", "t", 41.816, 0.0211, 0.98, 3.0, 0.6, f"{ANNEX_B}; {IPCC_T23}"
    ),
    "lpg": FuelDefault("LPG (液化石油气)", "fossil", "t", 50.179, 0.0172, 0.98, 1.0, 0.1, f"{ANNEX_B}; {IPCC_T23}"),
    "wood_biomass": FuelDefault(
        "wood and wood waste (生物质)",
        "biomass",
        "t",
        15.6,
        112.0 / 1000.0 / C_TO_CO2,  # IPCC 112,000 kg CO2/TJ, oxidation 1
        1.0,
        30.0,
        4.0,
        "IPCC 2006 GL Vol. 2 Tables 1.2, 1.4 and 2.3 (V); CO2 biogenic: reported, not counted",
    ),
    "purchased_steam": FuelDefault(
        "purchased heat and steam (外购热力)",
        "purchased_heat",
        "GJ",
        1.0,
        0.11,
        1.0,
        0.0,
        0.0,
        "GB/T 32150-2015 / NDRC industry guidelines default 0.11 t CO2/GJ (S3)",
    ),
}

# Steam in tonnes: heat = mass x (enthalpy - 83.74 kJ/kg), the enthalpy of feed water at 20 °C (NDRC industry
# accounting guidelines, e.g. GB/T 32151 series): the user gives the steam's enthalpy from its pressure and
# temperature (steam tables); there is no default, because 0.8 MPa saturated and 3.8 MPa superheated steam differ.
FEED_WATER_KJ_PER_KG = 83.74


def steam_gj_per_t(enthalpy_kj_per_kg: float) -> float:
    """GJ of heat per tonne of steam: t x (h - 83.74 kJ/kg) x 1000 kg/t / 10^6 kJ/GJ."""
    return (enthalpy_kj_per_kg - FEED_WATER_KJ_PER_KG) / 1000.0
