"""Schema of fuels: the company's catalogue (`fuels:`, what a fuel is and emits) and a site's use of one
(`sites[].fuels.<id>`, activity data in the units the plant keeps).

A catalogue fuel takes its factors from a GB/T 32150 default (`default: natural_gas`), from its composition
(NCV, carbon content, oxidation), or from one number (`ef_t_per_mwh` or `co2_t_per_gj`); a site may override the
composition with its own measurements. Everything is resolved here to per-MWh (NCV) figures: the model works in MWh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..accounting import units
from ..accounting.fuels import DEFAULTS, FuelDefault, FuelKind, co2_t_per_mwh, steam_gj_per_t
from ..accounting.units import GJ_PER_MWH
from .base import Efficiency, NonNegFloat, PositiveFloat, Strict
from .trajectory import NonNegTrajectory, Trajectory, at, plausible, scaled

FUEL_HINT = (
    "fuel factors are t CO2 per MWh of fuel (natural gas 0.20, coal 0.34); a value like 56.1 is kg CO2 per GJ "
    "(x 3.6 / 1000 gives t per MWh)"
)
FuelFactor = Annotated[NonNegTrajectory, plausible(0.0, 1.0, "t CO2 per MWh", FUEL_HINT)]
DefaultKey = Literal[
    "natural_gas", "raw_coal", "diesel", "gasoline", "fuel_oil", "lpg", "wood_biomass", "purchased_steam"
]  # fmt: skip  # the keys of accounting/fuels.py DEFAULTS (a test keeps them equal)
UNIT_HELP = "t, kg, Nm3, 10^4 Nm3 (万Nm3), GJ, MJ, MWh, kWh or tce"


class Composition(Strict):
    """What GB/T 32150 multiplies: NCV x carbon content x oxidation x 44/12. Each field overrides the default."""

    ncv_gj_per_unit: PositiveFloat | None = Field(
        None, description="Net calorific value, GJ per `unit` (natural gas: 389.31 GJ per 10^4 Nm3)."
    )
    carbon_content_t_per_gj: Annotated[float, Field(gt=0.0, le=0.05)] | None = Field(
        None, description="Carbon content per unit of heat, t C per GJ (natural gas 0.0153)."
    )
    oxidation_share: Efficiency | None = Field(None, description="Oxidation rate, share (natural gas 0.99).")


class Fuel(Composition):
    default: DefaultKey | None = Field(
        None, description=f"A GB/T 32150 Annex B default row to start from: {', '.join(DEFAULTS)}."
    )
    kind: FuelKind | None = Field(
        None,
        description="fossil (Scope 1), biomass (its CO2 reported apart and not counted; CH4 and N2O counted) or "
        "purchased_heat (steam or hot water bought: Scope 2). Default: the default row's, else fossil.",
    )
    unit: str | None = Field(None, description=f"The unit `ncv_gj_per_unit` and `price_per_unit` are per: {UNIT_HELP}.")
    ef_t_per_mwh: FuelFactor | None = Field(
        None, description="CO2 factor, t CO2 per MWh (NCV); instead of the composition (year map allowed)."
    )
    co2_t_per_gj: Annotated[float, Field(ge=0.0, le=0.3)] | None = Field(
        None, description="CO2 factor, t CO2 per GJ (NCV, or of heat for purchased heat: default 0.11)."
    )
    ch4_kg_per_tj: NonNegFloat | None = Field(None, description="CH4 from combustion, kg per TJ (default: IPCC).")
    n2o_kg_per_tj: NonNegFloat | None = Field(None, description="N2O from combustion, kg per TJ (default: IPCC).")
    price_per_mwh: NonNegTrajectory | None = Field(None, description="Price, currency per MWh (NCV).")
    price_per_unit: NonNegTrajectory | None = Field(None, description="Price, currency per `unit` (3.8 per Nm3).")
    source: str | None = Field(None, description="Where the factors come from (defaults name their own).")

    @model_validator(mode="after")
    def _one_way(self) -> Fuel:
        given = [n for n in ("ef_t_per_mwh", "co2_t_per_gj", "carbon_content_t_per_gj") if getattr(self, n) is not None]
        if len(given) > 1:
            raise ValueError(f"give one CO2 factor, found {' and '.join(given)}")
        if not given and self.default is None:
            raise ValueError(
                f"no CO2 factor: expected `default` (one of {', '.join(DEFAULTS)}), `ef_t_per_mwh`, `co2_t_per_gj` "
                "or the composition (`carbon_content_t_per_gj`, `oxidation_share`)"
            )
        if self.price_per_mwh is not None and self.price_per_unit is not None:
            raise ValueError("give price_per_mwh or price_per_unit, not both")
        if self.unit is not None:
            _unit(self.unit, "unit")
        if self.price_per_unit is not None and self.physical_unit is None:
            raise ValueError("price_per_unit: needs `unit` (or a `default`) to say what the price is per")
        if self.ncv_gj_per_unit is not None and self.unit is None:
            raise ValueError("ncv_gj_per_unit: needs `unit`, the unit the calorific value is per (t, Nm3, 10^4 Nm3)")
        if self.kind is not None and self.base is not None and self.kind != self.base.kind:
            raise ValueError(f"kind: '{self.kind}' contradicts default '{self.default}', which is {self.base.kind}")
        if self.fuel_kind == "purchased_heat" and self.carbon_content_t_per_gj is not None:
            raise ValueError("carbon_content_t_per_gj: purchased heat has no carbon content; give co2_t_per_gj")
        if self.price_per_unit is not None:
            try:
                price_per_mwh(self)
            except ValueError as exc:
                raise ValueError(f"price_per_unit: {exc}") from None
        return self

    @property
    def base(self) -> FuelDefault | None:
        return DEFAULTS[self.default] if self.default else None

    @property
    def fuel_kind(self) -> FuelKind:
        return self.kind or (self.base.kind if self.base else "fossil")

    @property
    def physical_unit(self) -> str | None:
        return self.unit or (self.base.unit if self.base else None)


class SiteFuel(Composition):
    annual_mwh: NonNegTrajectory | None = Field(
        None, description="Baseline use, MWh (NCV; of heat for purchased heat) per year; or `annual` with `unit`."
    )
    annual: NonNegTrajectory | None = Field(None, description="Baseline use per year in `unit` (activity data).")
    unit: str | None = Field(None, description=f"Unit of `annual`: {UNIT_HELP}; steam may be in t.")
    enthalpy_kj_per_kg: Annotated[float, Field(gt=100.0, le=4000.0)] | None = Field(
        None,
        description="Steam bought in t: its specific enthalpy, kJ/kg, from pressure and temperature (steam tables; "
        "0.8 MPa saturated: 2768); heat = t x (enthalpy - 83.74) / 1000 GJ.",
    )
    growth_per_year: float = Field(0.0, ge=-0.5, le=0.5, description="Yearly growth of baseline use.")
    price_per_mwh: NonNegTrajectory | None = Field(
        None, description="Site price, currency per MWh; omit to use the fuel catalogue price."
    )

    @model_validator(mode="after")
    def _activity(self) -> SiteFuel:
        if (self.annual_mwh is None) == (self.annual is None):
            raise ValueError("give the yearly use as annual_mwh, or as annual with its unit (not both)")
        if self.annual is not None:
            if self.unit is None:
                raise ValueError(f"annual: needs `unit` ({UNIT_HELP})")
            _unit(self.unit, "unit")
        elif self.unit is not None:
            raise ValueError("unit: only with `annual` (annual_mwh is in MWh)")
        if self.ncv_gj_per_unit is not None and self.annual is None:
            raise ValueError("ncv_gj_per_unit: a measured calorific value goes with `annual` and its `unit`")
        return self


def _unit(unit: str, field: str) -> None:
    try:
        units.parse(unit)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from None


@dataclass(frozen=True)
class Factors:
    """A fuel at a site, resolved: what one MWh (NCV) emits and how the activity converts."""

    kind: FuelKind
    co2_t_per_mwh: float | dict[int, float]  # fossil CO2 (biomass: its biogenic CO2; purchased heat: CO2 of heat)
    ch4_t_per_mwh: float
    n2o_t_per_mwh: float
    mwh_per_unit: float  # of the site's activity unit (1 for annual_mwh)
    activity_unit: str
    source: str
    ncv_gj_per_unit: float | None
    ncv_unit: str | None

    def co2_at(self, year: int) -> float:
        return at(self.co2_t_per_mwh, year)


def resolve(fuel: Fuel, use: SiteFuel) -> Factors:
    """The factors of `fuel` as `use` burns it; ValueError (naming the field) when the units do not fit."""
    single = fuel.ef_t_per_mwh is not None or fuel.co2_t_per_gj is not None or fuel.fuel_kind == "purchased_heat"
    for name in ("carbon_content_t_per_gj", "oxidation_share"):
        if getattr(use, name) is not None and single:
            raise ValueError(
                f"{name}: the catalogue fuel gives one CO2 factor (or is purchased heat), which a site's measured "
                "composition cannot adjust; give the composition in the catalogue (default or carbon content)"
            )
    base = fuel.base
    ncv, ncv_unit = _ncv(fuel, use)
    co2 = _co2(fuel, use, base)
    per_tj = 3.6e-3 / 1000.0  # kg per TJ -> t per MWh
    ch4 = fuel.ch4_kg_per_tj if fuel.ch4_kg_per_tj is not None else (base.ch4_kg_per_tj if base else 0.0)
    n2o = fuel.n2o_kg_per_tj if fuel.n2o_kg_per_tj is not None else (base.n2o_kg_per_tj if base else 0.0)
    if use.annual is None:
        mwh_per_unit, unit = 1.0, "MWh"
    else:
        unit = str(use.unit)
        mwh_per_unit = _mwh_per(fuel, unit, ncv, ncv_unit, use.enthalpy_kj_per_kg)
    source = fuel.source or (base.source if base else "scenario")
    if any(v is not None for v in (use.ncv_gj_per_unit, use.carbon_content_t_per_gj, use.oxidation_share)):
        source = f"site measurements; else {source}"
    return Factors(fuel.fuel_kind, co2, ch4 * per_tj, n2o * per_tj, mwh_per_unit, unit, source, ncv, ncv_unit)


def _co2(fuel: Fuel, use: SiteFuel, base: FuelDefault | None) -> float | dict[int, float]:
    if fuel.ef_t_per_mwh is not None:
        return fuel.ef_t_per_mwh
    if fuel.co2_t_per_gj is not None:
        return fuel.co2_t_per_gj * GJ_PER_MWH
    if fuel.fuel_kind == "purchased_heat":
        return (base.co2_t_per_gj if base else 0.0) * GJ_PER_MWH
    cc = use.carbon_content_t_per_gj or fuel.carbon_content_t_per_gj or (base.carbon_content_t_per_gj if base else None)
    ox = use.oxidation_share or fuel.oxidation_share or (base.oxidation_share if base else 1.0)
    if cc is None:
        raise ValueError("carbon_content_t_per_gj: needed for this fuel (no default row)")
    return co2_t_per_mwh(cc, ox)


def _ncv(fuel: Fuel, use: SiteFuel | None = None) -> tuple[float | None, str | None]:
    """The calorific value that applies and the unit it is per: the site's measurement, the catalogue's, the
    default row's."""
    if use is not None and use.ncv_gj_per_unit is not None:
        return use.ncv_gj_per_unit, use.unit
    if fuel.ncv_gj_per_unit is not None:
        return fuel.ncv_gj_per_unit, fuel.unit
    base = fuel.base
    return (base.ncv_gj_per_unit, base.unit) if base else (None, None)


