"""On-site wind: its declaration (the model block is model/wind.py, the schema scenario/levers.py `Wind`).

This module, the model block, the schema entry, tests/test_wind.py and the example scenario are all a new lever
needs (docs/adding-a-lever.md walks through it)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from ..data.hourly import read_hourly_csv
from ..data.modeldata import nonzero
from ..errors import ScenarioError
from ..model import wind
from ..results.values import hourly, val
from ..scenario.trajectory import at
from .base import Block, Hourly, Lever, Purpose, Shown
from .util import at_most, build_rows, generator_activity

if TYPE_CHECKING:
    from ..model.build import BuiltModel
    from ..scenario.schema import Scenario
    from ..scenario.site import Site

NAME = "wind"
COLUMNS = ("wind_kw", "wind_curtail_kw")  # (output, curtailed) in dispatch.csv


def _profiles(site: Site, field: str) -> dict[str, tuple[np.ndarray, float | None]]:
    if site.wind is None:
        return {}
    where = f"{field}.wind.profile"
    series = read_hourly_csv(site.wind.profile, where)
    if series.min() < 0 or series.max() > 1:
        found = series.max() if series.max() > 1 else series.min()
        raise ScenarioError(
            site.wind.profile,
            where,
            f"expected output per kW installed between 0 and 1, found {found:,.4g} "
            "(kW of a whole wind farm? divide by its capacity)",
        )
    nonzero(
        series,
        site.wind.profile,
        where,
        "output per kW installed (0 to 1) in some hours (all zeros: a turbine that never turns)",
    )
    return {NAME: (series, 1.0)}


def _capex_per_kw(b: BuiltModel, s: str, y: int) -> float:
    spec = b.data.sites[s].site.wind
    assert spec is not None  # a wind block exists only for sites with wind
    return at(spec.capex_per_kw, y)


def _capacity(b: BuiltModel, block: Block, y: int) -> list[tuple[str, str, str, float]]:
    return [(s, "wind_capacity", "kW", val(block[s].cap_kw[y])) for s in block or []]


def _dispatch(b: BuiltModel, site_block: Block, s: str, y: int) -> Hourly:
    sd = b.data.sites[s]
    return {
        "wind_kw": sd.shape(NAME) * val(site_block.cap_kw[y]),
        "wind_curtail_kw": hourly(site_block.curtail_kw, y, sd.days.n_days),
    }


def _limits(b: BuiltModel, block: Block, purpose: Purpose, y: int) -> list[str]:
    out = []
    for s, sd in b.data.sites.items():
        spec = sd.site.wind
        if spec is not None and block is not None and s in block and at_most(val(block[s].cap_kw[y]), spec.max_kw):
            out.append(f"wind at {s} is at its limit ({spec.max_kw:,.0f} kW)")
    return out


def _offered(scenario: Scenario, site: Site | None) -> list[str]:
    return [NAME] if site is not None and site.wind else []


LEVER = Lever(
    order=15,
    name=NAME,
    add=wind.add,
    profiles=_profiles,
    design=wind.design,
    shown={NAME: Shown("On-site wind", "分散式风电", "#9ECAE9", "kW")},
    costs={"capital_wind": "Capital (annualised)", "om_wind": "O&M"},
    roadmap=lambda b, block: build_rows(b, block, NAME, "build wind turbines", "kW", partial(_capex_per_kw, b)),
    capacity=_capacity,
    panels=(("wind_capacity", "Wind installed, kW"),),
    activity=lambda b, block: generator_activity(b, block, NAME, "turbines", _dispatch, COLUMNS),
    dispatch_columns=COLUMNS,
    dispatch=_dispatch,
    generation_columns=COLUMNS,
    series=(("Wind output", "wind_kw", 1.0, "#9ECAE9"), ("Wind curtailed", "wind_curtail_kw", -1.0, "#C7C7C7")),
    limits=_limits,
    offered=_offered,
)
