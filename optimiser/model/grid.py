"""The grid connection: one meter per site, with one net flow per hour, and the site's electricity balance.

Symbols (block `grid`): `import_kw[s,y,d,h]`, `export_kw[s,y,d,h]` (only at sites that can export),
`imported_mwh[s,y]`, `exported_mwh[s,y]`, `peak_kw[s,y]` (highest import on the representative days).
| rule | constraint |
| --- | --- |
| `import_kw` bounds | `<= min(tariff.max_import_kw, grid_connection_kw)` |
| `export_max` | `export <= sum of exportable on-site generation` (PV output kept; never grid power resold) |
| `export_kw` bounds | `<= min(tariff.export_limit_kw, grid_connection_kw)`; 0 = self-consumption only |
| `peak_kw_min` | `peak_kw >= import_kw` (the demand charge bills it every month) |
| `energy_balance` | `import - export + sum(ledger.bus) = baseline load` (kW, every hour) |
One meter, one net flow: import and export never run in the same hour, and flows the levers name
(battery discharge, PV curtailment) do not run while the site exports or imports: see exclusive.py.
Energy bill `sum_dh w_d price[y,h] import`, export revenue at the export price, demand charge
`12 x charge_per_kw_month x peak_kw`.
"""

from __future__ import annotations

import numpy as np
import pyomo.environ as pyo

from ..data import ModelData, SiteData
from .exclusive import Directions, Family
from .ledger import Ledger, lin


def hour_keys(data: ModelData, site: str) -> list[tuple[str, int, int, int]]:
    n_days = data.sites[site].days.n_days
    return [(site, y, d, h) for y in data.years for d in range(n_days) for h in range(24)]


def import_limit_kw(sd: SiteData) -> float | None:
    limits = [v for v in (sd.site.tariff.max_import_kw, sd.site.grid_connection_kw) if v is not None]
    return min(limits) if limits else None


def export_limit_kw(sd: SiteData) -> float | None:
    limits = [v for v in (sd.site.tariff.export_limit_kw, sd.site.grid_connection_kw) if v is not None]
    return min(limits) if limits else None


def peak_load_kw(data: ModelData, s: str) -> float:
    sd = data.sites[s]
    return max(float(sd.load_kw(y).max()) for y in data.years)


NETTING_TIE_PER_KWH = 1e-4  # 0.1 currency per MWh: conservative netting prefers the net flow to a tie


def buying_is_cheaper(sd: SiteData, y: int) -> np.ndarray:
    """Hours of the day [24] in which grid power costs no more than the export price pays."""
    return sd.price_per_kwh[y] <= sd.export_price_per_kwh[y]


def export_value_per_kwh(sd: SiteData, y: int) -> np.ndarray:
    """What the objective counts for a kWh exported in each hour of the day [24].

    Conservative netting (default): where buying costs less than selling, exported surplus is counted at the grid
    price (minus a tie-break), so selling PV while buying power never pays and the model stays linear; the revenue
    not counted is reported (results: `export_revenue_uncounted`). Exact netting counts the export price and puts
    a binary on each such hour (one flow direction or the other); it can make a solve 100 times slower."""
    price = np.full(24, sd.export_price_per_kwh[y])
    if sd.site.tariff.netting == "exact":
        return price
    cheaper = buying_is_cheaper(sd, y)
    price[cheaper] = sd.price_per_kwh[y][cheaper] - NETTING_TIE_PER_KWH
    return price


def add_grid(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger) -> None:
    b = m.grid = pyo.Block()
    keys = [k for s in data.sites for k in hour_keys(data, s)]
    site_years = [(s, y) for s in data.sites for y in data.years]
    b.HOURS = pyo.Set(initialize=keys, dimen=4, ordered=True)
    limits = {s: import_limit_kw(sd) for s, sd in data.sites.items()}
    b.import_kw = pyo.Var(b.HOURS, domain=pyo.NonNegativeReals, bounds=lambda _, s, *__: (0, limits[s]))
    b.imported_mwh = pyo.Var(site_years, domain=pyo.NonNegativeReals)

    imp = dict(b.import_kw.items())

    def imported_def(_: pyo.Block, s: str, y: int) -> pyo.Expression:
        w = data.sites[s].weights
        terms = [(w[d] / 1000.0, imp[s, y, d, h]) for d in range(len(w)) for h in range(24)]
        return b.imported_mwh[s, y] == lin(terms)

    b.imported_mwh_def = pyo.Constraint(site_years, rule=imported_def)
    charged = [(s, y) for s, y in site_years if data.sites[s].demand_charge_per_kw_year[y] > 0]
    charged_set = set(charged)
    b.peak_kw = pyo.Var(charged, domain=pyo.NonNegativeReals)
    b.peak_kw_min = pyo.Constraint(
        [k for k in keys if (k[0], k[1]) in charged_set],
        rule=lambda _, s, y, d, h: lin([(1.0, b.peak_kw[s, y]), (-1.0, imp[s, y, d, h])]) >= 0.0,
    )
    for s, y in site_years:
        sd = data.sites[s]
        w, price = sd.weights, sd.price_per_kwh[y]
        ledger.annual[("electricity", s, y)] += [
            (w[d] * price[h], imp[s, y, d, h]) for d in range(len(w)) for h in range(24)
        ]
        if (s, y) in charged_set:
            ledger.annual[("demand_charge", s, y)].append((sd.demand_charge_per_kw_year[y], b.peak_kw[s, y]))


