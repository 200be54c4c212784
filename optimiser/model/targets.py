"""Targets, each a named constraint family on the company totals (see emissions); each kind is declared in
its own module of optimiser/targets/, which this module runs.

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
| `intensity_target[i, y]` | `sum_{s in S_i} gross_s[y] <= bound_i x sum_{s in S_i} production_s[y]` |
`E_base` is the business-as-usual gross emissions of the base year (or `targets.base_year_t`).

Peak semantics: a company peaks when its emissions stop rising. The peak year's level may not exceed what that
year would emit without any target (P), so a plan can never meet a peak by emitting more (wasting energy to
raise the peak year, the "climbing to a high peak" that policy forbids); every later year stays at or below
the peak year's level and, by default, at or below the year before it.

Renewable share: `renewable = on-site renewable electricity used on site - electricity lost in storage +
certified green electricity`; `consumption = grid imports + on-site renewable used - storage losses`, plus
fuel use (MWh) on the energy basis, where biomass counts as renewable. Storage losses are consumption that is not
renewable (charged to the renewable side, conservatively), so cycling energy through a battery never raises the share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyomo.environ as pyo

from .. import claims
from ..data import ModelData
from ..targets import COMPONENTS, active
from .ledger import Ledger, Terms


@dataclass(frozen=True)
class Reference:
    """What targets are measured against, from the runs without targets."""

    base_t: float = 0.0  # base-year emissions: business as usual, or targets.base_year_t
    no_target_t: dict[int, float] = field(default_factory=dict)  # higher of BAU and economics-only gross, by year
    base_site_t: dict[str, float] = field(default_factory=dict)  # business as usual's base-year gross by site
    claims_base_t: float = 0.0  # base-year Scope 1+2 as claims count it (no Scope 3, no export deduction)


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference) -> None:
    """Every target kind the scenario sets (optimiser/targets/) adds its constraints, then every claim in mode
    `constraint` (optimiser/claims/)."""
    for kind, spec in active(data.scenario):
        kind.add(m, data, ledger, ref, spec)
    claims.add(m, data, ledger, ref.claims_base_t)  # the claims the plan must support (optimiser/claims/)


def renewable_terms(
    m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, y: int, basis: str | None = None
) -> tuple[Terms, Terms]:
    """(renewable, consumption) of the company in year y as linear terms, in MWh, on `basis` ("electricity" or
    "energy"; default the renewable-share target's basis)."""
    rs = data.scenario.targets.renewable_share
    energy_basis = basis == "energy" if basis is not None else rs is not None and rs.basis == "energy"
    renewable: Terms = []
    consumed: Terms = []
    for s, sd in data.sites.items():
        onsite = ledger.onsite_re_mwh.get((s, y), [])
        losses = [(-c, v) for c, v in ledger.losses_mwh.get((s, y), [])]
        renewable += onsite + losses + ledger.green_mwh.get((s, y), [])
        consumed += [*onsite, *losses, (1.0, m.grid.imported_mwh[s, y])]
        if energy_basis:
            consumed += [(1.0, m.emissions.fuel_mwh[s, f, y]) for f in sd.fuel_mwh]
            renewable += [
                (1.0, m.emissions.fuel_mwh[s, f, y]) for f in sd.fuel_mwh if sd.fuels[f].factors.kind == "biomass"
            ]
    return renewable, consumed


TARGET_COMPONENTS = tuple(COMPONENTS)  # every constraint family a target kind declares
