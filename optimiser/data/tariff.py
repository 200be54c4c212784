"""Time-of-use prices by hour of day for each modelled year, currency per kWh."""

from __future__ import annotations

import numpy as np

from ..scenario.site import Tariff, TouPeriod
from ..scenario.trajectory import at


def hourly_price_per_kwh(tariff: Tariff, year: int, first_year: int) -> np.ndarray:
    period_of_hour: list[TouPeriod] = ["flat"] * 24
    for period, hours in tariff.period_hours.items():
        for h in hours:
            period_of_hour[h] = period
    escalation = (1.0 + tariff.escalation_per_year) ** (year - first_year)
    return np.array([at(tariff.price_per_mwh[p], year) for p in period_of_hour]) * escalation / 1000.0


def period_names(tariff: Tariff) -> list[str]:
    names = ["flat"] * 24
    for period, hours in tariff.period_hours.items():
        for h in hours:
            names[h] = period
    return names