def add_export(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, design_fixed: bool = False) -> None:
    """Built once every lever has named its exportable generation and its flows that exclude import or export."""
    b = m.grid
    exporting = [s for s in data.sites if s in ledger.export_source_max_kw and export_limit_kw(data.sites[s]) != 0.0]
    keys = [k for s in exporting for k in hour_keys(data, s)]
    limits = {s: export_limit_kw(data.sites[s]) for s in exporting}
    b.export_kw = pyo.Var(keys, domain=pyo.NonNegativeReals, bounds=lambda _, s, *__: (0, limits[s]))
    exp = dict(b.export_kw.items())
    b.export_max = pyo.Constraint(
        keys, rule=lambda _, *k: lin([(1.0, exp[k]), *[(-c, v) for c, v in ledger.export_source[k]]]) <= 0.0
    )
    site_years = [(s, y) for s in exporting for y in data.years]
    b.exported_mwh = pyo.Var(site_years, domain=pyo.NonNegativeReals)

    def exported_def(_: pyo.Block, s: str, y: int) -> pyo.Expression:
        w = data.sites[s].weights
        return b.exported_mwh[s, y] == lin([(w[d] / 1000.0, exp[s, y, d, h]) for d in range(len(w)) for h in range(24)])

    b.exported_mwh_def = pyo.Constraint(site_years, rule=exported_def)
    for s, y in site_years:
        sd = data.sites[s]
        w = sd.weights
        price = export_value_per_kwh(sd, y)
        ledger.annual[("export_revenue", s, y)] += [
            (-w[d] * price[h], exp[s, y, d, h]) for d in range(len(w)) for h in range(24)
        ]
        # only on-site renewable output may be exported: what leaves is not consumed on site
        ledger.onsite_re_mwh[(s, y)].append((-1.0, b.exported_mwh[s, y]))
    for k, v in exp.items():
        ledger.bus[k].append((-1.0, v))
    for s in data.sites:
        _exclusive_families(m, data, ledger, s, s in exporting, design_fixed)


def _exclusive_families(
    m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, s: str, exporting: bool, design_fixed: bool
) -> None:
    """Register the either-or pairs of the meter: import/export, and the levers' flows against each."""
    sd = data.sites[s]
    keys = hour_keys(data, s)
    imp = {k: m.grid.import_kw[k] for k in keys}
    scale = peak_load_kw(data, s)
    import_max = import_limit_kw(sd) or scale + ledger.demand_max_kw.get(s, 0.0)
    imp_max = dict.fromkeys(keys, import_max)
    for name, flows, flow_max in ledger.not_while_importing.get(s, []):
        ledger.exclusive.add(Family(f"{name}_import", s, flows, imp, flow_max, imp_max, scale))
    if not exporting:
        return
    exp = {k: m.grid.export_kw[k] for k in keys}
    potential = ledger.export_source_max_kw[s]
    limit = export_limit_kw(sd)
    exp_max = {k: min(limit, potential[k[2], k[3]]) if limit is not None else potential[k[2], k[3]] for k in keys}
    # with exact netting, prices make both at once pay where buying is cheaper than selling: binaries there
    exact = sd.site.tariff.netting == "exact"
    upfront = {k for k in keys if exact and exp_max[k] > 0 and buying_is_cheaper(sd, k[1])[k[3]]}
    ledger.exclusive.add(Family("import_export", s, imp, exp, imp_max, exp_max, scale, upfront))
    blocked = [flows for _, flows, _ in ledger.not_while_exporting.get(s, [])]
    if blocked:
        load = {k: float(sd.load_kw(k[1])[k[2], k[3]]) for k in keys}
        supply = {k: ledger.design_supply.get(k, []) for k in keys}
        curtail = ledger.curtailment.get(s, {})
        blocked_max = max(max(b.values(), default=0.0) for _, _, b in ledger.not_while_exporting[s])
        worth = {k: _worth(sd, k) for k in keys}
        ledger.exclusive.directions.append(
            Directions(s, exp, blocked, curtail, imp, supply, load, scale, blocked_max, worth, exact=design_fixed)
        )


def _worth(sd: SiteData, k: tuple) -> tuple[float, float, float]:
    """(import price, export value, cheapest import price of the year) of hour k, per kW over a year."""
    _, y, d, h = k
    w, price = sd.weights[d], sd.price_per_kwh[y]
    return w * float(price[h]), w * float(export_value_per_kwh(sd, y)[h]), w * float(price.min())


def add_balance(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger) -> None:
    """Built last, once every lever has written its bus terms."""
    loads: dict[tuple[str, int], np.ndarray] = {
        (s, y): sd.load_kw(y) for s, sd in data.sites.items() for y in data.years
    }
    imp = dict(m.grid.import_kw.items())
    bus = ledger.bus

    def balance(_: pyo.Model, s: str, y: int, d: int, h: int) -> pyo.Expression:
        key = (s, y, d, h)
        return lin([(1.0, imp[key]), *bus.get(key, ())]) == float(loads[s, y][d, h])

    m.energy_balance = pyo.Constraint(m.grid.HOURS, rule=balance)
