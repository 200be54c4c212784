"""Rooftop PV: its declaration (the model block is model/pv.py, the schema scenario/levers.py `PV`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from ..data.modeldata import nonzero
from ..data.pv import pv_kw_per_kwp
from ..model import pv
from ..results.values import hourly, val
from ..scenario.trajectory import at
from .base import Block, Hourly, Lever, Purpose, Shown
from .util import at_most, build_rows, generator_activity

if TYPE_CHECKING:
    from ..model.build import BuiltModel
    from ..scenario.schema import Scenario
    from ..scenario.site import Site

NAME = "pv"
COLUMNS = ("pv_kw", "curtail_kw")  # (output, curtailed) in dispatch.csv


def _profiles(site: Site, field: str) -> dict[str, tuple[np.ndarray, float | None]]:
    """Output per kWp, hourly: pvlib or the site's CSV (kW per kWp, at most 1)."""
    if site.pv is None:
        return {}
    series = pv_kw_per_kwp(site.pv.profile, site.location, f"{field}.pv.profile")
    if site.pv.profile.csv:  # pvlib's shape always has sun; a file of zeros would be a PV lever that never produces
        expected = "hourly PV output (any unit; only the shape is used) with some sun"
        nonzero(series, site.pv.profile.csv, f"{field}.pv.profile.csv", expected)
    return {"pv": (series, 1.0)}


def _capex_per_kw(b: BuiltModel, s: str, y: int) -> float:
    spec = b.data.sites[s].site.pv
    assert spec is not None  # a PV block exists only for sites with PV
    return at(spec.capex_per_kw, y)


def _capacity(b: BuiltModel, block: Block, y: int) -> list[tuple[str, str, str, float]]:
    rows = []
    for s in block or []:
        cap = val(block[s].cap_kw[y])
        spec = b.data.sites[s].site.pv
        assert spec is not None
        used, available = cap * spec.area_m2_per_kw, b.data.sites[s].site.roof_area_m2
        rows += [
            (s, "pv_capacity", "kWp", cap),
            (s, "pv_effective", "kWp", val(block[s].eff_kw[y])),
            (s, "roof_used", "m2", used),
            (s, "roof_available", "m2", available),
            (s, "roof_used_share", "%", 100.0 * used / available if available > 0 else 0.0),
        ]
    return rows


def _dispatch(b: BuiltModel, site_block: Block, s: str, y: int) -> Hourly:
    sd = b.data.sites[s]
    return {
        "pv_kw": sd.pv_kw_per_kwp * val(site_block.eff_kw[y]),
        "curtail_kw": hourly(site_block.curtail_kw, y, sd.days.n_days),
    }


def _limits(b: BuiltModel, block: Block, purpose: Purpose, y: int) -> list[str]:
    out = []
    for s, sd in b.data.sites.items():
        spec, roof = sd.site.pv, sd.site.roof_area_m2
        if spec is None:
            continue
        if roof <= 0:
            out.append(f"{s} has no roof area for PV")
        elif spec.earliest_year is not None and y < spec.earliest_year:
            out.append(f"PV at {s} cannot be built before {spec.earliest_year}")
        elif block is not None and s in block and at_most(val(block[s].cap_kw[y]) * spec.area_m2_per_kw, roof):
            out.append(f"the roof at {s} is full ({roof:,.0f} m2)")
    return out


def _offered(scenario: Scenario, site: Site | None) -> list[str]:
    return ["pv"] if site is not None and site.pv else []


LEVER = Lever(
    order=10,
    name=NAME,
    add=pv.add,
    profiles=_profiles,
    design=pv.design,
    shown={NAME: Shown("On-site PV", "屋顶光伏", "#F2CF5B", "kWp")},
    costs={"capital_pv": "Capital (annualised)", "om_pv": "O&M"},
    roadmap=lambda b, block: build_rows(b, block, NAME, "build rooftop PV", "kWp", partial(_capex_per_kw, b)),
    capacity=_capacity,
    panels=(("pv_capacity", "PV installed, kWp"), ("roof_used_share", "Roof used, %")),
    activity=lambda b, block: generator_activity(b, block, NAME, "pv", _dispatch, COLUMNS),
    dispatch_columns=COLUMNS,
    dispatch=_dispatch,
    generation_columns=COLUMNS,
    series=(("PV output", "pv_kw", 1.0, "#F2CF5B"), ("PV curtailed", "curtail_kw", -1.0, "#BAB0AC")),
    limits=_limits,
    offered=_offered,
)
