"""Schema of the targets. Each is optional; each becomes one named constraint family in the model."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Fraction, NonNegFloat, Strict, Year
from .trajectory import NonNegTrajectory, ShareTrajectory


class Peak(Strict):
    year: Year = Field(
        description="Peak year: its gross emissions may not exceed what it would emit without targets (the higher "
        "of business as usual and the economics-only plan), and no later year exceeds it."
    )
    non_increasing_after: bool = Field(
        True, description="Also forbid any year-on-year rise after the peak (peak, then decline)."
    )


class Reduction(Strict):
    year: Year
    vs_base: Fraction = Field(description="Cut of gross emissions against the base year, share.")


class Neutrality(Strict):
    year: Year = Field(description="From this year on, gross emissions minus eligible offsets <= 0.")


class Budget(Strict):
    max_t: NonNegFloat = Field(description="Cumulative gross emissions, t CO2e.")
    from_year: Year | None = None
    to_year: Year | None = None


class RenewableShare(Strict):
    min_share: ShareTrajectory = Field(
        description="Minimum renewable share by year (year map; applies from its first year on)."
    )
    basis: Literal["electricity", "energy"] = Field(
        "electricity", description="Denominator: electricity consumed, or electricity plus fuels (MWh)."
    )


class OffsetPolicy(Strict):
    max_share_of_base: Fraction = Field(description="Yearly offsets at most this share of base-year emissions.")


class Targets(Strict):
    basis: Literal["location", "market"] = Field("market", description="Scope 2 basis of the targets.")
    base_year: Year | None = Field(None, description="Base year of reductions; default the first year.")
    base_year_t: NonNegFloat | None = Field(None, description="Override base-year emissions, t CO2e.")
    peak: Peak | None = None
    reductions: list[Reduction] = Field(default_factory=list)
    neutrality: Neutrality | None = None
    caps_t: NonNegTrajectory | None = Field(None, description="Yearly cap on gross emissions (from first key).")
    budget: Budget | None = None
    renewable_share: RenewableShare | None = None
    offsets: OffsetPolicy | None = None
    capex_budget: NonNegTrajectory | None = Field(None, description="Yearly capex limit, currency.")