def _mwh_per(fuel: Fuel, unit: str, ncv: float | None, ncv_unit: str | None, enthalpy: float | None) -> float:
    """MWh (NCV; of heat for purchased heat) in one `unit` of the fuel."""
    if units.is_energy(unit):
        return units.factor(unit, "MWh")
    if fuel.fuel_kind == "purchased_heat":
        if enthalpy is None:
            raise ValueError(f"enthalpy_kj_per_kg: steam bought in {unit} needs its enthalpy (kJ/kg, steam tables)")
        try:
            tonnes = units.factor(unit, "t")
        except ValueError as exc:
            raise ValueError(f"unit: {exc}; purchased heat is given in t of steam or in energy (GJ)") from None
        return tonnes * steam_gj_per_t(enthalpy) / GJ_PER_MWH
    if ncv is None or ncv_unit is None:
        raise ValueError(f"unit: {unit} is not energy and the fuel has no ncv_gj_per_unit to convert it with")
    try:
        return units.factor(unit, ncv_unit) * ncv / GJ_PER_MWH
    except ValueError as exc:
        raise ValueError(f"unit: {exc} (the calorific value is per {ncv_unit})") from None


def price_per_mwh(fuel: Fuel) -> float | dict[int, float]:
    """The catalogue price per MWh (NCV; of heat for purchased heat)."""
    if fuel.price_per_unit is None:
        return fuel.price_per_mwh if fuel.price_per_mwh is not None else 0.0
    ncv, ncv_unit = _ncv(fuel)
    unit = str(fuel.physical_unit)
    if fuel.fuel_kind == "purchased_heat" and not units.is_energy(unit):
        raise ValueError(f"a price per {unit} of steam depends on its enthalpy; give it per GJ (unit: GJ) or per MWh")
    mwh = _mwh_per(fuel, unit, ncv, ncv_unit, None)
    return scaled(fuel.price_per_unit, 1.0 / mwh)


__all__ = ["Factors", "Fuel", "SiteFuel", "Trajectory", "price_per_mwh", "resolve"]
