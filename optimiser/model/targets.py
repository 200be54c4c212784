"""Targets, each a named constraint family on the company totals (see emissions).

| constraint | rule |
| --- | --- |
| `peak_level_target` | `gross[y_peak] <= P`, P = the higher of business-as-usual and economics-only gross in y_peak |
| `peak_target[y]` | `gross[y] <= gross[y_peak]` for y > y_peak |
| `peak_non_increasing_target[y]` | `gross[y] <= gross[y-1]` for y > y_peak (default on: peak, then decline) |
| `reduction_target[i]` | `gross[y_i] <= (1 - cut_i) E_base` |
| `neutrality_target[y]` | `net[y] <= 0` for y >= y_neutral |
| `cap_target[y]` | `gross[y] <= cap[y]` from the cap's first year |
| `budget_target` | `sum_y n_y gross[y] <= budget`, n_y = calendar years of y inside the budget |
| `renewable_share_target[y]` | `renewable[y] >= share[y] x consumption[y]` (see below) |
| `offsets_policy_target[y]` | `all offsets[y] <= share x E_base` |
| `capex_budget_target[y]` | capex paid in y <= budget[y] |
`E_base` is the business-as-usual gross emissions of the base year (or `targets.base_year_t`).

Peak semantics: a company peaks when its emissions stop rising. The peak year's level may not exceed what that
year would emit without any target (P), so a plan can never meet a peak by emitting more (wasting energy to
raise the peak year, the "climbing to a high peak" that policy forbids); every later year stays at or below
the peak year's level and, by default, at or below the year before it.

Renewable share: `renewable = on-site renewable electricity used on site - electricity lost in storage +
certified green electricity`; `consumption = grid imports + on-site renewable used - storage losses`, plus
fuel use (MWh) on the energy basis. Storage losses are consumption that is not renewable (charged to the
renewable side, conservatively), so cycling energy through a battery never raises the share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import at, first_year
from .ledger import Ledger, Terms, lin


@dataclass(frozen=True)
class Reference:
    """What targets are measured against, from the runs without targets."""

    base_t: float = 0.0  # base-year emissions: business as usual, or targets.base_year_t
    no_target_t: dict[int, float] = field(default_factory=dict)  # higher of BAU and economics-only gross, by year


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference) -> None:
    t = data.scenario.targets
    years = data.years
    gross, net = m.emissions.gross_t, m.emissions.net_t
    base_t = ref.base_t
    if t.peak:
        yp = t.peak.year
        later = [y for y in years if y > yp]
        m.peak_level_target = pyo.Constraint(expr=gross[yp] <= ref.no_target_t[yp])
        m.peak_target = pyo.Constraint(later, rule=lambda _, y: gross[y] <= gross[yp])
        if t.peak.non_increasing_after:
            prev = {y: years[i - 1] for i, y in enumerate(years) if i}
            m.peak_non_increasing_target = pyo.Constraint(
                [y for y in later if prev[y] > yp], rule=lambda _, y: gross[y] <= gross[prev[y]]
            )
    m.reduction_target = pyo.Constraint(
        range(len(t.reductions)),
        rule=lambda _, i: gross[t.reductions[i].year] <= (1.0 - t.reductions[i].vs_base) * base_t,
    )
    if t.neutrality:
        m.neutrality_target = pyo.Constraint(
            [y for y in years if y >= t.neutrality.year], rule=lambda _, y: net[y] <= 0.0
        )
    if t.caps_t is not None:
        start = first_year(t.caps_t) or years[0]
        m.cap_target = pyo.Constraint([y for y in years if y >= start], rule=lambda _, y: gross[y] <= at(t.caps_t, y))
    if t.budget:
        first, last = t.budget.from_year or years[0], t.budget.to_year or data.last_calendar_year
        # a modelled year stands for calendar years [y, y + weight); only those inside the budget count
        counted = {y: len(set(range(y, y + data.weight[y])) & set(range(first, last + 1))) for y in years}
        m.budget_target = pyo.Constraint(expr=lin([(n, gross[y]) for y, n in counted.items() if n]) <= t.budget.max_t)
    if t.renewable_share:
        _renewable_share(m, data, ledger)
    if t.offsets:
        cap = t.offsets.max_share_of_base * base_t
        m.offsets_policy_target = pyo.Constraint(
            years,
            rule=lambda _, y: lin(ledger.offsets_t.get((y, True), []) + ledger.offsets_t.get((y, False), [])) <= cap,
        )
    if t.capex_budget is not None:
        start = first_year(t.capex_budget) or years[0]
        m.capex_budget_target = pyo.Constraint(
            [y for y in years if y >= start],
            rule=lambda _, y: (
                lin([term for (cat, _s, yy), terms in ledger.capex.items() if yy == y for term in terms])
                <= at(t.capex_budget, y)
            ),
        )


def renewable_terms(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, y: int) -> tuple[Terms, Terms]:
    """(renewable, consumption) of the company in year y as linear terms, in MWh, on the target's basis."""
    rs = data.scenario.targets.renewable_share
    energy_basis = rs is not None and rs.basis == "energy"
    renewable: Terms = []
    consumed: Terms = []
    for s, sd in data.sites.items():
        onsite = ledger.onsite_re_mwh.get((s, y), [])
        losses = [(-c, v) for c, v in ledger.losses_mwh.get((s, y), [])]
        renewable += onsite + losses + ledger.green_mwh.get((s, y), [])
        consumed += [*onsite, *losses, (1.0, m.grid.imported_mwh[s, y])]
        if energy_basis:
            consumed += [(1.0, m.emissions.fuel_mwh[s, f, y]) for f in sd.fuel_mwh]
    return renewable, consumed


def _renewable_share(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger) -> None:
    rs = data.scenario.targets.renewable_share
    assert rs is not None
    start = first_year(rs.min_share) or data.years[0]

    def rule(_: pyo.Model, y: int) -> pyo.Expression:
        share = at(rs.min_share, y)
        renewable, consumed = renewable_terms(m, data, ledger, y)
        return lin(renewable + [(-share * c, v) for c, v in consumed]) >= 0.0

    m.renewable_share_target = pyo.Constraint([y for y in data.years if y >= start], rule=rule)


TARGET_COMPONENTS = (
    "peak_level_target",
    "peak_target",
    "peak_non_increasing_target",
    "reduction_target",
    "neutrality_target",
    "cap_target",
    "budget_target",
    "renewable_share_target",
    "offsets_policy_target",
    "capex_budget_target",
)
