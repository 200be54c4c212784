"""Battery storage, dispatched hour by hour on the representative days.

Symbols (block `storage`, per site): energy fleet `build_kwh/cap_kwh`, power fleet `build_kw/cap_kw`
(see vintages), hourly `charge_kw`, `discharge_kw`, `soc_kwh` (energy stored above the window's floor at the end
of the hour: the state of charge is `soc_min_share x cap_kwh + soc_kwh`, so the floor needs no row of its own),
yearly `excess_kwh` (cell throughput beyond what the calendar life includes).
| rule | constraint |
| --- | --- |
| `soc_balance` | `soc[h] = soc[h-1] (1 - sd) - sd lo cap_kwh + eta_c charge[h] - discharge[h] / eta_d`, cyclic |
| `soc_max` | `soc <= (soc_max_share - soc_min_share) cap_kwh` (the usable window) |
| `charge_max`, `discharge_max` | `charge, discharge <= cap_kw` (one power rating for both directions) |
| `duration_min/max` | `min_h x cap_kw <= cap_kwh <= max_h x cap_kw` |
| `energy_max` | `cap_kwh <= max_energy_kwh` (default: 2 x max duration x the site's peak load) |
| `excess_min` | `excess_kwh >= sum_dh w_d discharge / eta_d - (N / L) x window x cap_kwh` |
Wear: a battery lasts `min(L, N / c)` years at `c` full cycles a year (calendar life `L`, cycle life `N`
full cycles of the usable window). Its yearly cost is therefore `capex x max(1/L, c/N)`: cycles up to `N/L`
a year are paid by the calendar life, every cycle beyond costs `capex / N` of the usable window, i.e.
`wear_per_kwh = capex_per_kwh[y] / (N x window)` per kWh taken from the cells (`storage_wear`).
Energy lost in the battery (charged - discharged) is consumed on site but is not renewable (ledger
`losses_mwh`). The battery never discharges while the site exports (no grid power resold through it), nor
charges and discharges in the same hour (see exclusive.py).
With only a round-trip efficiency, `eta_c = eta_d = sqrt(RTE)`. In a dispatch check the capacities are the
plan's, fixed.
"""

from __future__ import annotations

from typing import Any

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import at
from .context import Context
from .exclusive import Family
from .grid import hour_keys, peak_load_kw
from .ledger import Ledger, lin
from .vintages import Fleet, add_fleet, add_om, build_years, fixed_capacity


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    sites = [
        s for s, sd in data.sites.items() if sd.site.storage and (ctx.mode != "bau" or sd.site.storage.existing_kwh > 0)
    ]
    if not sites:
        return
    m.storage = pyo.Block(sites, rule=lambda b, s: _site_block(b, s, data, ledger, ctx))


def design(b: pyo.Block, y: int) -> dict[str, float]:
    """The yearly decisions a dispatch check holds fixed."""
    return {"cap_kwh": float(b.cap_kwh[y].value or 0.0), "cap_kw": float(b.cap_kw[y].value or 0.0)}


def max_energy_kwh(data: ModelData, s: str) -> float:
    """The most storage a site may have installed: its own limit, or twice its peak load for the longest duration
    (no site needs more; a tight bound also helps the MIP)."""
    st = data.sites[s].site.storage
    assert st is not None
    return st.max_energy_kwh or max(2.0 * st.max_duration_hours * peak_load_kw(data, s), st.existing_kwh)


