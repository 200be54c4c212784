"""Schema of the accounting choices (`accounting:`) and of a site's non-fuel direct emissions: process sources
by gas and refrigerant or other F-gas leakage (GB/T 32150: CO2, CH4, N2O, HFCs, PFCs, SF6, NF3 in t CO2e)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from ..accounting.gwp import GASES, gwp
from .base import ID_PATTERN, NonNegFloat, Strict
from .trajectory import NonNegTrajectory


def _known_gas(gas: str) -> str:
    try:
        gwp(gas)
    except KeyError:
        raise ValueError(f"unknown gas {gas!r}; expected one of {', '.join(GASES)}") from None
    return gas


class Accounting(Strict):
    gwp: Literal["AR5", "AR6"] = Field(
        "AR5", description="Global warming potentials: IPCC AR5 (China's reporting) or AR6, 100 years."
    )
    deduct_exported_electricity: bool = Field(
        True,
        description="GB/T 32150: electricity exported is deducted at the grid factor from location-based totals "
        "(market-based Scope 2 never nets exports). Set false to report without netting, e.g. for SBTi.",
    )


class ProcessSource(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Source, e.g. 'carbonate' or 'wastewater'.")
    gas: str = Field("CO2", description=f"The gas emitted: {', '.join(GASES)}.")
    t_per_year: NonNegTrajectory = Field(description="Tonnes of that gas a year (not CO2e).")

    _gas = field_validator("gas")(lambda cls, v: _known_gas(v))


class Refrigerant(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Equipment, e.g. 'chillers'.")
    gas: str = Field(description=f"Refrigerant or F-gas: {', '.join(GASES)}.")
    charge_kg: NonNegFloat | None = Field(None, description="Charge in the equipment, kg (reported).")
    leakage_kg_per_year: NonNegTrajectory = Field(description="Refilled (= leaked) a year, kg.")

    _gas = field_validator("gas")(lambda cls, v: _known_gas(v))
