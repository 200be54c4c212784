"""Schema of heat, the second energy carrier: a site's heat demands (steam, hot water) and the heat levers.

A heat demand is served today by boilers burning one of the site's fuels; its yearly heat is that fuel's use
times `fuel_share` times the boilers' efficiency (so the base year needs no new data). Heat levers (heat pump,
electric boiler, gas CHP, heat storage) serve one or more demands; see docs/modelling.md, "Heat".
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .base import ID_PATTERN, Efficiency, Fraction, NonNegFloat, PositiveFloat, Strict, Year
from .trajectory import NonNegTrajectory, plausible

KELVIN = 273.15
HEAT_CAPEX_HINT = "capex is per kW (heat; CHP: electric); {v} looks like a price per W, which is {m} per kW"


class HeatDemand(Strict):
    """One heat carrier at one site: steam or hot water at a temperature level, with its own hourly balance."""

    id: str = Field(pattern=ID_PATTERN, description="Carrier id at this site, e.g. steam, hot_water.")
    medium: Literal["steam", "hot_water"] = Field(description="Steam or (pressurised) hot water.")
    temperature_c: float = Field(gt=0, le=600, description="Supply temperature the users need, deg C.")
    fuel: str = Field(description="The fuel the existing boilers burn (a key of the site's `fuels`).")
    fuel_share: Fraction = Field(1.0, gt=0, description="Share of that fuel's use that makes this heat.")
    boiler_efficiency: Efficiency = Field(0.9, ge=0.5, description="Existing boilers, heat out per fuel in (NCV).")
    boiler_capacity_kw: PositiveFloat | None = Field(
        None, description="Heat output of the existing boilers, kW; omit for no limit (they always could serve it)."
    )
    profile: str = Field(
        "flat",
        description="Hourly shape of the demand: 'flat' (continuous process), 'load' (follows the electricity "
        "load shape) or a CSV with 8760 values.",
    )

    @model_validator(mode="after")
    def _temperature(self) -> HeatDemand:
        if self.medium == "hot_water" and self.temperature_c > 150:
            raise ValueError(f"temperature_c: hot water above 150 deg C ({self.temperature_c}) is steam; medium: steam")
        if self.medium == "steam" and self.temperature_c < 100:
            raise ValueError(f"temperature_c: steam below 100 deg C ({self.temperature_c}); medium: hot_water")
        return self


class HeatFleet(Strict):
    """What every heat plant has: costs, lifetime, where and when it may be built, which demands it serves."""

    capex_per_kw: Annotated[NonNegTrajectory, plausible(20.0, 50000.0, "per kW", HEAT_CAPEX_HINT)] = Field(
        description="Installed cost by build year, currency per kW of rated output (heat; CHP: electric)."
    )
    om_per_kw_year: NonNegTrajectory = Field(0.0, description="Fixed O&M, currency per kW per year.")
    lifetime_years: int = Field(20, ge=1, le=60, description="Technical lifetime, years.")
    max_kw: PositiveFloat | None = Field(
        None, description="Most that may stand on the site, kW; omit: twice the peak of the demands it serves."
    )
    existing_kw: NonNegFloat = Field(0.0, description="Capacity already installed, kW.")
    existing_built_year: Year | None = Field(None, description="Build year of the existing capacity.")
    earliest_year: Year | None = Field(None, description="First year a build is allowed.")
    build_every_years: int = Field(1, ge=1, le=20, description="Builds only every N years (capex rounds).")
    serves: list[str] | None = Field(
        None, description="Heat demand ids it may serve (one capacity shared); omit: every one it can reach."
    )

    @model_validator(mode="after")
    def _existing_within_limit(self) -> HeatFleet:
        if self.max_kw is not None and self.existing_kw > self.max_kw:
            raise ValueError(
                f"existing_kw: {self.existing_kw:,.0f} kW already installed is above max_kw ({self.max_kw:,.0f} kW); "
                "expected existing_kw <= max_kw"
            )
        return self


class HeatPump(HeatFleet):
    """Industrial heat pump lifting waste heat (process cooling water, exhaust air) to a heat demand.

    COP at a demand of temperature T: `carnot_share x (T + 273.15) / (T - source_c)`, unless `cop` is given."""

    max_supply_c: float = Field(
        120.0,
        gt=0,
        le=250,
        description="Highest supply temperature the unit reaches, deg C (steam-generating "
        "heat pumps with MVR ~150-200).",
    )
    source_c: float = Field(40.0, ge=-30, le=150, description="Temperature of the heat source, deg C.")
    carnot_share: Fraction = Field(0.5, gt=0.1, le=0.8, description="Share of the Carnot COP reached (0.4-0.6).")
    cop: PositiveFloat | None = Field(None, gt=1.0, le=10.0, description="Fixed COP for every demand it serves.")


class ElectricBoiler(HeatFleet):
    """Resistance boiler (hot water) or electrode boiler (steam, MW scale): electricity to heat at any level."""

    kind: Literal["resistance", "electrode"] = Field("electrode", description="Resistance or electrode boiler.")
    efficiency: Efficiency = Field(0.99, ge=0.8, description="Heat out per electricity in.")


class CHP(HeatFleet):
    """Gas engine or turbine with heat recovery: electricity and heat in a fixed ratio (back-pressure).

    `capex_per_kw`, `om_per_kw_year`, `max_kw` and `existing_kw` are per kW electric. Its electricity is used on
    site (never exported) and is not renewable; its fuel is in Scope 1."""

    fuel: str = Field("natural_gas", description="The fuel it burns (a key of the scenario's `fuels`).")
    electric_efficiency: Efficiency = Field(0.40, le=0.6, description="Electricity out per fuel in (NCV).")
    thermal_efficiency: Efficiency = Field(0.45, le=0.7, description="Useful heat out per fuel in (NCV).")
    max_supply_c: float = Field(200.0, gt=0, le=550, description="Highest steam temperature its heat reaches.")
    om_per_mwh: NonNegTrajectory = Field(0.0, description="Variable O&M, currency per MWh of electricity.")

    @model_validator(mode="after")
    def _total(self) -> CHP:
        if self.electric_efficiency + self.thermal_efficiency > 0.95:
            total = self.electric_efficiency + self.thermal_efficiency
            raise ValueError(f"electric + thermal efficiency is {total:.2f}; above 0.95 breaks the first law")
        return self


class HeatStorage(Strict):
    """Hot-water tank, steam accumulator or molten salt serving one heat demand; cyclic on each day."""

    carrier: str = Field(description="The heat demand id it stores for.")
    capex_per_kwh: NonNegTrajectory = Field(description="Cost by build year, currency per kWh of heat stored.")
    om_per_kwh_year: NonNegTrajectory = Field(0.0, description="Fixed O&M, currency per kWh per year.")
    lifetime_years: int = Field(25, ge=1, le=60, description="Technical lifetime, years.")
    duration_hours: PositiveFloat = Field(4.0, le=48, description="Energy / charge and discharge power, hours.")
    loss_per_hour: Fraction = Field(0.005, le=0.1, description="Share of stored heat lost per hour.")
    round_trip_efficiency: Efficiency = Field(
        0.95,
        ge=0.5,
        description="Heat out per heat in (excluding standing losses), split evenly into charge and discharge.",
    )
    max_kwh: PositiveFloat | None = Field(None, description="Largest installed energy, kWh; omit: 24 h of peak demand.")
    earliest_year: Year | None = Field(None, description="First year a build is allowed.")
    build_every_years: int = Field(1, ge=1, le=20, description="Builds only every N years (capex rounds).")


def cop_at(hp: HeatPump, temperature_c: float) -> float:
    """The heat pump's COP when it supplies heat at `temperature_c`."""
    if hp.cop is not None:
        return hp.cop
    lift = max(temperature_c - hp.source_c, 1.0)
    return min(hp.carnot_share * (temperature_c + KELVIN) / lift, 10.0)