def _site_block(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    st = data.sites[s].site.storage
    assert st is not None
    energy_max = max_energy_kwh(data, s)
    power_max = max(energy_max / st.min_duration_hours, st.existing_kw)
    if ctx.design is not None:
        fixed_capacity(b, data, {n: ctx.design.get("storage", s, n) for n in ("cap_kwh", "cap_kw")})
        power_max = max(power_max, ctx.design.get("storage", s, "cap_kw"))
    else:
        _fleet(b, s, data, ledger, ctx.allow_new, energy_max, power_max)
    _operation(b, s, data, ledger, power_max)


def _fleet(
    b: pyo.Block, s: str, data: ModelData, ledger: Ledger, allow_new: bool, energy_max: float, power_max: float
) -> None:
    st = data.sites[s].site.storage
    assert st is not None
    years = data.years
    allowed = build_years(data, st.earliest_year, st.build_every_years)
    common: dict[str, Any] = {"site": s, "lifetime": st.lifetime_years, "build_years": allowed}
    add_fleet(
        b,
        Fleet(
            name="kwh",
            capex_at=lambda t: at(st.capex_per_kwh, t),
            max_build=energy_max if allow_new else 0.0,
            min_build=st.min_build_kwh if allow_new else 0.0,
            existing=st.existing_kwh,
            existing_built=st.existing_built_year,
            **common,
        ),
        data,
        ledger,
        "storage",
    )
    add_fleet(
        b,
        Fleet(
            name="kw",
            capex_at=lambda t: at(st.capex_per_kw, t),
            max_build=power_max if allow_new else 0.0,
            existing=st.existing_kw,
            existing_built=st.existing_built_year,
            **common,
        ),
        data,
        ledger,
        "storage",
    )
    b.energy_max = pyo.Constraint(years, rule=lambda b, y: b.cap_kwh[y] <= energy_max)
    b.duration_min = pyo.Constraint(years, rule=lambda b, y: b.cap_kwh[y] >= st.min_duration_hours * b.cap_kw[y])
    b.duration_max = pyo.Constraint(years, rule=lambda b, y: b.cap_kwh[y] <= st.max_duration_hours * b.cap_kw[y])
    add_om(data, ledger, "om_storage", s, st.om_per_kwh_year, b.cap_kwh)


def _operation(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, power_max: float) -> None:
    sd = data.sites[s]
    st = sd.site.storage
    assert st is not None
    keys = [k[1:] for k in hour_keys(data, s)]
    b.charge_kw = pyo.Var(keys, domain=pyo.NonNegativeReals)
    b.discharge_kw = pyo.Var(keys, domain=pyo.NonNegativeReals)
    b.soc_kwh = pyo.Var(keys, domain=pyo.NonNegativeReals)
    keep, eta_c, inv_eta_d = 1.0 - st.self_discharge_per_hour, st.eta_charge, 1.0 / st.eta_discharge
    lo, hi = st.soc_min_share, st.soc_max_share
    # plain dicts of variable data and one LinearExpression per row: Pyomo's indexing and operator
    # overloading were a third of the build time (docs/performance.md)
    charge, discharge, soc = (dict(b.component(n).items()) for n in ("charge_kw", "discharge_kw", "soc_kwh"))
    cap_kwh, cap_kw = dict(b.cap_kwh.items()), dict(b.cap_kw.items())

    floor_loss = st.self_discharge_per_hour * lo  # the floor's energy leaks too

    def soc_balance(b: pyo.Block, y: int, d: int, h: int) -> pyo.Expression:
        k = (y, d, h)
        prev = soc[y, d, (h - 1) % 24]  # cyclic within the representative day
        terms = [(1.0, soc[k]), (-keep, prev), (-eta_c, charge[k]), (inv_eta_d, discharge[k])]
        return lin([*terms, (floor_loss, cap_kwh[y])]) == 0.0

    b.soc_balance = pyo.Constraint(keys, rule=soc_balance)
    if all(v.fixed for v in cap_kwh.values()):  # a dispatch check: capacities are numbers, limits are bounds
        for y, d, h in keys:
            energy, power = cap_kwh[y].value, cap_kw[y].value
            soc[y, d, h].setub((hi - lo) * energy)
            charge[y, d, h].setub(power)
            discharge[y, d, h].setub(power)
    else:
        _limits(b, keys, cap_kwh, cap_kw, lo, hi)
    for k in keys:
        ledger.bus[(s, *k)] += [(1.0, discharge[k]), (-1.0, charge[k])]
    w = sd.weights
    for y in data.years:
        hours = [(d, h) for d in range(len(w)) for h in range(24)]
        ledger.losses_mwh[(s, y)] += [(w[d] / 1000.0, charge[y, d, h]) for d, h in hours]
        ledger.losses_mwh[(s, y)] += [(-w[d] / 1000.0, discharge[y, d, h]) for d, h in hours]
    _wear(b, s, data, ledger)
    site_keys = {(s, *k): k for k in keys}
    bound = dict.fromkeys(site_keys, power_max)
    ledger.demand_max_kw[s] += power_max
    charge_s = {sk: charge[k] for sk, k in site_keys.items()}
    discharge_s = {sk: discharge[k] for sk, k in site_keys.items()}
    ledger.exclusive.add(Family("charge_discharge", s, charge_s, discharge_s, bound, bound, peak_load_kw(data, s)))
    ledger.not_while_exporting[s].append(("discharge", discharge_s, bound))


def _limits(b: pyo.Block, keys: list, cap_kwh: dict, cap_kw: dict, lo: float, hi: float) -> None:
    """`soc_max`, `charge_max`, `discharge_max` against the capacities being decided."""
    charge, discharge, soc = (dict(b.component(n).items()) for n in ("charge_kw", "discharge_kw", "soc_kwh"))
    window = hi - lo
    b.soc_max = pyo.Constraint(keys, rule=lambda b, y, d, h: lin([(1.0, soc[y, d, h]), (-window, cap_kwh[y])]) <= 0.0)
    b.charge_max = pyo.Constraint(keys, rule=lambda b, y, d, h: lin([(1.0, charge[y, d, h]), (-1.0, cap_kw[y])]) <= 0.0)
    b.discharge_max = pyo.Constraint(
        keys, rule=lambda b, y, d, h: lin([(1.0, discharge[y, d, h]), (-1.0, cap_kw[y])]) <= 0.0
    )


def _wear(b: pyo.Block, s: str, data: ModelData, ledger: Ledger) -> None:
    sd = data.sites[s]
    st = sd.site.storage
    assert st is not None
    window = st.soc_max_share - st.soc_min_share
    free_kwh_per_kwh = st.cycle_life / st.lifetime_years * window  # cell throughput the calendar life includes
    w, inv_eta_d = sd.weights, 1.0 / st.eta_discharge
    b.excess_kwh = pyo.Var(data.years, domain=pyo.NonNegativeReals)

    def excess_min(b: pyo.Block, y: int) -> pyo.Expression:
        out = [(w[d] * inv_eta_d, b.discharge_kw[y, d, h]) for d in range(len(w)) for h in range(24)]
        return lin([(1.0, b.excess_kwh[y]), *[(-c, v) for c, v in out], (free_kwh_per_kwh, b.cap_kwh[y])]) >= 0.0

    b.excess_min = pyo.Constraint(data.years, rule=excess_min)
    for y in data.years:
        wear = at(st.capex_per_kwh, y) / (st.cycle_life * window)
        if wear > 0:
            ledger.annual[("storage_wear", s, y)].append((wear, b.excess_kwh[y]))
