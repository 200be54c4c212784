"""Small helpers the lever declarations share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from .base import Block

if TYPE_CHECKING:
    from ..model.build import BuiltModel

TOL = 1e-6


def at_most(value: float, limit: float) -> bool:
    """`value` has reached `limit` (within a relative tolerance)."""
    return value >= limit - TOL * max(1.0, abs(limit))


def mwh(kw: np.ndarray, weights: np.ndarray) -> float:
    """kW on the representative days [days, 24] -> MWh a year."""
    return float((kw.sum(axis=1) * weights).sum()) / 1000.0


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
