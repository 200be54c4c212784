"""Gas CHP: its declaration (model: model/heat_supply.py; schema: scenario/heat.py `CHP`). Capacity is per kW
electric; its heat follows at `thermal_efficiency / electric_efficiency` per kW."""

from __future__ import annotations

from ..data import ModelData
from ..model.heat_supply import Conversion
from ..scenario.heat import CHP, HeatFleet
from .base import Shown
from .heatplant import heat_plant_lever


def _spec(s: str, data: ModelData) -> HeatFleet | None:
    return data.sites[s].site.chp


def _chp(spec: HeatFleet) -> CHP:
    assert isinstance(spec, CHP)
    return spec


CONVERSION = Conversion(
    name="chp",
    spec_of=_spec,
    heat_per_kw=lambda spec: _chp(spec).thermal_efficiency / _chp(spec).electric_efficiency,
    bus_per_heat=lambda spec, _t: _chp(spec).electric_efficiency / _chp(spec).thermal_efficiency,
    fuel=lambda spec: (_chp(spec).fuel, 1.0 / _chp(spec).thermal_efficiency),
    exportable=False,
)

LEVER = heat_plant_lever(
    CONVERSION,
    order=42,
    shown=Shown("Gas CHP", "燃气热电联产", "#8C564B", "kW"),
    item="CHP",
    action="build gas CHP",
    panel="Gas CHP, kW electric",
    electric=("Gas CHP", 1.0),
)
