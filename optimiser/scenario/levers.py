"""Schema of the on-site levers: rooftop PV, on-site wind, battery storage and retrofit projects."""

from __future__ import annotations

import math
from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from .base import ID_PATTERN, Efficiency, Fraction, NonNegFloat, PositiveFloat, Strict, Year
from .trajectory import NonNegTrajectory, plausible

PV_CAPEX_HINT = "PV capex is per kWp; {v} looks like a price per W, which is {m} per kWp"
STORAGE_CAPEX_HINT = "storage capex is per kWh; {v} looks like a price per Wh, which is {m} per kWh"
YIELD_HINT = (
    "specific yield is kWh per kWp per year (China: 900-1,600); {v} looks like MWh per kWp, i.e. {m} kWh per kWp"
)


class PVProfile(Strict):
    """Where hourly PV output per kWp comes from.

    `pvlib`: clear-sky irradiance for the site's coordinates (Ineichen, Linke turbidity from pvlib's
    climatology) on a plane of `tilt_deg`/`azimuth_deg`, times a daily clearness factor from a seeded
    random draw, scaled so that one kWp yields `specific_yield_kwh_per_kwp` a year (AC, first year).
    `csv`: a file with 8760 hourly values, scaled the same way.
    """

    csv: str | None = Field(None, description="CSV with 8760 hourly values (any unit; only the shape is used).")
    specific_yield_kwh_per_kwp: Annotated[PositiveFloat, plausible(100.0, 2500.0, "kWh per kWp", YIELD_HINT)] = Field(
        1100.0, description="First-year AC yield, kWh per kWp per year."
    )
    tilt_deg: float = Field(20.0, ge=0, le=90, description="Module tilt, degrees.")
    azimuth_deg: float = Field(180.0, ge=0, lt=360, description="Module azimuth, degrees (180 = south).")
    weather_seed: int = Field(2023, description="Seed of the daily clearness draw (pvlib source only).")


class PV(Strict):
    capex_per_kw: Annotated[NonNegTrajectory, plausible(100.0, 50000.0, "per kWp", PV_CAPEX_HINT)] = Field(
        description="Installed cost by build year, currency per kWp."
    )
    om_per_kw_year: NonNegTrajectory = Field(0.0, description="Fixed O&M, currency per kWp per year.")
    lifetime_years: int = Field(25, ge=1, le=60, description="Technical lifetime, years.")
    degradation_per_year: Fraction = Field(0.005, le=0.05, description="Output loss per year of age.")
    area_m2_per_kw: PositiveFloat = Field(5.5, le=50, description="Roof area taken per kWp, m2.")
    min_build_kw: NonNegFloat = Field(0.0, description="Smallest build in one year, kWp (0 = any size).")
    build_every_years: int = Field(
        1, ge=1, le=20, description="Builds only every N years from the first allowed one (capex rounds); no binaries."
    )
    max_build_kw_per_year: PositiveFloat | None = Field(None, description="Largest build in one year, kWp.")
    earliest_year: Year | None = Field(None, description="First year a build is allowed.")
    existing_kw: NonNegFloat = Field(0.0, description="Capacity already installed, kWp.")
    existing_built_year: Year | None = Field(None, description="Build year of the existing capacity.")
    force_kw: NonNegFloat | None = Field(None, description="Require at least this capacity by `earliest_year`.")
    profile: PVProfile = Field(default_factory=PVProfile)


WIND_CAPEX_HINT = "wind capex is per kW; {v} looks like a price per W, which is {m} per kW"


class Wind(Strict):
    """On-site (distributed) wind turbines: output follows an hourly profile per kW installed."""

    profile: str = Field(
        description="CSV with 8760 hourly values of output per kW installed (kW/kW, 0 to 1): a turbine's power "
        "curve applied to the site's hub-height wind speeds."
    )
    capex_per_kw: Annotated[NonNegTrajectory, plausible(500.0, 50000.0, "per kW", WIND_CAPEX_HINT)] = Field(
        description="Installed cost by build year, currency per kW."
    )
    om_per_kw_year: NonNegTrajectory = Field(0.0, description="Fixed O&M, currency per kW per year.")
    lifetime_years: int = Field(20, ge=1, le=40, description="Technical lifetime, years.")
    max_kw: NonNegFloat = Field(description="Most that may stand on the site (land, permits, grid), kW.")
    existing_kw: NonNegFloat = Field(0.0, description="Capacity already installed, kW.")
    existing_built_year: Year | None = Field(None, description="Build year of the existing capacity.")
    earliest_year: Year | None = Field(None, description="First year a build is allowed.")
    build_every_years: int = Field(1, ge=1, le=20, description="Builds only every N years (capex rounds).")

    @model_validator(mode="after")
    def _existing_within_limit(self) -> Wind:
        if self.existing_kw > self.max_kw:
            raise ValueError(
                f"existing_kw: {self.existing_kw:,.0f} kW already installed is above max_kw ({self.max_kw:,.0f} kW); "
                "expected existing_kw <= max_kw"
            )
        return self


