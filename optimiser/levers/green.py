"""Green electricity (certificates or PPAs covering grid imports): its declaration (the model block is
model/market.py `add_green`, the schema scenario/market.py `GreenElectricity`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import market
from ..results.values import val
from ..scenario.trajectory import at
from .base import Block, Lever, Purpose, RoadmapRow, Shown
from .util import at_most

if TYPE_CHECKING:
    from ..model.build import BuiltModel
    from ..scenario.schema import Scenario
    from ..scenario.site import Site

KEY = "green_electricity"


def _roadmap(b: BuiltModel, block: Block) -> list[RoadmapRow]:
    if block is None:
        return []
    assert b.data.scenario.green_electricity is not None  # the block exists only when the scenario has it
    price = b.data.scenario.green_electricity.price_per_mwh
    return [
        RoadmapRow(y, s, KEY, "buy green certificates", val(v), "MWh/yr", 0.0, val(v) * at(price, y))
        for (s, y), v in block.mwh.items()
        if val(v) > 1e-6
    ]


def _activity(b: BuiltModel, block: Block) -> list[tuple]:
    if block is None:
        return []
    return [(y, s, KEY, "certificates", "certified_mwh", "MWh", val(v)) for (s, y), v in block.mwh.items()]


def _limits(b: BuiltModel, block: Block, purpose: Purpose, y: int) -> list[str]:
    d = b.data
    spec = d.scenario.green_electricity
    location = purpose != "renewable_share" and d.scenario.targets.basis == "location"
    if spec is None:
        return [] if location else ["green electricity is not offered"]
    if location:
        return ["green certificates do not lower location-based emissions (the targets' basis)"]
    if block is None or (next(iter(d.sites)), y) not in block.mwh:
        return [f"green electricity cannot be bought in {y}"]
    bought = sum(val(v) for (_, yy), v in block.mwh.items() if yy == y)
    if spec.max_mwh_per_year and at_most(bought, spec.max_mwh_per_year):
        return [f"green electricity is at its yearly cap ({spec.max_mwh_per_year:,.0f} MWh)"]
    imported = b.model.grid.imported_mwh
    covered = all(at_most(val(v), val(imported[s, yy])) for (s, yy), v in block.mwh.items() if yy == y)
    return ["every MWh imported from the grid is already covered by certificates"] if covered else []


def _offered(scenario: Scenario, site: Site | None) -> list[str]:
    return ["green electricity"] if site is None and scenario.green_electricity else []


LEVER = Lever(
    order=50,
    name="green",
    add=market.add_green,
    shown={KEY: Shown("Green electricity", "绿电/绿证", "#54A24B", "MWh/yr")},
    costs={KEY: "Certificates"},
    roadmap=_roadmap,
    activity=_activity,
    limits=_limits,
    per_site=False,
    offered=_offered,
)
