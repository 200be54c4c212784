"""Electric (resistance or electrode) boiler: its declaration (model: model/heat_supply.py; schema:
scenario/heat.py `ElectricBoiler`)."""

from __future__ import annotations

from ..data import ModelData
from ..model.heat_supply import Conversion
from ..scenario.heat import ElectricBoiler, HeatFleet
from .base import Shown
from .heatplant import heat_plant_lever


def _spec(s: str, data: ModelData) -> HeatFleet | None:
    return data.sites[s].site.electric_boiler


def _bus_per_heat(spec: HeatFleet, temperature_c: float) -> float:
    assert isinstance(spec, ElectricBoiler)
    return -1.0 / spec.efficiency


CONVERSION = Conversion(name="electric_boiler", spec_of=_spec, heat_per_kw=lambda spec: 1.0, bus_per_heat=_bus_per_heat)

LEVER = heat_plant_lever(
    CONVERSION,
    order=41,
    shown=Shown("Electric boiler", "电锅炉", "#FF9DA6", "kW"),
    item="electric boiler",
    action="build electric boiler",
    panel="Electric boilers, kW heat",
    electric=("Electric boiler", -1.0),
)
