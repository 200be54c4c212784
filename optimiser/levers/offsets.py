"""Carbon offsets (CCER, VER and the like): their declaration (the model block is model/market.py
`add_offsets`, the schema scenario/market.py `Offset`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyomo.environ as pyo

from ..model import market
from ..model.ledger import COMPANY
from ..results.values import val
from ..scenario.trajectory import at
from .base import Block, Lever, Purpose, RoadmapRow, Shown
from .util import at_most

if TYPE_CHECKING:
    from ..model.build import BuiltModel
    from ..scenario.schema import Scenario
    from ..scenario.site import Site

NAME = "offsets"


def _roadmap(b: BuiltModel, block: Block) -> list[RoadmapRow]:
    if block is None:
        return []
    price = {o.id: o.price_per_t for o in b.data.scenario.offsets}
    return [
        RoadmapRow(y, COMPANY, NAME, f"retire {oid}", val(v), "t/yr", 0.0, val(v) * at(price[oid], y))
        for (oid, y), v in block.retired_t.items()
        if val(v) > 1e-6
    ]


def _activity(b: BuiltModel, block: Block) -> list[tuple]:
    if block is None:
        return []
    eligible = {o.id: o.eligible_for_neutrality for o in b.data.scenario.offsets}
    rows = []
    for (oid, y), v in block.retired_t.items():
        t = val(v)
        rows.append((y, COMPANY, NAME, oid, "retired_t", "t", t))
        rows.append((y, COMPANY, NAME, oid, "eligible_t", "t", t if eligible[oid] else 0.0))
    return rows


def _emissions(b: BuiltModel, block: Block) -> list[tuple]:
    """Offsets retired, as negative emissions of the company (year, site, scope, source, activity, unit, factor, t)."""
    if block is None:
        return []
    return [(y, COMPANY, NAME, oid, np.nan, "", np.nan, -val(v)) for (oid, y), v in block.retired_t.items()]


def _limits(b: BuiltModel, block: Block, purpose: Purpose, y: int) -> list[str]:
    if purpose != "neutrality":
        return []
    m, d = b.model, b.data
    products = d.scenario.offsets
    if not products:
        return ["no offsets are offered"]
    out = []
    if not any(o.eligible_for_neutrality for o in products):
        out.append("no offset product counts toward neutrality")
    policy = getattr(m, "offsets_policy_target", None)
    if policy is not None and y in policy and at_most(pyo.value(policy[y].body), pyo.value(policy[y].upper)):
        share = d.scenario.targets.offsets.max_share_of_base  # type: ignore[union-attr]
        out.append(f"offsets are capped at {share:.0%} of base-year emissions ({pyo.value(policy[y].upper):,.0f} t)")
    for (oid, yy), v in block.retired_t.items() if block is not None else []:
        if yy == y and v.ub is not None and at_most(val(v), v.ub):
            out.append(f"offsets '{oid}' are at their yearly availability ({v.ub:,.0f} t)")
    return out


def _offered(scenario: Scenario, site: Site | None) -> list[str]:
    return [f"offset:{o.id}" for o in scenario.offsets] if site is None else []


LEVER = Lever(
    order=60,
    name=NAME,
    add=market.add_offsets,
    shown={NAME: Shown("Offsets", "碳抵消", "#88D27A", "t/yr")},
    costs={NAME: "Offsets"},
    roadmap=_roadmap,
    activity=_activity,
    emissions=_emissions,
    limits=_limits,
    per_site=False,
    offered=_offered,
)
