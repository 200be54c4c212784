"""Retrofit projects (efficiency, electrification, process measures): their declaration (the model block is
model/retrofits.py, the schema scenario/levers.py `Retrofit`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..data.hourly import normalise_mean, read_hourly_csv
from ..data.modeldata import nonzero
from ..model import retrofits
from ..model.retrofits import allowed_years, fuel_saved_mwh, load_cut_kw
from ..results.values import val
from ..scenario.levers import RETROFIT_KINDS
from ..scenario.trajectory import at
from .base import Block, Lever, Purpose, RoadmapRow, Shown
from .util import TOL, mwh

if TYPE_CHECKING:
    from ..model.build import BuiltModel
    from ..scenario.schema import Scenario
    from ..scenario.site import Site

NAME = "retrofits"
SHOWN = {
    "efficiency": Shown("Efficiency retrofits", "节能改造", "#4C78A8", "project"),
    "electrification": Shown("Electrification", "电气化改造", "#72B7B2", "project"),
    "process": Shown("Process measures", "工艺减排", "#9D755D", "project"),
}
assert set(SHOWN) == set(RETROFIT_KINDS)


def key(kind: str) -> str:
    return f"retrofit:{kind}"


def _profiles(site: Site, field: str) -> dict[str, tuple[np.ndarray, float | None]]:
    """The shape of a measure's electricity effect, where it has its own (mean 1)."""
    out: dict[str, tuple[np.ndarray, float | None]] = {}
    for j, r in enumerate(site.retrofits):
        if r.profile:
            where = f"{field}.retrofits[{j}].profile"
            series = nonzero(
                read_hourly_csv(r.profile, where), r.profile, where, f"the hourly shape of '{r.id}'s electricity effect"
            )
            out[f"retrofit:{r.id}"] = (normalise_mean(series), None)
    return out


def _roadmap(b: BuiltModel, block: Block) -> list[RoadmapRow]:
    rows = []
    for s in block or []:
        for r in b.data.sites[s].site.retrofits:
            for y in b.data.years:
                if val(block[s].is_adopted[r.id, y]) > 0.5:
                    rows.append(RoadmapRow(y, s, key(r.kind), f"adopt {r.id}", 1.0, "project", at(r.capex, y), 0.0))
    return rows


def _capacity(b: BuiltModel, block: Block, y: int) -> list[tuple[str, str, str, float]]:
    return [
        (s, f"retrofit_active:{r.id}", "0/1", val(block[s].on[r.id, y]))
        for s in block or []
        for r in b.data.sites[s].site.retrofits
    ]


def _load_change_kw(b: BuiltModel, site_block: Block, s: str, y: int) -> np.ndarray:
    sd = b.data.sites[s]
    return -sum(
        (val(site_block.on[r.id, y]) * load_cut_kw(sd, r, y) for r in sd.site.retrofits), np.zeros((sd.days.n_days, 24))
    )


def _activity(b: BuiltModel, block: Block) -> list[tuple]:
    rows = []
    for s in block or []:
        sd = b.data.sites[s]
        for r in sd.site.retrofits:
            for y in b.data.years:
                on = val(block[s].on[r.id, y])
                if on < 1e-9:
                    continue
                rows.append(
                    (y, s, key(r.kind), r.id, "electricity_mwh", "MWh", -on * mwh(load_cut_kw(sd, r, y), sd.weights))
                )
                for fuel, saved in fuel_saved_mwh(sd, r, y).items():
                    rows.append((y, s, key(r.kind), r.id, f"fuel_mwh:{fuel}", "MWh", -on * saved))
                if r.process_saving_t:
                    rows.append((y, s, key(r.kind), r.id, "process_t", "t", -on * r.process_saving_t))
    return rows


def _limits(b: BuiltModel, block: Block, purpose: Purpose, y: int) -> list[str]:
    if purpose == "renewable_share":
        return []
    out = []
    for s, sd in b.data.sites.items():
        offered = [r for r in sd.site.retrofits if y in allowed_years(r, b.data)]
        if not offered or block is None or s not in block:
            continue
        groups: dict[str, float] = {}
        alone = []
        for r in offered:
            on = val(block[s].on[r.id, y])
            if r.group:
                groups[r.group] = groups.get(r.group, 0.0) + on
            else:
                alone.append(on)
        if all(on > 1 - TOL for on in alone) and all(v > 1 - TOL for v in groups.values()):
            out.append(f"all retrofits offered at {s} are adopted")
    return out


def _offered(scenario: Scenario, site: Site | None) -> list[str]:
    return [f"retrofit:{r.id}" for r in site.retrofits] if site is not None else []


LEVER = Lever(
    order=30,
    name=NAME,
    add=retrofits.add,
    profiles=_profiles,
    design=retrofits.design,
    shown={key(kind): shown for kind, shown in SHOWN.items()},
    costs={"capital_retrofits": "Capital (annualised)", "om_retrofits": "O&M"},
    roadmap=_roadmap,
    capacity=_capacity,
    activity=_activity,
    load_change_kw=_load_change_kw,
    heat_series=(("Heat saved (retrofits)", retrofits.HEAT_SAVED, "#59A14F"),),
    limits=_limits,
    offered=_offered,
)
