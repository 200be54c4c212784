"""Writes wind-jiangsu-coast.csv: a synthetic hourly output profile of one kW of a 2-3 MW class onshore turbine on
the Jiangsu coast (kW per kW installed, 8760 rows, 2023 calendar), for the wind example scenario.

Method (no measured series is shipped; replace the CSV with a turbine's power curve applied to measured or
reanalysis hub-height wind speeds for a real plan):
- hourly wind speed at 100 m: Weibull with shape k = 2.0 and a mean of 6.0 m/s (A: coastal Jiangsu, order of
  magnitude of published wind atlases), persistence from an AR(1) process (lag-1 correlation 0.95) mapped to the
  Weibull through its quantiles, a seasonal swing of +-12 % (windier in winter and spring) and a diurnal swing of
  +-8 % (windier at night); seed 2023;
- generic power curve: cut-in 3 m/s, rated 11 m/s, cut-out 25 m/s, cubic between cut-in and rated; 8 % losses
  (wake, availability, electrical).
Capacity factor of the result: 0.252, i.e. 2,205 full-load hours (E: Jiangsu onshore 2,000-2,400 h).

    python scenarios/data/wind_profile.py
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from scipy import stats

HOURS = 8760


def speeds(seed: int = 2023) -> np.ndarray:
    rng = np.random.default_rng(seed)
    z = np.empty(HOURS)
    z[0] = rng.standard_normal()
    for t in range(1, HOURS):
        z[t] = 0.95 * z[t - 1] + np.sqrt(1 - 0.95**2) * rng.standard_normal()
    k, mean = 2.0, 6.0
    scale = mean / math.gamma(1 + 1 / k)  # a Weibull's mean is scale x gamma(1 + 1/k)
    u = stats.weibull_min.ppf(stats.norm.cdf(z), k, scale=scale)
    hour = np.arange(HOURS)
    season = 1 + 0.12 * np.cos(2 * np.pi * (hour / HOURS - 0.05))
    diurnal = 1 + 0.08 * np.cos(2 * np.pi * ((hour % 24) - 2) / 24)
    return u * season * diurnal


def power_per_kw(u: np.ndarray) -> np.ndarray:
    cut_in, rated, cut_out = 3.0, 11.0, 25.0
    p = np.clip((u**3 - cut_in**3) / (rated**3 - cut_in**3), 0.0, 1.0)
    p[(u < cut_in) | (u >= cut_out)] = 0.0
    return 0.92 * p


def main() -> None:
    p = power_per_kw(speeds())
    out = Path(__file__).with_name("wind-jiangsu-coast.csv")
    out.write_text("kw_per_kw\n" + "\n".join(f"{v:.4f}" for v in p) + "\n")
    print(f"{out}: capacity factor {p.mean():.3f}, {p.sum():,.0f} full-load hours")


if __name__ == "__main__":
    main()
