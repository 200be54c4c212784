"""Hourly series for one calendar year (8760 h, local standard time): reading CSVs and generating shapes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ScenarioError
from ..scenario.site import ShiftPattern

HOURS_PER_YEAR = 8760
REFERENCE_YEAR = 2023  # a non-leap year; weekdays and the solar calendar follow it


def year_index() -> pd.DatetimeIndex:
    return pd.date_range(f"{REFERENCE_YEAR}-01-01", periods=HOURS_PER_YEAR, freq="h")


def read_hourly_csv(path: str, field: str) -> np.ndarray:
    """One numeric column of 8760 hourly values (a header row and an index column are allowed)."""
    p = Path(path)
    if not p.exists():
        raise ScenarioError(path, field, "data file not found")
    try:
        frame = pd.read_csv(p, skip_blank_lines=False, dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas raises many kinds on bad files; the message is what matters
        raise ScenarioError(path, field, f"cannot read CSV: {exc}") from None
    if frame.shape[1] == 0:
        raise ScenarioError(path, field, "expected a column of 8760 hourly values, found no columns")
    raw = frame.iloc[:, -1]  # the last column holds the values; earlier ones may be an index or time stamps
    if len(raw) != HOURS_PER_YEAR:
        raise ScenarioError(path, field, f"expected {HOURS_PER_YEAR} hourly rows, found {len(raw)}")
    values = pd.to_numeric(raw.str.strip(), errors="coerce").to_numpy(dtype=float)
    if not np.isfinite(values).all():
        bad = int(np.flatnonzero(~np.isfinite(values))[0])
        cell = raw.iloc[bad].strip()
        found = f"non-numeric value {cell!r}" if cell else "an empty cell (a gap)"
        raise ScenarioError(path, field, f"gap or non-numeric value at data row {bad + 1}: {found}")
    if (values < 0).any():
        raise ScenarioError(path, field, f"negative value at data row {int(np.argmax(values < 0)) + 1}")
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