def reaches(spec: HeatFleet, demand: HeatDemand) -> bool:
    """Whether a heat plant can supply this demand's temperature."""
    limit = getattr(spec, "max_supply_c", None)
    if isinstance(spec, HeatPump) and demand.temperature_c <= spec.source_c:
        return False
    return limit is None or demand.temperature_c <= limit


def served(spec: HeatFleet, demands: list[HeatDemand]) -> list[HeatDemand]:
    """The demands a heat plant serves: those it names, else every one its temperature reaches."""
    if spec.serves is not None:
        return [d for d in demands if d.id in spec.serves]
    return [d for d in demands if reaches(spec, d)]


def check_heat(demands: list[HeatDemand], fuels: set[str], plants: dict[str, HeatFleet | HeatStorage | None]) -> None:
    """A site's heat section hangs together: unique ids, known fuels, fuel shares within 100 %, and every heat
    lever serving demands it can reach. Raises ValueError naming the field."""
    ids = [d.id for d in demands]
    share: dict[str, float] = {}
    seen: set[str] = set()
    for j, d in enumerate(demands):
        if d.id in seen:
            raise ValueError(f"heat[{j}].id: duplicate id '{d.id}'")
        seen.add(d.id)
        if d.fuel not in fuels:
            raise ValueError(f"heat[{j}].fuel: '{d.fuel}' is not among the site's fuels {sorted(fuels)}")
        share[d.fuel] = share.get(d.fuel, 0.0) + d.fuel_share
        if share[d.fuel] > 1.0 + 1e-9:
            raise ValueError(f"heat[{j}].fuel_share: the shares of {d.fuel} add up to {share[d.fuel]:.2f} (at most 1)")
    for name, spec in plants.items():
        if spec is None:
            continue
        if not demands:
            raise ValueError(f"{name}: the site has no heat demand to serve (add a `heat` list)")
        if isinstance(spec, HeatStorage):
            if spec.carrier not in ids:
                raise ValueError(f"{name}.carrier: unknown heat demand '{spec.carrier}'; known: {ids}")
            continue
        if isinstance(spec, CHP) and spec.fuel not in fuels:
            raise ValueError(f"{name}.fuel: '{spec.fuel}' is not among the site's fuels {sorted(fuels)}")
        for sid in spec.serves or []:
            if sid not in ids:
                raise ValueError(f"{name}.serves: unknown heat demand '{sid}'; known: {ids}")
            demand = demands[ids.index(sid)]
            if not reaches(spec, demand):
                limit = getattr(spec, "max_supply_c", "?")
                raise ValueError(
                    f"{name}.serves: '{sid}' at {demand.temperature_c:g} deg C is beyond its reach "
                    f"(max_supply_c {limit})"
                )
        if not served(spec, demands):
            raise ValueError(f"{name}: reaches none of the site's heat demands {ids} (temperatures too high)")
