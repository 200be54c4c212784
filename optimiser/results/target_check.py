"""Every target recomputed from yearly quantities alone (no model): what the results tables say, or what a
full-year dispatch check found. A shortfall > 0 means the target does not hold there.

The rules are each target kind's own (optimiser/targets/), written on numbers instead of variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..scenario.schema import Scenario
from ..targets import active

COLUMNS = ["target", "index", "year", "value", "bound", "shortfall", "unit"]


@dataclass
class Yearly:
    """Company totals by modelled year."""

    gross_t: dict[int, float]
    net_t: dict[int, float]
    renewable_mwh: dict[int, float]
    consumption_mwh: dict[int, float]
    offsets_t: dict[int, float]  # all products retired
    capex: dict[int, float]  # cash paid for builds
    weight: dict[int, int]  # calendar years each modelled year stands for
    base_t: float
    no_target_t: dict[int, float]  # higher of business as usual and economics-only gross
    site_gross_t: dict[tuple[str, int], float] = field(default_factory=dict)  # the plan's, by (site, year)
    bau_site_gross_t: dict[tuple[str, int], float] = field(default_factory=dict)  # business as usual's


def check_targets(scenario: Scenario, q: Yearly, years: list[int] | None = None) -> pd.DataFrame:
    """One row per target constraint (each kind's `check`, optimiser/targets/); `years` limits the check to rows
    whose years are all among them."""
    rows = [row for kind, spec in active(scenario) for row in kind.check(scenario, q, spec)]
    keep = [r for r in rows if years is None or set(r.years) <= set(years)]
    out = [(r.component, r.index, r.year, r.value, r.bound, max(0.0, r.value - r.bound), r.unit) for r in keep]
    return pd.DataFrame(out, columns=COLUMNS)


def weights_of(years: list[int]) -> dict[int, int]:
    """Calendar years each modelled year stands for within the horizon (the last one stands for itself)."""
    return {y: (years[i + 1] - y if i + 1 < len(years) else 1) for i, y in enumerate(years)}


def yearly_from_tables(tables: dict[str, pd.DataFrame], base_t: float) -> Yearly:
    """The yearly totals the targets see, from a run's CSV tables and the base-year emissions relative targets
    refer to (`base_t`, t CO2e: summary.json's `base_year_t`) only."""
    path = tables["pathway"]
    plan = path[path["case"] == "plan"].set_index("year")
    no_target = path[path["case"].isin(["bau", "economics"])].groupby("year")["gross_t"].max()
    share = tables["renewable_share"].set_index("year")
    em = tables["emissions"]
    offsets = em[(em["case"] == "plan") & (em["scope"] == "offsets")].groupby("year")["t"].sum()
    capex = tables["capex"].groupby("year")["capex"].sum() if not tables["capex"].empty else pd.Series(dtype=float)
    years = [int(y) for y in plan.index]
    return Yearly(
        gross_t={y: float(plan.loc[y, "gross_t"]) for y in years},
        net_t={y: float(plan.loc[y, "net_t"]) for y in years},
        renewable_mwh={y: float(share.loc[y, "renewable_mwh"]) for y in years},
        consumption_mwh={y: float(share.loc[y, "consumption_mwh"]) for y in years},
        offsets_t={y: -float(offsets.get(y, 0.0)) for y in years},
        capex={int(y): float(v) for y, v in capex.items()},
        weight=weights_of(years),
        base_t=base_t,
        no_target_t={int(y): float(v) for y, v in no_target.items()},
        site_gross_t=_site_gross(tables["intensity"], "plan"),
        bau_site_gross_t=_site_gross(tables["intensity"], "bau"),
    )


def _site_gross(intensity: pd.DataFrame, case: str) -> dict[tuple[str, int], float]:
    """Gross emissions as the targets see them, by (site, year), from intensity.csv."""
    rows = intensity[intensity["case"] == case]
    return {(str(r.site), int(r.year)): float(r.gross_t) for r in rows.itertuples(index=False)}
