"""Small helpers the lever declarations share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from ..model.ledger import value_of
from ..results.values import site_hourly, val
from .base import Block, Hourly, RoadmapRow

if TYPE_CHECKING:
    from ..model.build import BuiltModel

TOL = 1e-6


def at_most(value: float, limit: float) -> bool:
    """`value` has reached `limit` (within a relative tolerance)."""
    return value >= limit - TOL * max(1.0, abs(limit))


def mwh(kw: np.ndarray, weights: np.ndarray) -> float:
    """kW on the representative days [days, 24] -> MWh a year."""
    return float((kw.sum(axis=1) * weights).sum()) / 1000.0


def exported_kw(b: BuiltModel, s: str, y: int, own_kw: np.ndarray) -> np.ndarray:
    """The part of the site's export [days, 24] that came from one generator: the meter's export in proportion to
    that generator's output kept (not curtailed) among all the site's exportable generation in the hour."""
    sd = b.data.sites[s]
    n = sd.days.n_days
    export = site_hourly(b.model.grid.export_kw, s, y, n)
    total = np.array([[value_of(b.ledger.export_source.get((s, y, d, h), [])) for h in range(24)] for d in range(n)])
    share = np.divide(own_kw, total, out=np.zeros_like(own_kw), where=total > 1e-9)
    return export * np.clip(share, 0.0, 1.0)


def generator_activity(
    b: BuiltModel, block: Block, lever: str, item: str, dispatch: Callable[..., Hourly], columns: tuple[str, str]
) -> list[tuple]:
    """Activity rows of an on-site generator: where its output went each year (MWh), from its own `dispatch`
    hook and its (output, curtailed) columns."""
    out, curtail = columns

    def one_year(s: str, y: int) -> dict[str, float]:
        w = b.data.sites[s].weights
        cols = dispatch(b, block[s], s, y)
        kept = cols[out] - cols[curtail]
        generation, curtailed, export = mwh(cols[out], w), mwh(cols[curtail], w), mwh(exported_kw(b, s, y, kept), w)
        return {
            "generation_mwh": generation,
            "used_mwh": generation - curtailed - export,
            "export_mwh": export,
            "curtailed_mwh": curtailed,
        }

    return per_site_year(b, block, lever, item, one_year)


def build_rows(
    b: BuiltModel, block: Block, lever: str, action: str, unit: str, capex_per_unit: Callable[[str, int], float]
) -> list[RoadmapRow]:
    """Roadmap rows of a site-indexed fleet sized by `build_kw`: one per site and year with a build."""
    rows = []
    for s in block or []:
        for y in b.data.years:
            size = val(block[s].build_kw[y])
            if size > 1e-6:
                rows.append(RoadmapRow(y, s, lever, action, size, unit, size * capex_per_unit(s, y), 0.0))
    return rows


def per_site_year(
    b: BuiltModel, block: Block, lever: str, item: str, one_year: Callable[[str, int], dict[str, float]]
) -> list[tuple]:
    """Activity rows (MWh) of a site-indexed block: one per site, year and quantity."""
    return [
        (y, s, lever, item, quantity, "MWh", value)
        for s in block or []
        for y in b.data.years
        for quantity, value in one_year(s, y).items()
    ]
