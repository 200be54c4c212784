"""Schema of one site: its location, electricity, tariff, fuels, process emissions and the levers it offers."""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ..accounting import units
from .accounting import ProcessSource, Refrigerant
from .base import ID_PATTERN, Efficiency, Fraction, NonNegFloat, PositiveFloat, Strict, Year
from .fuels import SiteFuel
from .heat import CHP, ElectricBoiler, HeatDemand, HeatPump, HeatStorage, check_heat
from .levers import PV, Retrofit, Storage, Wind
from .products import Production
from .scope3 import Scope3Entry, check_ids
from .trajectory import NonNegTrajectory, Trajectory, scaled


class Location(Strict):
    latitude: float = Field(ge=-90, le=90, description="Latitude, degrees north.")
    longitude: float = Field(ge=-180, le=180, description="Longitude, degrees east.")
    utc_offset_hours: int = Field(8, ge=-12, le=14, description="Local standard time offset from UTC, hours.")


class ShiftPattern(Strict):
    """Documented load-shape generator for sites without metered data.

    Working days run `shifts` eight-hour shifts starting at `first_shift_start_hour`; at full activity
    the load is 1, otherwise `idle_share` (compressors, HVAC, IT that never stop). Non-working days run at
    `idle_share`. A cosine seasonal term adds up to `summer_uplift_share` in late July (cooling).
    The shape is normalised, then scaled to the site's `annual_mwh`.
    """

    shifts: int = Field(3, ge=1, le=3, description="Eight-hour shifts per working day.")
    first_shift_start_hour: int = Field(8, ge=0, le=23, description="Hour (0-23) the first shift starts.")
    working_days_per_week: int = Field(6, ge=1, le=7, description="Working days per week (Monday first).")
    idle_share: Fraction = Field(0.3, description="Load outside shifts as a share of the shift load.")
    summer_uplift_share: Fraction = Field(0.1, description="Extra load at the summer peak, share.")


class Electricity(Strict):
    annual_mwh: NonNegTrajectory | None = Field(
        None, description="Baseline electricity use, MWh per year (year map ok); or `annual` with its `unit`."
    )
    annual: NonNegTrajectory | None = Field(None, description="Baseline use per year in `unit` (as metered).")
    unit: str | None = Field(None, description="Unit of `annual`: kWh, MWh or GWh.")
    growth_per_year: float = Field(
        0.0, ge=-0.5, le=0.5, description="Yearly growth applied on top of annual_mwh from the first year."
    )
    load_profile: str | ShiftPattern = Field(
        default_factory=ShiftPattern,
        description="Hourly shape: a CSV file (8760 rows, one numeric column) or a shift pattern.",
    )

    @model_validator(mode="after")
    def _metered(self) -> Electricity:
        """`annual` in kWh (as the meter reads) fills `annual_mwh`."""
        if self.annual is None:
            if self.unit is not None:
                raise ValueError("unit: only with `annual` (annual_mwh is in MWh)")
            if self.annual_mwh is None:
                raise ValueError("annual_mwh: missing; give the yearly use in MWh, or `annual` with its `unit`")
            return self
        if self.annual_mwh is not None:
            raise ValueError("give annual_mwh, or annual with its unit, not both")
        if self.unit is None:
            raise ValueError("annual: needs `unit` (kWh, MWh or GWh)")
        try:
            self.annual_mwh = scaled(self.annual, units.factor(self.unit, "MWh"))
        except ValueError as exc:
            raise ValueError(f"unit: {exc}; electricity is kWh, MWh or GWh") from None
        return self

    @property
    def baseline_mwh(self) -> float | dict[int, float]:
        """`annual_mwh`, which validation always fills (from `annual` when the use is given as metered)."""
        return self.annual_mwh if self.annual_mwh is not None else 0.0


TouPeriod = Literal["valley", "flat", "peak", "critical"]


