"""Every target recomputed from yearly quantities alone (no model): what the results tables say, or what a
full-year dispatch check found. A shortfall > 0 means the target does not hold there.

The rules are those of model/targets.py, written on numbers instead of variables.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..scenario.schema import Scenario
from ..scenario.trajectory import at, first_year

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


def check_targets(scenario: Scenario, q: Yearly, years: list[int] | None = None) -> pd.DataFrame:
    """One row per target constraint; `years` limits the check to rows whose years are all among them."""
    t = scenario.targets
    ys = sorted(q.gross_t)
    rows: list[tuple] = []
    if t.peak:
        yp = t.peak.year
        rows.append(("peak_level_target", "", yp, q.gross_t[yp], q.no_target_t[yp], "t", (yp,)))
        for i, y in enumerate(ys):
            if y > yp:
                rows.append(("peak_target", y, y, q.gross_t[y], q.gross_t[yp], "t", (y, yp)))
                prev = ys[i - 1]
                if t.peak.non_increasing_after and prev > yp:
                    rows.append(("peak_non_increasing_target", y, y, q.gross_t[y], q.gross_t[prev], "t", (y, prev)))
    for i, r in enumerate(t.reductions):
        rows.append(("reduction_target", i, r.year, q.gross_t[r.year], (1 - r.vs_base) * q.base_t, "t", (r.year,)))
    if t.neutrality:
        rows += [("neutrality_target", y, y, q.net_t[y], 0.0, "t", (y,)) for y in ys if y >= t.neutrality.year]
    if t.caps_t is not None:
        start = first_year(t.caps_t) or ys[0]
        rows += [("cap_target", y, y, q.gross_t[y], at(t.caps_t, y), "t", (y,)) for y in ys if y >= start]
    if t.budget:
        first, last = t.budget.from_year or ys[0], t.budget.to_year or ys[-1] + q.weight[ys[-1]] - 1
        counted = {y: len(set(range(y, y + q.weight[y])) & set(range(first, last + 1))) for y in ys}
        value = sum(n * q.gross_t[y] for y, n in counted.items())
        rows.append(("budget_target", "", last, value, t.budget.max_t, "t", tuple(y for y, n in counted.items() if n)))
    if t.renewable_share:
        start = first_year(t.renewable_share.min_share) or ys[0]
        for y in ys:
            if y >= start:
                need = at(t.renewable_share.min_share, y) * q.consumption_mwh[y]
                rows.append(("renewable_share_target", y, y, need, q.renewable_mwh[y], "MWh", (y,)))
    if t.offsets:
        cap = t.offsets.max_share_of_base * q.base_t
        rows += [("offsets_policy_target", y, y, q.offsets_t[y], cap, "t", (y,)) for y in ys]
    if t.capex_budget is not None:
        start = first_year(t.capex_budget) or ys[0]
        rows += [
            ("capex_budget_target", y, y, q.capex.get(y, 0.0), at(t.capex_budget, y), scenario.currency, (y,))
            for y in ys
            if y >= start
        ]
    keep = [r for r in rows if years is None or set(r[6]) <= set(years)]
    out = [(name, idx, y, value, bound, max(0.0, value - bound), unit) for name, idx, y, value, bound, unit, _ in keep]
    return pd.DataFrame(out, columns=COLUMNS)


def weights_of(years: list[int]) -> dict[int, int]:
    """Calendar years each modelled year stands for within the horizon (the last one stands for itself)."""
    return {y: (years[i + 1] - y if i + 1 < len(years) else 1) for i, y in enumerate(years)}


def yearly_from_tables(tables: dict[str, pd.DataFrame], summary: dict) -> Yearly:
    """The yearly totals the targets see, from a run's CSV tables and summary only."""
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
        base_t=float(summary["base_year_t"]),
        no_target_t={int(y): float(v) for y, v in no_target.items()},
    )
