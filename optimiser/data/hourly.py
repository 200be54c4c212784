"""Hourly series for one calendar year (8760 h, local standard time): reading CSVs and generating shapes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ScenarioError
from ..scenario.site import ShiftPattern
from .csvfile import read_value_column

HOURS_PER_YEAR = 8760
REFERENCE_YEAR = 2023  # a non-leap year; weekdays and the solar calendar follow it
LEAP_HOURS = HOURS_PER_YEAR + 24
QUARTER_HOURS_PER_YEAR = 4 * HOURS_PER_YEAR
ACCEPTED_ROWS = (HOURS_PER_YEAR, LEAP_HOURS, QUARTER_HOURS_PER_YEAR, 4 * LEAP_HOURS)
FEB_29_FIRST_HOUR = (31 + 28) * 24  # 0-based hour of a leap year where 29 February begins


def year_index() -> pd.DatetimeIndex:
    return pd.date_range(f"{REFERENCE_YEAR}-01-01", periods=HOURS_PER_YEAR, freq="h")


def read_hourly_csv(path: str, field: str) -> np.ndarray:
    """One numeric column of hourly values for a year, as 8760 values (see csvfile.py for what is read).

    Accepted lengths: 8760 (hourly); 8784 (hourly, a leap year: 29 February, data rows 1417-1440, is dropped so
    that weekdays and seasons keep their place); 35040 and 35136 (15-minute values, read as power in kW or kW per
    kW: the four quarter-hours of an hour are averaged, giving the hourly mean power; a profile's shape is what
    most fields use, and for the wind profile the mean is the right kW per kW; then 29 February is dropped if
    present). Anything else is refused, naming the count found and the counts accepted.
    """
    values, cells = read_value_column(path, field)
    if len(values) not in ACCEPTED_ROWS:
        hint = (
            f"; if the first line ({cells[0]!r}) is a header, name it with a word"
            if len(values) - 1 in ACCEPTED_ROWS
            else ""
        )
        raise ScenarioError(
            path,
            field,
            f"expected {HOURS_PER_YEAR} hourly rows, found {len(values)}; accepted: 8760 or 8784 hourly "
            f"(leap year, 29 February dropped), 35040 or 35136 quarter-hourly (averaged to hours){hint}",
        )
    if not np.isfinite(values).all():
        bad = int(np.flatnonzero(~np.isfinite(values))[0])
        found = f"non-numeric value {cells[bad]!r}" if cells[bad] else "an empty cell (a gap)"
        raise ScenarioError(path, field, f"gap or non-numeric value at data row {bad + 1}: {found}")
    if (values < 0).any():
        raise ScenarioError(path, field, f"negative value at data row {int(np.argmax(values < 0)) + 1}")
    if len(values) in (QUARTER_HOURS_PER_YEAR, 4 * LEAP_HOURS):
        values = values.reshape(-1, 4).mean(axis=1)
    if len(values) == LEAP_HOURS:
        values = np.delete(values, np.s_[FEB_29_FIRST_HOUR : FEB_29_FIRST_HOUR + 24])
    return values


def shift_pattern(p: ShiftPattern) -> np.ndarray:
    """Load shape from a shift pattern (see ShiftPattern); mean 1."""
    idx = year_index()
    hour, weekday = idx.hour.to_numpy(), idx.dayofweek.to_numpy()
    start, end = p.first_shift_start_hour, p.first_shift_start_hour + 8 * p.shifts
    in_shift = ((hour - start) % 24) < (end - start)
    working = weekday < p.working_days_per_week
    level = np.where(in_shift & working, 1.0, p.idle_share)
    day_of_year = idx.dayofyear.to_numpy()
    seasonal = 1.0 + p.summer_uplift_share * np.maximum(0.0, np.cos(2 * np.pi * (day_of_year - 205) / 365)) ** 2
    shape = level * seasonal
    return shape / shape.mean()


def normalise_mean(values: np.ndarray) -> np.ndarray:
    mean = values.mean()
    return values / mean if mean > 0 else np.zeros_like(values)
