"""Industrial heat pump: its declaration (model: model/heat_supply.py; schema: scenario/heat.py `HeatPump`)."""

from __future__ import annotations

from ..data import ModelData
from ..model.heat_supply import Conversion
from ..scenario.heat import HeatFleet, HeatPump, cop_at
from .base import Shown
from .heatplant import heat_plant_lever


def _spec(s: str, data: ModelData) -> HeatFleet | None:
    return data.sites[s].site.heat_pump


def _bus_per_heat(spec: HeatFleet, temperature_c: float) -> float:
    assert isinstance(spec, HeatPump)
    return -1.0 / cop_at(spec, temperature_c)


CONVERSION = Conversion(name="heat_pump", spec_of=_spec, heat_per_kw=lambda spec: 1.0, bus_per_heat=_bus_per_heat)

LEVER = heat_plant_lever(
    CONVERSION,
    order=40,
    shown=Shown("Heat pump", "工业热泵", "#E377C2", "kW"),
    item="heat pump",
    action="build heat pump",
    panel="Heat pumps, kW heat",
    electric=("Heat pump", -1.0),
)
