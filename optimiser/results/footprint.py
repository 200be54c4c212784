"""Emissions by site and the product carbon footprint: `intensity.csv`.

Per case, year and site: Scope 1, Scope 2 on the targets' basis, Scope 3 (all categories; the cradle-to-gate ones;
those the targets include), the gross emissions the targets see (Scope 1 + 2 + included Scope 3), and per unit:

| column | definition |
| --- | --- |
| `t_per_unit` | (Scope 1 + Scope 2) / production: gate-to-gate, the part the plant controls (a product footprint
never subtracts exported electricity, ISO 14067; `exported_t` holds the location-basis deduction the targets count) |
| `t_per_10k` | (Scope 1 + Scope 2) / output value (10,000 currency) |
| `cradle_to_gate_t_per_unit` | (Scope 1 + Scope 2 + cradle-to-gate Scope 3) / production (NaN without such entries) |
| `controlled_share` | (Scope 1 + Scope 2) / cradle-to-gate total |

A site without `production` has its emissions and empty per-unit columns; a year with no production, too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..scenario.products import denominator
from ..scenario.schema import Scenario
from ..scenario.scope3 import CRADLE_TO_GATE
from .scope3 import SCOPE, category

COLUMNS = [
    "case",
    "year",
    "site",
    "product",
    "unit",
    "production",
    "output_value_10k",
    "scope2_basis",
    "scope1_t",
    "scope2_t",
    "scope3_t",
    "scope3_cradle_to_gate_t",
    "scope3_included_t",
    "exported_t",
    "gross_t",
    "t_per_unit",
    "t_per_10k",
    "cradle_to_gate_t_per_unit",
    "controlled_share",
]


def site_totals(em: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """[case,] year, site, scope1_t, scope2_t (targets' basis), scope3_t, scope3_cradle_to_gate_t,
    scope3_included_t, gross_t from an emissions table (stacked with `case` or one case's), for every site."""
    em = em[em["site"].isin([s.id for s in scenario.sites])]  # not the company's rows (offsets retired)
    keys = [k for k in ("case", "year", "site") if k in em.columns]
    scope, cat = em["scope"], category(em["source"].astype(str))
    scope3 = scope == SCOPE
    export = em["source"] == "export:grid"
    scope2 = scope == f"scope2_{scenario.targets.basis}"
    parts = {
        "scope1_t": scope == "scope1",
        "scope2_t": scope2 & ~export,
        "exported_t": scope2 & export,
        "scope3_t": scope3,
        "scope3_cradle_to_gate_t": scope3 & cat.isin(CRADLE_TO_GATE),
        "scope3_included_t": scope3 & cat.isin(scenario.targets.scope3_included),
    }
    frame = em[keys].copy()
    for name, mask in parts.items():
        frame[name] = em["t"].where(mask, 0.0).astype(float)
    out = frame.groupby(keys, as_index=False, sort=False).sum()
    out["gross_t"] = out["scope1_t"] + out["scope2_t"] + out["exported_t"] + out["scope3_included_t"]
    return out


def site_gross(em: pd.DataFrame, scenario: Scenario, year: int | None = None) -> dict[tuple[str, int], float]:
    """Gross emissions as the targets see them, by (site, year), from one case's emissions table."""
    totals = site_totals(em, scenario)
    if year is not None:
        totals = totals[totals["year"] == year]
    return {(str(r.site), int(r.year)): float(r.gross_t) for r in totals.itertuples(index=False)}


def intensity_table(scenario: Scenario, emissions: pd.DataFrame) -> pd.DataFrame:
    """intensity.csv from the stacked emissions table (see the module docstring)."""
    out = site_totals(emissions, scenario)
    sites = {s.id: s for s in scenario.sites}
    made = [sites[s].production for s in out["site"]]
    out["product"] = [p.product if p else "" for p in made]
    out["unit"] = [p.unit if p else "" for p in made]
    out["production"] = [denominator(sites[s], "product", y) if p else np.nan for s, y, p in _each(out, made)]
    out["output_value_10k"] = [
        denominator(sites[s], "output_value", y) if p and p.output_value_10k is not None else np.nan
        for s, y, p in _each(out, made)
    ]
    out["scope2_basis"] = scenario.targets.basis
    controlled = out["scope1_t"] + out["scope2_t"]
    cradle = controlled + out["scope3_cradle_to_gate_t"]
    has_upstream = out["scope3_cradle_to_gate_t"] > 0
    out["t_per_unit"] = controlled / out["production"].where(out["production"] > 0)
    out["t_per_10k"] = controlled / out["output_value_10k"].where(out["output_value_10k"] > 0)
    out["cradle_to_gate_t_per_unit"] = (cradle / out["production"].where(out["production"] > 0)).where(has_upstream)
    out["controlled_share"] = (controlled / cradle.where(cradle > 0)).where(has_upstream)
    return out[COLUMNS].sort_values(["case", "year", "site"], kind="stable", ignore_index=True)


def _each(out: pd.DataFrame, made: list) -> zip:
    return zip(out["site"], out["year"], made, strict=True)