class Tariff(Strict):
    """Time-of-use industrial tariff. Hours not listed in `period_hours` are `flat`."""

    period_hours: dict[TouPeriod, list[int]] = Field(
        default_factory=dict, description="Hours of the day (0-23) in each period; the rest are flat."
    )
    price_per_mwh: dict[TouPeriod, Trajectory] = Field(
        description="Energy price per period, currency per MWh (year maps allowed)."
    )
    escalation_per_year: float = Field(0.0, ge=-0.2, le=0.5, description="Yearly escalation of energy prices.")
    export_price_per_mwh: NonNegTrajectory = Field(0.0, description="Paid for exported PV, currency per MWh.")
    export_limit_kw: NonNegFloat | None = Field(
        None, description="Maximum export, kW; 0 means self-consumption only; omit for no limit."
    )
    demand_charge_per_kw_month: NonNegTrajectory = Field(
        0.0, description="Charge on the yearly peak grid import, currency per kW per month."
    )
    max_import_kw: PositiveFloat | None = Field(None, description="Contracted import limit, kW.")
    netting: Literal["conservative", "exact"] = Field(
        "conservative",
        description="One meter, one net flow. Where grid power costs no more than the export price, selling PV while "
        "buying would pay, so the site is held to one direction per hour: 'conservative' counts exported surplus in "
        "those hours at the grid price (never overstates revenue; linear; the uncounted revenue is reported), "
        "'exact' at the export price with a binary per such hour (can make solves 100 times slower).",
    )

    @model_validator(mode="after")
    def _hours(self) -> Tariff:
        seen: dict[int, str] = {}
        for period, hours in self.period_hours.items():
            for h in hours:
                if not 0 <= h <= 23:
                    raise ValueError(f"period_hours.{period}: hour {h} is outside 0-23")
                if h in seen:
                    raise ValueError(f"period_hours: hour {h} is in both {seen[h]} and {period}")
                seen[h] = period
        used = set(self.period_hours) | ({"flat"} if len(seen) < 24 else set())
        missing = sorted(used - set(self.price_per_mwh))
        if missing:
            raise ValueError(f"price_per_mwh: no price for period(s) {missing}")
        return self


