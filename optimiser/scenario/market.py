"""Schema of what a company buys outside its fences: grid factors, fuels, certificates, offsets, carbon price."""

from __future__ import annotations

from typing import Annotated, Literal, cast

from pydantic import Field, field_validator, model_validator

from ..accounting.grid import PRESETS
from .base import ID_PATTERN, Fraction, PositiveFloat, Strict, Year
from .trajectory import NonNegTrajectory, at, plausible

GRID_HINT = "grid factors are t CO2 per MWh (China 2023: 0.53); {v} looks like kg per MWh, which is {k} t per MWh"
GridFactor = Annotated[NonNegTrajectory, plausible(0.0, 2.0, "t CO2 per MWh", GRID_HINT)]


class Grid(Strict):
    published: str | None = Field(
        None,
        description="Published location factors for the years they cover (optimiser/accounting/grid.py presets, "
        "e.g. mee-east-china, mee-national-average); later years take ef_t_per_mwh (the projection).",
    )
    market_published: str | None = Field(
        None,
        description="Published residual-mix factors for market-based Scope 2, e.g. "
        "mee-national-excluding-market-nonfossil; later years take market_ef_t_per_mwh.",
    )
    ef_t_per_mwh: GridFactor | None = Field(
        None,
        description="Location-based grid factor, t CO2 per MWh (year map; e.g. MEE national 2023: 0.5306): the "
        "projection for the years no published preset covers.",
    )
    market_ef_t_per_mwh: GridFactor | None = Field(
        None,
        description="Factor for uncovered imports in market-based Scope 2 (residual mix); default the "
        "location factor (e.g. MEE 2022 national excluding traded non-fossil power: 0.5856).",
    )
    hourly_shape: str | None = Field(
        None, description="CSV of 8760 multipliers of the location factor (mean 1): hourly marginal signal."
    )

    @field_validator("published", "market_published")
    @classmethod
    def _preset(cls, name: str | None) -> str | None:
        if name is not None and name not in PRESETS:
            raise ValueError(f"unknown preset {name!r}; expected one of {', '.join(PRESETS)}")
        return name

    def location_factor(self, year: int) -> tuple[float, str]:
        """t CO2 per MWh in `year` and where it comes from; ValueError when neither a preset nor the projection
        gives one."""
        return _factor(self.published, self.ef_t_per_mwh, year, "ef_t_per_mwh")

    def market_factor(self, year: int) -> tuple[float, str]:
        """The residual-mix factor of market-based Scope 2 (the location factor when none is given)."""
        if self.market_published is None and self.market_ef_t_per_mwh is None:
            return self.location_factor(year)
        return _factor(self.market_published, self.market_ef_t_per_mwh, year, "market_ef_t_per_mwh")


def _factor(
    published: str | None, projection: float | dict[int, float] | None, year: int, field: str
) -> tuple[float, str]:
    if published is not None and year in PRESETS[published].values:
        p = PRESETS[published]
        return p.values[year], f"published {year}: {p.description}; {p.source}"
    if projection is None:
        covered = f" (preset {published} covers {sorted(PRESETS[published].values)})" if published else ""
        raise ValueError(f"{field}: no factor for {year}{covered}; expected a projection for it (t CO2 per MWh)")
    return at(projection, year), f"projection (grid.{field})" if published else f"scenario (grid.{field})"


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
