"""Heat, the second energy carrier: one hourly balance per site and heat demand (steam or hot water at its
temperature), served by the existing boilers and whatever the heat levers write to the ledger.

Symbols (block `heat`): `boiler_kw[s,c,y,d,h]` heat from the existing boilers, bounded by their capacity.
| rule | constraint |
| --- | --- |
| `balance` | `boiler_kw + sum(ledger.heat) = demand_kw` (kW heat, every hour; uses such as storage charging < 0) |
| fuel | `ledger.fuel_mwh[s, fuel, y] += sum_dh w_d boiler_kw / boiler_efficiency / 1000` |
The demand is the baseline (fuel use x fuel_share x boiler efficiency, grown with the fuel). Heat cannot be
thrown away (the balance is an equality), so no plant runs only to make the other carrier.
"""

from __future__ import annotations

import pyomo.environ as pyo

from ..data import ModelData
from .ledger import Ledger, lin

BOILER = "boiler_kw"  # the heat_dispatch.csv column of the existing boilers
DEMAND = "demand_kw"


def heat_keys(data: ModelData, site: str, carrier: str) -> list[tuple[str, str, int, int, int]]:
    n = data.sites[site].days.n_days
    return [(site, carrier, y, d, h) for y in data.years for d in range(n) for h in range(24)]


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger) -> None:
    """Built after the levers have written their heat terms and before the emissions (boilers burn fuel)."""
    keys = [k for s, sd in data.sites.items() for c in sd.heat for k in heat_keys(data, s, c)]
    if not keys:
        return
    b = m.heat = pyo.Block()
    caps = {(s, c): hd.demand.boiler_capacity_kw for s, sd in data.sites.items() for c, hd in sd.heat.items()}
    b.boiler_kw = pyo.Var(keys, domain=pyo.NonNegativeReals, bounds=lambda _, s, c, *__: (0, caps[s, c]))
    boiler = dict(b.boiler_kw.items())
    demand = {(s, c, y): sd.heat_kw(c, y) for s, sd in data.sites.items() for c in sd.heat for y in data.years}

    def balance(_: pyo.Block, s: str, c: str, y: int, d: int, h: int) -> pyo.Expression:
        k = (s, c, y, d, h)
        terms = [(1.0, boiler[k])] + [t for col in ledger.heat.get(k, {}).values() for t in col]
        return lin(terms) == float(demand[s, c, y][d, h])

    b.balance = pyo.Constraint(keys, rule=balance)
    for s, sd in data.sites.items():
        w = sd.weights
        for c, hd in sd.heat.items():
            per_kw = hd.fuel_mwh_per_mwh / 1000.0
            for y in data.years:
                ledger.fuel_mwh[(s, hd.demand.fuel, y)] += [
                    (w[d] * per_kw, boiler[s, c, y, d, h]) for d in range(len(w)) for h in range(24)
                ]
