"""Levers bought off site: green electricity (certificates or PPAs) and carbon offsets.

Green electricity (block `green`): `mwh[s,y] >= 0`, `green_max: mwh[s,y] <= imported_mwh[s,y]` (a
certificate covers grid imports only), optional company-wide yearly cap `green_company_max`. It lowers
market-based Scope 2 and counts as renewable electricity. Cost: price x MWh.
Offsets (block `offsets`): `retired_t[o,y] >= 0`, capped by availability per year; eligible products count
toward net emissions; all products count toward the offsets policy limit. Cost: price x t.
Both are yearly purchases: a dispatch check leaves them out and applies the plan's quantities afterwards.
"""

from __future__ import annotations

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import at
from .context import Context
from .ledger import COMPANY, Ledger


def add_green(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    spec = data.scenario.green_electricity
    if spec is None or not ctx.allow_new:
        return
    sites = [s for s, sd in data.sites.items() if sd.site.green_electricity_allowed]
    years = [y for y in data.years if spec.earliest_year is None or y >= spec.earliest_year]
    if not sites or not years:
        return
    b = m.green = pyo.Block()
    b.mwh = pyo.Var(sites, years, domain=pyo.NonNegativeReals)
    b.green_max = pyo.Constraint(sites, years, rule=lambda b, s, y: b.mwh[s, y] <= m.grid.imported_mwh[s, y])
    if spec.max_mwh_per_year:
        b.green_company_max = pyo.Constraint(
            years, rule=lambda b, y: sum(b.mwh[s, y] for s in sites) <= spec.max_mwh_per_year
        )
    for s in sites:
        for y in years:
            ledger.green_mwh[(s, y)].append((1.0, b.mwh[s, y]))
            ledger.annual[("green_electricity", s, y)].append((at(spec.price_per_mwh, y), b.mwh[s, y]))


def add_offsets(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    products = data.scenario.offsets
    if not products or not ctx.allow_new:
        return
    b = m.offsets = pyo.Block()
    keys = [(o.id, y) for o in products for y in data.years if o.earliest_year is None or y >= o.earliest_year]
    spec = {o.id: o for o in products}

    def bounds(_: pyo.Block, oid: str, y: int) -> tuple[float, float | None]:
        cap = spec[oid].max_t_per_year
        return (0.0, None if cap is None else at(cap, y))

    b.retired_t = pyo.Var(keys, domain=pyo.NonNegativeReals, bounds=bounds)
    for oid, y in keys:
        o = spec[oid]
        ledger.offsets_t[(y, o.eligible_for_neutrality)].append((1.0, b.retired_t[oid, y]))
        ledger.annual[("offsets", COMPANY, y)].append((at(o.price_per_t, y), b.retired_t[oid, y]))
