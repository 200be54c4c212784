"""The scenario file, top level. `decarb schema` prints this as JSON Schema."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from . import claims as claim_rules
from . import coherence
from .accounting import Accounting
from .base import ID_PATTERN, Strict, Year
from .claims import Claim, PublishedFigure
from .fuels import Fuel, resolve
from .market import CarbonPrice, GreenElectricity, Grid, Offset
from .products import check_intensity
from .site import Site
from .targets import Targets
from .trajectory import plausible

RATE_HINT = "the discount rate is a share, not a percent: 6 % is 0.06"


class Horizon(Strict):
    start: Year
    end: Year
    yearly_until: Year | None = Field(None, description="Model every year until here, then every `step` years.")
    step: int = Field(5, ge=1, le=10)


class Time(Strict):
    representative_days: int = Field(12, ge=1, le=365, description="Days kept by tsam; 365 = the full year.")


WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


class Scenario(Strict):
    """A validated scenario: the company's sites, what it can buy and build, its targets and the modelled years.
    Made by `load_scenario` from a YAML file; money is in `currency`, and each field's description gives its unit."""

    schema_version: int = Field(1, ge=1, le=1)
    name: str = Field(
        pattern=ID_PATTERN,
        max_length=80,
        description="Used for the results folder: letters, digits, '_', '.', '-' (not only dots, not a device name).",
    )
    description: str | None = None
    currency: str = Field("CNY", description="All money in the file is in this currency.")
    horizon: Horizon | None = None
    years: list[Year] | None = Field(None, description="Explicit modelled years (instead of horizon).")
    terminal_years: int = Field(
        20,
        ge=0,
        le=100,
        description="Years after the horizon that the last modelled year also stands for in the costs: a "
        "steady state in which what runs then keeps running (renewed at end of life), so nothing is built "
        "in the last year only to be sold back. 0 = the last year stands for itself only.",
    )
    discount_rate: Annotated[float, plausible(-0.05, 0.5, "(a share)", RATE_HINT)] = Field(
        0.06, description="Real discount rate, a share per year (0.06 = 6 %)."
    )
    time: Time = Field(default_factory=Time)
    accounting: Accounting = Field(default_factory=Accounting)
    grid: Grid
    fuels: dict[str, Fuel] = Field(default_factory=dict)
    sites: list[Site] = Field(min_length=1)
    green_electricity: GreenElectricity | None = None
    offsets: list[Offset] = Field(default_factory=list)
    carbon_price: CarbonPrice | None = None
    targets: Targets = Field(default_factory=Targets)
    claims: list[Claim] = Field(
        default_factory=list, description="Standards the company wants to claim (optimiser/claims/), by `standard`."
    )
    references: list[PublishedFigure] = Field(
        default_factory=list, description="Published figures the report compares the plan with."
    )

    @field_validator("fuels")
    @classmethod
    def _fuel_ids(cls, fuels: dict[str, Fuel]) -> dict[str, Fuel]:
        for key in fuels:
            if not re.match(ID_PATTERN, key):
                raise ValueError(
                    f"fuel id {key!r}: expected letters, digits, '_', '.', '-' with a letter or digit first"
                )
        return fuels

    @field_validator("name", mode="before")
    @classmethod
    def _safe_folder_name(cls, name: object) -> object:
        """The name becomes a folder under the results root: nothing may lead outside it or to a device."""
        if not isinstance(name, str):
            return name
        if set(name) == {"."}:
            raise ValueError(f"'{name}' would lead outside the results folder; use letters or digits")
        if name.split(".")[0].upper() in WINDOWS_DEVICES:
            raise ValueError(f"'{name}' is a reserved device name on Windows; choose another name")
        return name

    @model_validator(mode="after")
    def _cross_checks(self) -> Scenario:
        ys = self.model_years
        for kind, ids in (("sites", [s.id for s in self.sites]), ("offsets", [o.id for o in self.offsets])):
            first: dict[str, int] = {}
            for j, item in enumerate(ids):
                if item in first:
                    raise ValueError(f"{kind}[{j}].id: duplicate id '{item}' (also {kind}[{first[item]}])")
                first[item] = j
        _check_grid(self.grid, ys)
        for i, site in enumerate(self.sites):
            for fuel, use in site.fuels.items():
                if fuel not in self.fuels:
                    raise ValueError(f"sites[{i}].fuels.{fuel}: unknown fuel; known: {sorted(self.fuels)}")
                try:
                    resolve(self.fuels[fuel], use)
                except ValueError as exc:
                    raise ValueError(f"sites[{i}].fuels.{fuel}.{exc}") from None
            for j, r in enumerate(site.retrofits):
                for fuel in sorted({*r.fuel_saving_mwh, *r.fuel_saving_fraction}):
                    if fuel not in site.fuels:
                        raise ValueError(
                            f"sites[{i}].retrofits[{j}]: '{r.id}' saves fuel '{fuel}' the site does not use; "
                            f"site fuels: {sorted(site.fuels)}"
                        )
            if site.pv and site.pv.force_kw and site.pv.force_kw * site.pv.area_m2_per_kw > site.roof_area_m2:
                raise ValueError(
                    f"sites[{i}].pv.force_kw: {site.pv.force_kw} kWp needs "
                    f"{site.pv.force_kw * site.pv.area_m2_per_kw:.0f} m2 but roof_area_m2 is {site.roof_area_m2}"
                )
        t = self.targets
        for name, year in _target_years(t):
            if not ys[0] <= year <= ys[-1]:
                raise ValueError(f"targets.{name}: year {year} is outside the horizon {ys[0]}-{ys[-1]}")
            if year not in ys:
                raise ValueError(f"targets.{name}: year {year} is not a modelled year; modelled: {ys}")
        maps = {"caps_t": t.caps_t, "capex_budget": t.capex_budget}
        if t.renewable_share:
            maps["renewable_share.min_share"] = t.renewable_share.min_share
        for name, value in maps.items():
            outside = [y for y in value if not ys[0] <= y <= ys[-1]] if isinstance(value, dict) else []
            if outside:
                raise ValueError(f"targets.{name}: year(s) {outside} are outside the horizon {ys[0]}-{ys[-1]}")
        if t.peak and t.neutrality and t.peak.year > t.neutrality.year:
            raise ValueError(f"targets: peak year {t.peak.year} is after the neutrality year {t.neutrality.year}")
        check_intensity(self)
        claim_rules.cross_check(self.claims, self.references, self)
        coherence.check(self)
        return self

    def warnings(self) -> list[str]:
        """Suspicious but meaningful combinations of fields (the run goes on); see scenario/coherence.py."""
        return coherence.warnings(self)

    @property
    def model_years(self) -> list[int]:
        """The modelled years, increasing: `years` if given, else from `horizon` (every year until `yearly_until`,
        then every `step` years, the end year always included). Raises ValueError if neither is usable."""
        if self.years:
            if sorted(set(self.years)) != self.years:
                raise ValueError(f"years: must be strictly increasing, found {self.years}")
            return list(self.years)
        if self.horizon is None:
            raise ValueError("give either horizon or years")
        h = self.horizon
        if h.end < h.start:
            raise ValueError(f"horizon: end {h.end} is before start {h.start}")
        if h.yearly_until is not None and h.yearly_until < h.start:
            raise ValueError(
                f"horizon.yearly_until: {h.yearly_until} is before horizon.start {h.start}; expected a year from "
                f"{h.start} to {h.end} (every year is modelled until then; the start year would be skipped)"
            )
        until = h.end if h.yearly_until is None else min(h.yearly_until, h.end)
        ys = list(range(h.start, until + 1))
        y = until + h.step
        while y <= h.end:
            ys.append(y)
            y += h.step
        if ys[-1] != h.end:
            ys.append(h.end)
        return ys

    @property
    def base_year(self) -> int:
        """The year relative targets refer to: `targets.base_year`, else the first modelled year."""
        return self.targets.base_year or self.model_years[0]


def _check_grid(grid: Grid, years: list[int]) -> None:
    for y in years:
        for factor in (grid.location_factor, grid.market_factor):
            try:
                factor(y)
            except ValueError as exc:
                raise ValueError(f"grid.{exc}") from None


def _target_years(t: Targets) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    if t.peak:
        out.append(("peak.year", t.peak.year))
    if t.neutrality:
        out.append(("neutrality.year", t.neutrality.year))
    out += [(f"reductions[{i}].year", r.year) for i, r in enumerate(t.reductions)]
    if t.base_year:
        out.append(("base_year", t.base_year))
    return out