class Storage(Strict):
    capex_per_kwh: Annotated[NonNegTrajectory, plausible(20.0, 20000.0, "per kWh", STORAGE_CAPEX_HINT)] = Field(
        description="Energy cost by build year, currency per kWh."
    )
    capex_per_kw: NonNegTrajectory = Field(0.0, description="Power (PCS) cost by build year, currency per kW.")
    om_per_kwh_year: NonNegTrajectory = Field(0.0, description="Fixed O&M, currency per kWh per year.")
    lifetime_years: int = Field(15, ge=1, le=40, description="Calendar lifetime, years (LFP: 15-20).")
    cycle_life: float = Field(
        6000.0,
        ge=100,
        le=100000,
        description="Full cycles of the usable window the cells last (LFP: 6,000-10,000 to 70-80 % of capacity). "
        "Cycles beyond cycle_life / lifetime_years a year wear the battery out early and cost capex per cycle.",
    )
    soc_min_share: Fraction = Field(0.05, le=0.5, description="Lowest state of charge allowed, share of capacity.")
    soc_max_share: Fraction = Field(0.95, ge=0.5, description="Highest state of charge allowed, share of capacity.")
    round_trip_efficiency: Efficiency | None = Field(
        0.85, description="AC round trip; split as sqrt into charge and discharge when those are not given."
    )
    charge_efficiency: Efficiency | None = None
    discharge_efficiency: Efficiency | None = None
    self_discharge_per_hour: Fraction = Field(0.0, le=0.1, description="Share of stored energy lost per hour.")
    min_duration_hours: PositiveFloat = Field(1.0, description="Smallest energy/power ratio, hours.")
    max_duration_hours: PositiveFloat = Field(4.0, description="Largest energy/power ratio, hours.")
    min_build_kwh: NonNegFloat = Field(0.0, description="Smallest build in one year, kWh (0 = any size).")
    build_every_years: int = Field(
        1, ge=1, le=20, description="Builds only every N years from the first allowed one (capex rounds); no binaries."
    )
    max_energy_kwh: PositiveFloat | None = Field(None, description="Largest installed energy, kWh.")
    earliest_year: Year | None = None
    existing_kwh: NonNegFloat = 0.0
    existing_kw: NonNegFloat = 0.0
    existing_built_year: Year | None = None

    @model_validator(mode="after")
    def _efficiencies(self) -> Storage:
        if self.charge_efficiency is None or self.discharge_efficiency is None:
            if self.round_trip_efficiency is None:
                raise ValueError("give round_trip_efficiency or both charge_ and discharge_efficiency")
            root = math.sqrt(self.round_trip_efficiency)
            self.charge_efficiency = self.charge_efficiency or root
            self.discharge_efficiency = self.discharge_efficiency or root
        if self.soc_max_share - self.soc_min_share < 0.05:
            raise ValueError(
                f"soc_min_share ({self.soc_min_share}) and soc_max_share ({self.soc_max_share}) leave no usable window"
            )
        if self.max_energy_kwh is not None and self.existing_kwh > self.max_energy_kwh:
            raise ValueError(
                f"existing_kwh: {self.existing_kwh:,.0f} kWh already installed is above max_energy_kwh "
                f"({self.max_energy_kwh:,.0f} kWh); expected existing_kwh <= max_energy_kwh"
            )
        if self.min_duration_hours > self.max_duration_hours:
            raise ValueError(
                f"min_duration_hours ({self.min_duration_hours}) exceeds max_duration_hours ({self.max_duration_hours})"
            )
        if self.existing_kwh > 0 or self.existing_kw > 0:
            hours = self.existing_kwh / self.existing_kw if self.existing_kw > 0 else math.inf
            if not self.min_duration_hours - 1e-9 <= hours <= self.max_duration_hours + 1e-9:
                raise ValueError(
                    f"existing_kwh: the existing battery, existing_kwh {self.existing_kwh:,.0f} kWh over existing_kw "
                    f"{self.existing_kw:,.0f} kW, lasts {hours:,.2f} h; expected between min_duration_hours "
                    f"({self.min_duration_hours:g}) and max_duration_hours ({self.max_duration_hours:g}), which bound "
                    "all storage including the existing one"
                )
        return self

    @property
    def eta_charge(self) -> float:
        return float(self.charge_efficiency or 1.0)

    @property
    def eta_discharge(self) -> float:
        return float(self.discharge_efficiency or 1.0)


RetrofitKind = Literal["efficiency", "electrification", "process"]
RETROFIT_KINDS: tuple[str, ...] = get_args(RetrofitKind)


class Retrofit(Strict):
    """A discrete yes/no project: adopted once, active for its lifetime, then may be renewed."""

    id: str = Field(pattern=ID_PATTERN)
    name: str | None = None
    kind: RetrofitKind = Field("efficiency", description="What the measure does, for reports and the wedges.")
    capex: NonNegTrajectory = Field(description="Investment by adoption year, currency.")
    om_per_year: NonNegTrajectory = Field(0.0, description="Fixed O&M while active, currency per year.")
    lifetime_years: int = Field(15, ge=1, le=60)
    earliest_year: Year | None = Field(None, description="First year it can be adopted.")
    electricity_saving_mwh: NonNegFloat = Field(0.0, description="Electricity saved, MWh per year.")
    electricity_saving_fraction: Fraction = Field(0.0, description="Electricity saved, share of baseline.")
    fuel_saving_mwh: dict[str, NonNegFloat] = Field(default_factory=dict, description="Fuel saved, MWh/yr.")
    fuel_saving_fraction: dict[str, Fraction] = Field(default_factory=dict, description="Fuel saved, share.")
    electricity_added_mwh: NonNegFloat = Field(0.0, description="Electricity added (heat pumps, e-boilers).")
    process_saving_t: NonNegFloat = Field(0.0, description="Process emissions avoided, t CO2e per year.")
    profile: str | None = Field(None, description="CSV shape of its electricity effect; default the load shape.")
    group: str | None = Field(None, description="At most one measure of a group is active at a time.")
    requires: list[str] = Field(default_factory=list, description="Measures that must be active first.")
    force: bool = Field(False, description="Must be adopted (by earliest_year if given).")
