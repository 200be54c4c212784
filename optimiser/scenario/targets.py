"""Schema of the targets. Each is optional; each becomes one named constraint family in the model."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import Fraction, NonNegFloat, Strict, Year
from .scope3 import Scope3Category
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


class Intensity(Strict):
    """Emissions per unit made or per 10,000 of output value, of one site or several together: `sum over the sites
    of gross <= bound x sum of their production` (docs/modelling.md, intensity)."""

    year: Year = Field(description="The year the target applies to (and every later modelled year with `and_after`).")
    per: Literal["product", "output_value"] = Field(
        description="Denominator: the sites' production (`production.quantity`, one unit at all of them) or their "
        "output value (`production.output_value_10k`, 10,000 of the currency)."
    )
    sites: list[str] | None = Field(None, description="Site ids it covers; omit for every site (company level).")
    max_t_per_unit: NonNegFloat | None = Field(
        None, description="Absolute bound, t CO2e per unit of product or per 10,000 of output value."
    )
    vs_base: Fraction | None = Field(
        None, description="Cut against the base year's intensity of the same sites, share."
    )
    and_after: bool = Field(False, description="Hold in every modelled year from `year` on, not only in `year`.")

    @model_validator(mode="after")
    def _one_bound(self) -> Intensity:
        if (self.max_t_per_unit is None) == (self.vs_base is None):
            raise ValueError("give exactly one of max_t_per_unit (t CO2e per unit) and vs_base (cut, share)")
        return self


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
    intensity: list[Intensity] = Field(default_factory=list, description="Intensity targets (per product or value).")
    scope3_included: list[Scope3Category] = Field(
        default_factory=list,
        description="Scope 3 categories added to the gross emissions every target is set on (constants: activity x "
        "factor of the sites' `scope3` entries).",
    )
