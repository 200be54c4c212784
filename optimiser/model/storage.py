"""Battery storage, dispatched hour by hour on the representative days.

Symbols (block `storage`, per site): energy fleet `build_kwh/cap_kwh`, power fleet `build_kw/cap_kw`
(see vintages), hourly `charge_kw`, `discharge_kw`, `soc_kwh` (state of charge at the end of the hour).
| rule | constraint |
| --- | --- |
| `soc_balance` | `soc[h] = soc[h-1] (1 - sd) + eta_c charge[h] - discharge[h] / eta_d`, cyclic within each day |
| `soc_max` | `soc <= cap_kwh` |
| `charge_max`, `discharge_max` | `charge, discharge <= cap_kw` (one power rating for both directions) |
| `duration_min/max` | `min_h x cap_kw <= cap_kwh <= max_h x cap_kw` |
With only a round-trip efficiency, `eta_c = eta_d = sqrt(RTE)`. Capacity fade is not modelled: the
calendar lifetime stands for it.
"""

from __future__ import annotations

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import at
from .grid import hour_keys
from .ledger import Ledger, lin
from .vintages import Fleet, add_fleet, build_years


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, allow_new: bool) -> None:
    sites = [s for s, sd in data.sites.items() if sd.site.storage and (allow_new or sd.site.storage.existing_kwh > 0)]
    if not sites:
        return
    m.storage = pyo.Block(sites, rule=lambda b, s: _site_block(b, s, data, ledger, allow_new))
    ledger.levers.append("storage")


def _site_block(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, allow_new: bool) -> None:
    sd = data.sites[s]
    st = sd.site.storage
    assert st is not None
    years = data.years
    allowed = build_years(data, st.earliest_year, st.build_every_years)
    peak_load_kw = max(float(sd.load_kw(y).max()) for y in years)
    # a tight bound helps the MIP: no site needs more storage than max duration x its peak load, twice over
    max_kwh = st.max_energy_kwh or 2.0 * st.max_duration_hours * peak_load_kw
    common = {"site": s, "lifetime": st.lifetime_years, "build_years": allowed}
    add_fleet(
        b,
        Fleet(
            name="kwh",
            capex={y: at(st.capex_per_kwh, y) for y in years},
            max_build=max_kwh if allow_new else 0.0,
            min_build=st.min_build_kwh if allow_new else 0.0,
            existing=st.existing_kwh,
            existing_built=st.existing_built_year,
            **common,
        ),
        data,
        ledger,
        "capex_storage",
    )
    add_fleet(
        b,
        Fleet(
            name="kw",
            capex={y: at(st.capex_per_kw, y) for y in years},
            max_build=max_kwh / st.min_duration_hours if allow_new else 0.0,
            existing=st.existing_kw,
            existing_built=st.existing_built_year,
            **common,
        ),
        data,
        ledger,
        "capex_storage",
    )
    if st.max_energy_kwh:
        b.energy_max = pyo.Constraint(years, rule=lambda b, y: b.cap_kwh[y] <= st.max_energy_kwh)
    b.duration_min = pyo.Constraint(years, rule=lambda b, y: b.cap_kwh[y] >= st.min_duration_hours * b.cap_kw[y])
    b.duration_max = pyo.Constraint(years, rule=lambda b, y: b.cap_kwh[y] <= st.max_duration_hours * b.cap_kw[y])
    keys = [k[1:] for k in hour_keys(data, s)]
    b.charge_kw = pyo.Var(keys, domain=pyo.NonNegativeReals)
    b.discharge_kw = pyo.Var(keys, domain=pyo.NonNegativeReals)
    b.soc_kwh = pyo.Var(keys, domain=pyo.NonNegativeReals)
    keep, eta_c, inv_eta_d = 1.0 - st.self_discharge_per_hour, st.eta_charge, 1.0 / st.eta_discharge
    # plain dicts of variable data and one LinearExpression per row: Pyomo's indexing and operator
    # overloading were a third of the build time (PERFORMANCE.md)
    charge, discharge, soc = (dict(b.component(n).items()) for n in ("charge_kw", "discharge_kw", "soc_kwh"))
    cap_kwh, cap_kw = dict(b.cap_kwh.items()), dict(b.cap_kw.items())

    def soc_balance(b: pyo.Block, y: int, d: int, h: int) -> pyo.Expression:
        k = (y, d, h)
        prev = soc[y, d, (h - 1) % 24]  # cyclic within the representative day
        return lin([(1.0, soc[k]), (-keep, prev), (-eta_c, charge[k]), (inv_eta_d, discharge[k])]) == 0.0

    b.soc_balance = pyo.Constraint(keys, rule=soc_balance)
    b.soc_max = pyo.Constraint(keys, rule=lambda b, y, d, h: lin([(1.0, soc[y, d, h]), (-1.0, cap_kwh[y])]) <= 0.0)
    b.charge_max = pyo.Constraint(keys, rule=lambda b, y, d, h: lin([(1.0, charge[y, d, h]), (-1.0, cap_kw[y])]) <= 0.0)
    b.discharge_max = pyo.Constraint(
        keys, rule=lambda b, y, d, h: lin([(1.0, discharge[y, d, h]), (-1.0, cap_kw[y])]) <= 0.0
    )
    for k in keys:
        ledger.bus[(s, *k)] += [(1.0, discharge[k]), (-1.0, charge[k])]
    for y in years:
        om = at(st.om_per_kwh_year, y)
        if om > 0:
            ledger.annual[("om_storage", s, y)].append((om, b.cap_kwh[y]))
