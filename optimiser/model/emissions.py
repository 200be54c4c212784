"""Emissions accounting (t CO2e) per site and year, the company totals targets are set on, and fuel bills.

| variable | definition |
| --- | --- |
| `fuel_mwh[s,f,y]` | baseline use outside the modelled boilers + boiler fuel (heat.py) + ledger changes, >= 0 |
| `process_t[s,y]` | baseline process emissions + ledger changes, never below zero |
| `scope1_t[s,y]` | `sum_f ef_f[y] fuel_mwh + process_t` over fuels burnt on site (CO2e; biomass: CH4, N2O only) |
| `scope2_heat_t[s,y]` | `sum_f ef_f[y] fuel_mwh` over purchased heat and steam (Scope 2 on either basis) |
| `scope2_location_t[s,y]` | `sum_dh w_d ef_grid[y] shape[d,h] import_kw / 1000` |
| `scope2_market_t[s,y]` | `ef_market[y] (imported_mwh - green_mwh)` |
| `exported_t[s,y]` | `sum_dh w_d ef_grid[y] shape[d,h] export_kw / 1000`: deducted on the location basis (GB/T 32150) |
| `gross_t[y]` | `sum_s scope1 + scope2 + scope2_heat - exported` on the targets' basis, + `targets.scope3_included` |
| `net_t[y]` | `gross_t - eligible offsets` |
When retrofit savings could exceed a baseline, fuel use is `>=` baseline - savings (and >= 0), kept tight by
its price; otherwise it is an exact equality.
"""

from __future__ import annotations

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.scope3 import included_t
from ..scenario.trajectory import at
from .ledger import Ledger, lin


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger) -> None:
    b = m.emissions = pyo.Block()
    years, sites = data.years, list(data.sites)
    fuel_keys = [(s, f, y) for s, sd in data.sites.items() for f in sd.fuel_mwh for y in years]
    site_years = [(s, y) for s in sites for y in years]
    b.fuel_mwh = pyo.Var(fuel_keys, domain=pyo.NonNegativeReals)

    def fuel_def(b: pyo.Block, s: str, f: str, y: int) -> pyo.Expression:
        sd = data.sites[s]
        return baseline_row(b.fuel_mwh[s, f, y], ledger.fuel_mwh.get((s, f, y), []), sd.direct_fuel_mwh[f][y])

    b.fuel_mwh_def = pyo.Constraint(fuel_keys, rule=fuel_def)
    for s, f, y in fuel_keys:
        price = data.sites[s].fuel_price_per_mwh[f][y]
        if price > 0:
            ledger.annual[("fuel", s, y)].append((price, b.fuel_mwh[s, f, y]))
    b.process_t = pyo.Var(site_years, domain=pyo.NonNegativeReals)

    def process_def(b: pyo.Block, s: str, y: int) -> pyo.Expression:
        return baseline_row(b.process_t[s, y], ledger.process_t.get((s, y), []), data.sites[s].process_t[y])

    b.process_t_def = pyo.Constraint(site_years, rule=process_def)

    def fuel_terms(s: str, y: int, scope: str) -> list:
        fuels = data.sites[s].fuels
        return [(fuels[f].counted_t_per_mwh[y], b.fuel_mwh[s, f, y]) for f in fuels if fuels[f].scope == scope]

    b.scope1_t = pyo.Var(site_years, domain=pyo.NonNegativeReals)
    b.scope1_t_def = pyo.Constraint(
        site_years,
        rule=lambda b, s, y: b.scope1_t[s, y] == lin([*fuel_terms(s, y, "scope1"), (1.0, b.process_t[s, y])]),
    )
    b.scope2_heat_t = pyo.Var(site_years, domain=pyo.NonNegativeReals)
    b.scope2_heat_t_def = pyo.Constraint(
        site_years, rule=lambda b, s, y: b.scope2_heat_t[s, y] == lin(fuel_terms(s, y, "scope2"))
    )
    b.scope2_location_t = pyo.Var(site_years, domain=pyo.NonNegativeReals)

    def location_def(b: pyo.Block, s: str, y: int) -> pyo.Expression:
        return b.scope2_location_t[s, y] == lin(_hourly_t(data, s, y, m.grid.import_kw))

    b.scope2_location_t_def = pyo.Constraint(site_years, rule=location_def)
    b.scope2_market_t = pyo.Var(site_years, domain=pyo.NonNegativeReals)
    b.scope2_market_t_def = pyo.Constraint(
        site_years,
        rule=lambda b, s, y: (
            b.scope2_market_t[s, y]
            == lin(
                [(data.grid_market_ef[y], m.grid.imported_mwh[s, y])]
                + [(-data.grid_market_ef[y] * c, v) for c, v in ledger.green_mwh.get((s, y), ())]
            )
        ),
    )
    exporting = list(m.grid.exported_mwh.keys())  # only sites that may export have the variable
    b.exported_t = pyo.Var(exporting, domain=pyo.NonNegativeReals)
    # at the hourly factor, like the imports: exports in low-carbon hours must not earn the yearly mean
    b.exported_t_def = pyo.Constraint(
        exporting, rule=lambda b, s, y: b.exported_t[s, y] == lin(_hourly_t(data, s, y, m.grid.export_kw))
    )

    def gross_def(b: pyo.Block, y: int) -> pyo.Expression:
        terms = [term for s in sites for term in site_gross_terms(m, data, s, y)]
        return b.gross_t[y] == lin(terms, sum(included_t(data.scenario, s, y) for s in sites))

    b.gross_t = pyo.Var(years, domain=pyo.Reals if deducts_exports(data) else pyo.NonNegativeReals)
    b.gross_t_def = pyo.Constraint(years, rule=gross_def)
    b.net_t = pyo.Var(years, domain=pyo.Reals)
    b.net_t_def = pyo.Constraint(
        years,
        rule=lambda b, y: (
            b.net_t[y] == lin([(1.0, b.gross_t[y])] + [(-c, v) for c, v in ledger.offsets_t.get((y, True), ())])
        ),
    )
    _carbon_price(b, data, ledger, grid_scope2(m, data))


