"""Heat storage: its declaration (model: model/heat_storage.py; schema: scenario/heat.py `HeatStorage`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import heat_storage
from ..results.values import hourly, val
from ..scenario.trajectory import at
from .base import Block, Lever, Purpose, RoadmapRow, Shown
from .util import at_most, mwh

if TYPE_CHECKING:
    from ..model.build import BuiltModel
    from ..scenario.heat import HeatStorage
    from ..scenario.schema import Scenario
    from ..scenario.site import Site

NAME = "heat_storage"


def _spec(b: BuiltModel, s: str) -> HeatStorage:
    spec = b.data.sites[s].site.heat_storage
    assert spec is not None  # a block exists only for sites with heat storage
    return spec


def _roadmap(b: BuiltModel, block: Block) -> list[RoadmapRow]:
    rows = []
    for s in block or []:
        spec = _spec(b, s)
        for y in b.data.years:
            kwh = val(block[s].build_kwh[y])
            if kwh > 1e-6:
                capex = kwh * at(spec.capex_per_kwh, y)
                rows.append(
                    RoadmapRow(y, s, NAME, "build heat storage", kwh, "kWh", capex, 0.0, kwh / spec.duration_hours)
                )
    return rows


def _activity(b: BuiltModel, block: Block) -> list[tuple]:
    """Heat charged and discharged; the heat lost had to be made: at the boilers' fuel rate (their fuel)."""
    rows = []
    for s in block or []:
        sd, spec = b.data.sites[s], _spec(b, s)
        hd = sd.heat[spec.carrier]
        for y in b.data.years:
            n = sd.days.n_days
            charged = mwh(hourly(block[s].charge_kw, y, n), sd.weights)
            discharged = mwh(hourly(block[s].discharge_kw, y, n), sd.weights)
            values = {
                "heat_charged_mwh": charged,
                "heat_discharged_mwh": discharged,
                f"fuel_mwh:{hd.demand.fuel}": (charged - discharged) * hd.fuel_mwh_per_mwh,
            }
            rows += [(y, s, NAME, spec.carrier, q, "MWh", v) for q, v in values.items()]
    return rows


def _limits(b: BuiltModel, block: Block, purpose: Purpose, y: int) -> list[str]:
    out = []
    for s in block or []:
        limit = heat_storage.max_kwh(b.data, s)
        if at_most(val(block[s].cap_kwh[y]), limit):
            out.append(f"heat storage at {s} is at its limit ({limit:,.0f} kWh)")
    return out


def _offered(scenario: Scenario, site: Site | None) -> list[str]:
    return [NAME] if site is not None and site.heat_storage is not None else []


LEVER = Lever(
    order=43,
    name=NAME,
    add=heat_storage.add,
    design=heat_storage.design,
    shown={NAME: Shown("Heat storage (losses)", "储热（损耗）", "#BCBD22", "kWh")},
    costs={"capital_heat_storage": "Capital (annualised)", "om_heat_storage": "O&M"},
    roadmap=_roadmap,
    capacity=lambda b, block, y: [(s, "heat_storage_energy", "kWh", val(block[s].cap_kwh[y])) for s in block or []],
    panels=(("heat_storage_energy", "Heat storage, kWh heat"),),
    activity=_activity,
    heat_series=(
        ("Heat storage discharge", heat_storage.DISCHARGE, "#BCBD22"),
        ("Heat storage charge", heat_storage.CHARGE, "#DBDB8D"),
    ),
    limits=_limits,
    offered=_offered,
)
