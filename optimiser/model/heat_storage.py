"""Heat storage (hot-water tank, steam accumulator, molten salt) on one heat demand, cyclic on each day.

Symbols (block `heat_storage`, per site): energy fleet `build_kwh/cap_kwh` (see vintages), hourly `charge_kw`,
`discharge_kw` (heat taken from / given to the demand's balance), `soc_kwh`.
| rule | constraint |
| --- | --- |
| `soc_balance` | `soc[h] = (1 - loss) soc[h-1] + sqrt(rte) charge[h] - discharge[h] / sqrt(rte)`, cyclic per day |
| `soc_max` | `soc <= cap_kwh` |
| `charge_max`, `discharge_max` | `<= cap_kwh / duration_hours` |
Charging and discharging never run in the same hour (see exclusive.py): with losses that would only throw heat
away. Heat lost in the store is made by whoever charged it; its fuel shows in the store's activity.
"""

from __future__ import annotations

import math

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import at
from .context import Context
from .exclusive import Family
from .grid import hour_keys
from .ledger import Ledger, lin
from .vintages import Fleet, add_fleet, add_om, build_years, fixed_capacity

CHARGE, DISCHARGE = "heat_storage_charge_kw", "heat_storage_discharge_kw"  # heat_dispatch.csv columns


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    sites = [s for s, sd in data.sites.items() if sd.site.heat_storage and ctx.mode != "bau"]
    if sites:
        m.heat_storage = pyo.Block(sites, rule=lambda b, s: _site_block(b, s, data, ledger, ctx))


def design(b: pyo.Block, y: int) -> dict[str, float]:
    """The yearly decision a dispatch check holds fixed."""
    return {"cap_kwh": float(b.cap_kwh[y].value or 0.0)}


def max_kwh(data: ModelData, s: str) -> float:
    """The largest store a site may have: its own limit, else a day of the demand's peak."""
    sd = data.sites[s]
    spec = sd.site.heat_storage
    assert spec is not None
    if spec.max_kwh is not None:
        return spec.max_kwh
    return 24.0 * max(float(sd.heat_kw(spec.carrier, y).max()) for y in data.years)


def _site_block(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    spec = data.sites[s].site.heat_storage
    assert spec is not None
    energy_max = max_kwh(data, s)
    if ctx.design is not None:
        fixed_capacity(b, data, {"cap_kwh": ctx.design.get("heat_storage", s, "cap_kwh")})
        energy_max = max(energy_max, ctx.design.get("heat_storage", s, "cap_kwh"))
    else:
        fleet = Fleet(
            name="kwh",
            site=s,
            lifetime=spec.lifetime_years,
            capex_at=lambda t: at(spec.capex_per_kwh, t),
            build_years=build_years(data, spec.earliest_year, spec.build_every_years),
            max_build=energy_max if ctx.allow_new else 0.0,
        )
        add_fleet(b, fleet, data, ledger, "heat_storage")
        b.energy_max = pyo.Constraint(data.years, rule=lambda b, y: b.cap_kwh[y] <= energy_max)
        add_om(data, ledger, "om_heat_storage", s, spec.om_per_kwh_year, b.cap_kwh)
    _operation(b, s, data, ledger, energy_max)


def _operation(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, energy_max: float) -> None:
    spec = data.sites[s].site.heat_storage
    assert spec is not None
    keys = [k[1:] for k in hour_keys(data, s)]
    power_max = energy_max / spec.duration_hours
    for name in ("charge_kw", "discharge_kw"):
        b.add_component(name, pyo.Var(keys, domain=pyo.NonNegativeReals, bounds=(0, power_max)))
    b.soc_kwh = pyo.Var(keys, domain=pyo.NonNegativeReals, bounds=(0, energy_max))
    charge, discharge, soc = (dict(b.component(n).items()) for n in ("charge_kw", "discharge_kw", "soc_kwh"))
    cap = dict(b.cap_kwh.items())
    eta = math.sqrt(spec.round_trip_efficiency)
    keep, per_h = 1.0 - spec.loss_per_hour, 1.0 / spec.duration_hours

    def soc_balance(_: pyo.Block, y: int, d: int, h: int) -> pyo.Expression:
        k = (y, d, h)
        prev = soc[y, d, (h - 1) % 24]
        return lin([(1.0, soc[k]), (-keep, prev), (-eta, charge[k]), (1.0 / eta, discharge[k])]) == 0.0

    b.soc_balance = pyo.Constraint(keys, rule=soc_balance)
    b.soc_max = pyo.Constraint(keys, rule=lambda _, y, d, h: lin([(1.0, soc[y, d, h]), (-1.0, cap[y])]) <= 0.0)
    b.charge_max = pyo.Constraint(keys, rule=lambda _, y, d, h: lin([(1.0, charge[y, d, h]), (-per_h, cap[y])]) <= 0)
    b.discharge_max = pyo.Constraint(
        keys, rule=lambda _, y, d, h: lin([(1.0, discharge[y, d, h]), (-per_h, cap[y])]) <= 0.0
    )
    c = spec.carrier
    for y, d, h in keys:
        ledger.heat[(s, c, y, d, h)][CHARGE].append((-1.0, charge[y, d, h]))
        ledger.heat[(s, c, y, d, h)][DISCHARGE].append((1.0, discharge[y, d, h]))
    site_keys = {(s, *k): k for k in keys}
    bound = dict.fromkeys(site_keys, power_max)
    charge_s = {sk: charge[k] for sk, k in site_keys.items()}
    discharge_s = {sk: discharge[k] for sk, k in site_keys.items()}
    scale = max(float(data.sites[s].heat_kw(c, y).max()) for y in data.years)
    ledger.exclusive.add(Family("heat_charge_discharge", s, charge_s, discharge_s, bound, bound, scale))