def _hourly_t(data: ModelData, s: str, y: int, flow_kw: pyo.Var) -> list[tuple[float, pyo.Var]]:
    """t CO2 of an hourly grid flow (imports, exports) over the year at the location factor x its hourly shape."""
    sd = data.sites[s]
    w, shape, ef = sd.weights, sd.shape("grid"), data.grid_ef[y] / 1000.0
    return [(w[d] * ef * shape[d, h], flow_kw[s, y, d, h]) for d in range(len(w)) for h in range(24)]


def grid_scope2(m: pyo.ConcreteModel, data: ModelData) -> pyo.Var:
    """Scope 2 from the grid on the targets' basis."""
    b = m.emissions
    return b.scope2_market_t if data.scenario.targets.basis == "market" else b.scope2_location_t


def deducts_exports(data: ModelData) -> bool:
    """GB/T 32150 deducts exported electricity from a location-based inventory; market-based Scope 2 (GHG Protocol
    Scope 2 Guidance) never nets exports: the attributes of the power sold leave with it, and netting them would
    let daytime exports cancel night-time imports without a certificate."""
    return data.scenario.accounting.deduct_exported_electricity and data.scenario.targets.basis == "location"


def site_gross_terms(
    m: pyo.ConcreteModel, data: ModelData, s: str, y: int, exports: bool = True
) -> list[tuple[float, pyo.Var]]:
    """A site's Scope 1 + 2 in year y on the targets' basis as linear terms: the one definition the company total
    and the per-site targets (intensity) share. Scope 3 constants are added by the caller. `exports=False` leaves
    out the export deduction (claims: no standard credits exported power against a claimed reduction)."""
    b = m.emissions
    terms = [(1.0, b.scope1_t[s, y]), (1.0, grid_scope2(m, data)[s, y]), (1.0, b.scope2_heat_t[s, y])]
    if exports and deducts_exports(data) and (s, y) in b.exported_t:
        terms.append((-1.0, b.exported_t[s, y]))
    return terms


def baseline_row(var: pyo.Var, changes: list, base: float) -> pyo.Expression:
    """`var = base + changes`; `>=` instead when the changes (each on a 0-1 activity) could push it below 0."""
    expr = lin([(1.0, var), *[(-c, v) for c, v in changes]])
    return expr == base if -sum(c for c, _ in changes if c < 0) <= base else expr >= base


def _carbon_price(b: pyo.Block, data: ModelData, ledger: Ledger, scope2: pyo.Var) -> None:
    cp = data.scenario.carbon_price
    if cp is None:
        return
    for s in data.sites:
        for y in data.years:
            price = at(cp.price_per_t, y) * (1.0 - cp.free_allocation_share)
            if price <= 0:
                continue
            if "scope1" in cp.covered_scopes:
                ledger.annual[("carbon_price", s, y)].append((price, b.scope1_t[s, y]))
            if "scope2" in cp.covered_scopes:
                ledger.annual[("carbon_price", s, y)].append((price, scope2[s, y]))
                ledger.annual[("carbon_price", s, y)].append((price, b.scope2_heat_t[s, y]))
