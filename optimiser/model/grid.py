"""Grid connection and the site energy balance.

Symbols: `import_kw[s,y,d,h]` grid import, `imported_mwh[s,y] = sum_dh w_d import / 1000`, `peak_kw[s,y]`
the highest import on the representative days (billed by the demand charge).
Balance per site, year, day and hour (kW): `import + sum(ledger.bus) = baseline load`; levers put PV,
storage and retrofit effects on the bus. Energy bill: `sum_dh w_d price[y,h] import`; demand charge:
`12 x charge_per_kw_month x peak_kw`. The representative days see fewer extremes than the real year,
so the peak (and its charge) is a lower estimate unless 365 days are modelled.
"""

from __future__ import annotations

import numpy as np
import pyomo.environ as pyo

from ..data import ModelData
from .ledger import Ledger, lin


def hour_keys(data: ModelData, site: str) -> list[tuple[str, int, int, int]]:
    n_days = data.sites[site].days.n_days
    return [(site, y, d, h) for y in data.years for d in range(n_days) for h in range(24)]


def add_grid(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger) -> None:
    b = m.grid = pyo.Block()
    keys = [k for s in data.sites for k in hour_keys(data, s)]
    site_years = [(s, y) for s in data.sites for y in data.years]
    b.HOURS = pyo.Set(initialize=keys, dimen=4, ordered=True)
    limits = {s: sd.site.tariff.max_import_kw for s, sd in data.sites.items()}
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