class Site(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Unique site identifier.")
    name: str | None = None
    location: Location
    electricity: Electricity
    tariff: Tariff
    fuels: dict[str, SiteFuel] = Field(default_factory=dict, description="Fuel use by fuel id (see `fuels`).")
    process_t_per_year: NonNegTrajectory = Field(
        0.0, description="Scope 1 process emissions, t per year, taken as CO2 (other gases: process_emissions)."
    )
    process_emissions: list[ProcessSource] = Field(
        default_factory=list, description="Scope 1 process emissions by source and gas (t of the gas a year)."
    )
    refrigerants: list[Refrigerant] = Field(
        default_factory=list, description="Refrigerant and other F-gas leakage, Scope 1 (kg a year x GWP)."
    )
    roof_area_m2: NonNegFloat = Field(0.0, description="Roof area usable for PV, m2.")
    grid_connection_kw: PositiveFloat | None = Field(
        None,
        description="Capacity of the grid connection (transformers), kW: caps import and export in every hour. "
        "Omit for no limit (the plan's peak import is reported either way).",
    )
    pv: PV | None = None
    wind: Wind | None = None
    storage: Storage | None = None
    retrofits: list[Retrofit] = Field(default_factory=list)
    heat: list[HeatDemand] = Field(
        default_factory=list, description="Heat demands (steam, hot water) and their boilers."
    )
    heat_pump: HeatPump | None = None
    electric_boiler: ElectricBoiler | None = None
    chp: CHP | None = None
    heat_storage: HeatStorage | None = None
    green_electricity_allowed: bool = Field(True, description="May this site buy green certificates or PPAs.")
    production: Production | None = Field(
        None, description="What the site makes per year and its output value (intensity targets, footprint)."
    )
    scope3: list[Scope3Entry] = Field(
        default_factory=list, description="Scope 3 activities by GHG Protocol category (reported; see targets)."
    )

    @field_validator("scope3")
    @classmethod
    def _scope3_ids(cls, entries: list[Scope3Entry]) -> list[Scope3Entry]:
        check_ids(entries)
        return entries

    @model_validator(mode="after")
    def _check_retrofits(self) -> Site:
        ids = [r.id for r in self.retrofits]
        first: dict[str, int] = {}
        for j, rid in enumerate(ids):
            if rid in first:
                raise ValueError(f"retrofits[{j}].id: duplicate id '{rid}' (also retrofits[{first[rid]}])")
            first[rid] = j
        known = set(ids)
        for j, r in enumerate(self.retrofits):
            unknown = [p for p in r.requires if p not in known]
            if unknown:
                raise ValueError(f"retrofits[{j}].requires: unknown retrofit(s) {unknown}; known: {sorted(known)}")
        _check_no_cycle({r.id: r.requires for r in self.retrofits})
        _check_group_labels(self.retrofits)
        _check_groups_against_force(self.retrofits)
        plants = {n: getattr(self, n) for n in ("heat_pump", "electric_boiler", "chp", "heat_storage")}
        check_heat(self.heat, set(self.fuels), plants)
        _check_heat_savings(self.heat, self.retrofits)
        self._check_pv_roof()
        self._check_something_to_cut()
        return self

    def _check_pv_roof(self) -> None:
        pv, roof = self.pv, self.roof_area_m2
        if pv is None:
            return
        need = pv.existing_kw * pv.area_m2_per_kw
        if pv.existing_kw > 0 and need > roof * (1 + 1e-9):
            raise ValueError(
                f"pv.existing_kw: {pv.existing_kw:,.0f} kWp already installed needs {need:,.0f} m2 (x "
                f"pv.area_m2_per_kw {pv.area_m2_per_kw:g}) but roof_area_m2 is {roof:,.0f}; expected at most "
                f"{roof / pv.area_m2_per_kw:,.0f} kWp"
            )

    def _check_something_to_cut(self) -> None:
        def zero(value: float | dict[int, float]) -> bool:
            return not any(value.values() if isinstance(value, dict) else [value])

        if not zero(self.electricity.baseline_mwh):
            return
        for j, r in enumerate(self.retrofits):
            if r.electricity_saving_mwh > 0:
                raise ValueError(
                    f"retrofits[{j}].electricity_saving_mwh: '{r.id}' saves {r.electricity_saving_mwh:g} MWh a year "
                    "but electricity.annual_mwh is 0 in every year; expected a saving out of a nonzero use"
                )
        direct = [self.process_t_per_year, *(p.t_per_year for p in self.process_emissions)]
        direct += [r.leakage_kg_per_year for r in self.refrigerants]
        used = [f.annual_mwh if f.annual_mwh is not None else f.annual or 0.0 for f in self.fuels.values()]
        if all(zero(u) for u in used) and all(zero(d) for d in direct):
            raise ValueError(
                "electricity.annual_mwh: 0 in every year, and the site burns no fuel (fuels.<fuel>.annual_mwh all 0) "
                "and has no process_t_per_year: it emits nothing, so there is nothing to decarbonise; expected its "
                "yearly electricity use in MWh"
            )


def _check_heat_savings(demands: list[HeatDemand], retrofits: list[Retrofit]) -> None:
    """Savings on a fuel that makes heat lower that heat demand: together they may not save more than all of it
    (alternatives of one group count once, at their largest)."""
    for fuel in {d.fuel for d in demands}:
        by_group: dict[str, float] = {}
        for j, r in enumerate(retrofits):
            if r.fuel_saving_mwh.get(fuel):
                raise ValueError(
                    f"retrofits[{j}].fuel_saving_mwh: {fuel} makes heat at this site; give the saving as "
                    "fuel_saving_fraction (a share of the heat demand)"
                )
            key = r.group or f"#{j}"
            by_group[key] = max(by_group.get(key, 0.0), r.fuel_saving_fraction.get(fuel, 0.0))
        if sum(by_group.values()) > 1.0 + 1e-9:
            raise ValueError(
                f"retrofits: the fuel_saving_fraction of {fuel} adds up to {sum(by_group.values()):.2f} across "
                "measures that can run together; at most 1 (it feeds the site's heat demand)"
            )


def _check_groups_against_force(retrofits: list[Retrofit]) -> None:
    """At most one measure of a group is active: two forced ones of a group, or a measure requiring another of
    its own group, can never both be satisfied."""
    index = {r.id: j for j, r in enumerate(retrofits)}
    forced: dict[str, int] = {}
    for j, r in enumerate(retrofits):
        for p in r.requires:
            other = retrofits[index[p]]
            if r.group and other.group == r.group:
                raise ValueError(
                    f"retrofits[{j}].requires: '{r.id}' requires '{p}', but both are in group '{r.group}' "
                    f"(retrofits[{j}].group, retrofits[{index[p]}].group), where at most one is active; "
                    "expected a prerequisite outside the group"
                )
        if r.force and r.group:
            if r.group in forced:
                k = forced[r.group]
                raise ValueError(
                    f"retrofits[{j}].force: '{r.id}' and '{retrofits[k].id}' (retrofits[{k}].force) are both forced "
                    f"but share group '{r.group}', where at most one is active; expected at most one forced "
                    "measure per group"
                )
            forced[r.group] = j


MAX_LABELS_COMPARED = 500


def _check_group_labels(retrofits: list[Retrofit]) -> None:
    """A group of one is harmless unless it is a typo of another group's label ('stean' for 'steam')."""
    counts = Counter(r.group for r in retrofits if r.group)
    if len(counts) > MAX_LABELS_COMPARED:  # a generated file, not typed by hand; the check would be quadratic
        return
    earlier: set[str] = set()  # labels seen before this measure
    for j, r in enumerate(retrofits):
        if r.group and counts[r.group] == 1:
            # compare with groups of several measures, or with labels seen before this one
            others = sorted({g for g in counts if g != r.group and (counts[g] > 1 or g in earlier)})
            close = difflib.get_close_matches(r.group, others, n=1, cutoff=0.75)
            if close:
                raise ValueError(
                    f"retrofits[{j}].group: '{r.group}' names a group of one measure; did you mean '{close[0]}'?"
                )
        if r.group:
            earlier.add(r.group)


def _check_no_cycle(graph: dict[str, list[str]]) -> None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 1:
            raise ValueError(f"retrofits: prerequisite cycle {' -> '.join([*path, node])}")
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in graph.get(node, []):
            visit(nxt, [*path, node])
        state[node] = 2

    for n in graph:
        visit(n, [])


__all__ = ["Efficiency", "Electricity", "Location", "ShiftPattern", "Site", "SiteFuel", "Tariff", "Year"]
