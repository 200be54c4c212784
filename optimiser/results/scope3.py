"""Scope 3 rows of the emissions table: each site's entries, activity x factor, in every modelled year."""

from __future__ import annotations

import pandas as pd

from ..scenario.schema import Scenario
from ..scenario.trajectory import at

SCOPE = "scope3"
COLUMNS = ["year", "site", "scope", "source", "activity", "activity_unit", "factor_t_per_unit", "t"]


def scope3_rows(scenario: Scenario, years: list[int]) -> pd.DataFrame:
    """year, site, scope ("scope3"), source ("<category>:<id>"), activity, activity_unit, factor_t_per_unit, t."""
    rows = [
        (y, site.id, SCOPE, f"{e.category}:{e.id}", at(e.activity, y), e.unit, e.factor_t_per_unit, e.t(y))
        for site in scenario.sites
        for e in site.scope3
        for y in years
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def with_scope3(emissions: pd.DataFrame, scenario: Scenario, years: list[int]) -> pd.DataFrame:
    """The emissions table with the Scope 3 rows appended (the same in every case: they are constants)."""
    rows = scope3_rows(scenario, years)
    return emissions if rows.empty else pd.concat([emissions, rows], ignore_index=True)


def category(source: pd.Series) -> pd.Series:
    """The category of Scope 3 sources `<category>:<id>`."""
    return source.str.split(":", n=1).str[0]
