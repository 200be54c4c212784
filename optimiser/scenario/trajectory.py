"""Values that change over time: a scalar, or a `{year: value}` map interpolated linearly.

Before the first key the first value holds, after the last key the last value holds. This is the one
rule for every year path in a scenario (prices, factors, costs, loads), so a reader never has to ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import numpy as np
from pydantic import AfterValidator

YearMap = dict[int, float]


def _check_map(value: float | YearMap) -> float | YearMap:
    if isinstance(value, dict):
        if not value:
            raise ValueError("a year map needs at least one {year: value} entry")
        keys = list(value)
        odd = [y for y in keys if not 1990 <= y <= 2100]
        if odd:
            raise ValueError(f"year(s) {odd} are not plausible (expected 1990-2100)")
        if keys != sorted(keys):
            raise ValueError(f"years must be in increasing order, found {keys}")
        bad = [y for y, v in value.items() if not np.isfinite(v)]
        if bad:
            raise ValueError(f"values must be finite numbers, found NaN/inf at {bad}")
    elif not np.isfinite(value):
        raise ValueError(f"expected a finite number, found {value}")
    return value


Trajectory = Annotated[float | YearMap, AfterValidator(_check_map)]


def _nonneg(value: float | YearMap) -> float | YearMap:
    values = value.values() if isinstance(value, dict) else [value]
    if any(v < 0 for v in values):
        raise ValueError(f"must not be negative, found {value}")
    return value


NonNegTrajectory = Annotated[Trajectory, AfterValidator(_nonneg)]


def _share(value: float | YearMap) -> float | YearMap:
    values = value.values() if isinstance(value, dict) else [value]
    if any(not 0.0 <= v <= 1.0 for v in values):
        raise ValueError(f"a share between 0 and 1 was expected, found {value}")
    return value


ShareTrajectory = Annotated[Trajectory, AfterValidator(_share)]


def plausible(low: float, high: float, unit: str, hint: str) -> AfterValidator:
    """Catch unit mistakes: a nonzero value outside [low, high] (in `unit`) fails with `hint`, where `{v}` is
    the value found and `{k}` and `{m}` are it divided and multiplied by 1000."""

    def check(value: float | YearMap) -> float | YearMap:
        values = value.values() if isinstance(value, dict) else [value]
        for v in values:
            if v != 0 and not low <= v <= high:
                detail = hint.format(v=f"{v:g}", k=f"{v / 1000:g}", m=f"{v * 1000:g}")
                raise ValueError(f"{v:g} is outside the plausible range {low:g} to {high:g} {unit}: {detail}")
        return value

    return AfterValidator(check)


def at(value: float | YearMap, year: int) -> float:
    """The value of a trajectory in one year."""
    if not isinstance(value, dict):
        return float(value)
    years = np.fromiter(value.keys(), dtype=float)
    values = np.fromiter(value.values(), dtype=float)
    return float(np.interp(year, years, values))


def scaled(value: float | YearMap, factor: float) -> float | YearMap:
    """A trajectory times a constant (a unit conversion), kept as a number or a year map."""
    return {y: v * factor for y, v in value.items()} if isinstance(value, dict) else value * factor


def over(value: float | YearMap, years: Iterable[int]) -> dict[int, float]:
    return {y: at(value, y) for y in years}


def first_year(value: float | YearMap) -> int | None:
    return min(value) if isinstance(value, dict) else None
