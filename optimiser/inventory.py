"""Base-year carbon inventory (GB/T 32150 style): by site, scope and source, with activity data and factors.

It is the business-as-usual case of the base year: what the company emits before it acts.
"""

from __future__ import annotations

import pandas as pd

from .data import build_model_data
from .run import business_as_usual
from .scenario.schema import Scenario


def base_year_inventory(scenario: Scenario) -> pd.DataFrame:
    data = build_model_data(scenario)
    bau, _ = business_as_usual(data)
    inv = bau.emissions
    inv = inv[(inv["year"] == data.base_year) & (inv["scope"] != "offsets")].copy()
    return inv.reset_index(drop=True)
