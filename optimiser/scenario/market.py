"""Schema of what a company buys outside its fences: grid factors, fuels, certificates, offsets, carbon price."""

from __future__ import annotations

from typing import Annotated, Literal, cast

from pydantic import Field, model_validator

from .base import ID_PATTERN, Fraction, PositiveFloat, Strict, Year
from .trajectory import NonNegTrajectory, plausible

GRID_HINT = "grid factors are t CO2 per MWh (China 2023: 0.53); {v} looks like kg per MWh, which is {k} t per MWh"
FUEL_HINT = (
    "fuel factors are t CO2 per MWh of fuel (natural gas 0.20, coal 0.34); a value like 56.1 is kg CO2 per GJ "
    "(x 3.6 / 1000 gives t per MWh)"
)
GridFactor = Annotated[NonNegTrajectory, plausible(0.0, 2.0, "t CO2 per MWh", GRID_HINT)]
FuelFactor = Annotated[NonNegTrajectory, plausible(0.0, 1.0, "t CO2 per MWh", FUEL_HINT)]


class Grid(Strict):
    ef_t_per_mwh: GridFactor = Field(
        description="Location-based grid factor, t CO2 per MWh (year map; e.g. MEE national 2023: 0.5306)."
    )
    market_ef_t_per_mwh: GridFactor | None = Field(
        None,
        description="Factor for uncovered imports in market-based Scope 2 (residual mix); default the "
        "location factor (e.g. MEE 2022 national excluding traded non-fossil power: 0.5856).",
    )
    hourly_shape: str | None = Field(
        None, description="CSV of 8760 multipliers of the location factor (mean 1): hourly marginal signal."
    )


class Fuel(Strict):
    ef_t_per_mwh: FuelFactor = Field(description="Emission factor, t CO2 per MWh (NCV).")
    price_per_mwh: NonNegTrajectory = Field(0.0, description="Price, currency per MWh (NCV).")
    source: str | None = Field(None, description="Where the factor comes from.")


class GreenElectricity(Strict):
    price_per_mwh: NonNegTrajectory = Field(description="Certificate or PPA premium, currency per MWh.")
    max_mwh_per_year: PositiveFloat | None = Field(None, description="Company-wide yearly availability, MWh.")
    earliest_year: Year | None = None


class Offset(Strict):
    id: str = Field(pattern=ID_PATTERN)
    price_per_t: NonNegTrajectory = Field(description="Price, currency per t CO2e.")
    max_t_per_year: NonNegTrajectory | None = Field(None, description="Yearly availability, t.")
    eligible_for_neutrality: bool = Field(True, description="Counts toward net emissions.")
    earliest_year: Year | None = None
    scheme: str | None = Field(
        None, description="Crediting scheme (CCER, VCS, Gold Standard, ...); null = unknown (no scheme list takes it)."
    )
    kind: Literal["avoidance", "removal"] = Field(
        "avoidance", description="avoidance (reduced elsewhere) or removal (taken out of the atmosphere)."
    )
    permanent: bool = Field(False, description="A durable removal (geological storage, mineralisation).")
    vintage_year: Year | None = Field(None, description="Year the reduction or removal took place; null = unknown.")

    @model_validator(mode="after")
    def _permanent_is_a_removal(self) -> Offset:
        if self.permanent and self.kind != "removal":
            raise ValueError("permanent: only a removal can be permanent; set kind: removal or permanent: false")
        return self


class CarbonPrice(Strict):
    price_per_t: NonNegTrajectory = Field(description="Price on covered emissions, currency per t CO2e.")
    covered_scopes: list[Literal["scope1", "scope2"]] = Field(
        default_factory=lambda: cast('list[Literal["scope1", "scope2"]]', ["scope1"])
    )
    free_allocation_share: Fraction = Field(0.0, description="Share of covered emissions given for free.")
