"""PV output per kWp, hourly, from pvlib or from a user's CSV, scaled to the site's specific yield."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pvlib

from ..scenario.levers import PVProfile
from ..scenario.site import Location
from .hourly import HOURS_PER_YEAR, REFERENCE_YEAR, read_hourly_csv

CLEARNESS_BETA = (3.0, 1.6)  # daily clearness draw, mean ~0.65: humid subtropical East China


def pv_kw_per_kwp(profile: PVProfile, location: Location, field: str) -> np.ndarray:
    """Hourly AC output of one kWp, kW; never above 1, summing to the specific yield."""
    raw = read_hourly_csv(profile.csv, f"{field}.csv") if profile.csv else _pvlib_shape(profile, location)
    return scale_to_yield(raw, profile.specific_yield_kwh_per_kwp)


def scale_to_yield(raw: np.ndarray, yield_kwh_per_kwp: float) -> np.ndarray:
    """Scale to the yield; hours that would exceed 1 kW/kWp are clipped and the rest scaled up to match."""
    out = raw.astype(float).copy()
    for _ in range(20):
        total = out.sum()
        if total <= 0:
            return out
        out = np.minimum(out * yield_kwh_per_kwp / total, 1.0)
        if abs(out.sum() - yield_kwh_per_kwp) < 1e-6 * yield_kwh_per_kwp:
            break
    return out


def _pvlib_shape(profile: PVProfile, location: Location) -> np.ndarray:
    tz = f"Etc/GMT{-location.utc_offset_hours:+d}"
    # solar position at mid-hour represents the hour's energy better than its start
    times = pd.date_range(f"{REFERENCE_YEAR}-01-01 00:30", periods=HOURS_PER_YEAR, freq="h", tz=tz)
    site = pvlib.location.Location(location.latitude, location.longitude, tz=tz)
    clear = site.get_clearsky(times, model="ineichen")
    sun = site.get_solarposition(times)
    poa = (
        pvlib.irradiance.get_total_irradiance(
            profile.tilt_deg,
            profile.azimuth_deg,
            sun["apparent_zenith"],
            sun["azimuth"],
            clear["dni"],
            clear["ghi"],
            clear["dhi"],
        )["poa_global"]
        .fillna(0.0)
        .to_numpy()
    )
    rng = np.random.default_rng(profile.weather_seed)
    daily = rng.beta(*CLEARNESS_BETA, size=HOURS_PER_YEAR // 24)
    return np.clip(poa, 0.0, None) * np.repeat(daily, 24)
