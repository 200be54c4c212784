"""Retrofit projects: discrete yes/no measures with a lifetime.

Symbols (block `retrofits`, per site s, measure r, year y): binary `is_adopted[r,y]` (only from the
measure's earliest year), `on[r,y] = sum_{v: v <= y < v + L} is_adopted[r,v]` in [0, 1] so a measure is
adopted at most once per lifetime and can be renewed after it.
| rule | constraint |
| --- | --- |
| `on_def` | defines `on` from the adoptions |
| `group_max` | `sum_{r in g} on[r,y] <= 1` (mutually exclusive alternatives) |
| `requires_link` | `on[r,y] <= on[p,y]` for each prerequisite p |
| `force_min` | `on[r,y] = 1` from the earliest year for a forced measure |
Effects while active (linear in `on`): electricity saved `(mwh + fraction x baseline) x 1000/8760 x shape`
kW is put on the bus as supply; electricity added (electrification) as demand; fuel saved per fuel and
process emissions avoided go to the ledger; a fuel saving on a fuel that makes heat lowers that heat demand
instead (`ledger.heat`, so heat recovery also saves a heat pump's electricity). Several fractional savings add
up (they do not compound).
Capital annualised over the measure's lifetime and paid while it serves (see vintages.add_capital), O&M
while active. At end of life a measure can be adopted again, at that year's capex.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyomo.environ as pyo

from ..data import ModelData, SiteData
from ..data.hourly import HOURS_PER_YEAR
from ..scenario.levers import Retrofit
from ..scenario.trajectory import at
from .context import Context
from .ledger import Ledger
from .vintages import add_capital


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    sites = [s for s, sd in data.sites.items() if sd.site.retrofits]
    if not sites or ctx.mode == "bau":
        return
    m.retrofits = pyo.Block(sites, rule=lambda b, s: _site_block(b, s, data, ledger, ctx))


def design(b: pyo.Block, y: int) -> dict[str, float]:
    """The yearly decisions a dispatch check holds fixed: which measures are active."""
    return {rid: float(round(b.on[rid, y].value or 0.0)) for rid in b.MEASURES}


def allowed_years(r: Retrofit, data: ModelData) -> list[int]:
    return [y for y in data.years if r.earliest_year is None or y >= r.earliest_year]


def _site_block(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    sd = data.sites[s]
    measures = {r.id: r for r in sd.site.retrofits}
    b.MEASURES = pyo.Set(initialize=list(measures), ordered=True)
    if ctx.design is not None:
        b.on = pyo.Var(b.MEASURES, data.years, bounds=(0, 1))
        for rid in measures:
            for y in data.years:
                b.on[rid, y].fix(ctx.design.get("retrofits", s, rid))
    else:
        _adoption(b, measures, data)
    for rid, r in measures.items():
        _effects(b, s, sd, rid, r, data, ledger, ctx.design is None)


def _adoption(b: pyo.Block, measures: dict[str, Retrofit], data: ModelData) -> None:
    years = data.years
    b.is_adopted = pyo.Var(b.MEASURES, years, domain=pyo.Binary)
    b.on = pyo.Var(b.MEASURES, years, bounds=(0, 1))
    for rid, r in measures.items():
        allowed = set(allowed_years(r, data))
        for y in years:
            if y not in allowed:
                b.is_adopted[rid, y].fix(0)

    def on_def(b: pyo.Block, rid: str, y: int) -> pyo.Expression:
        life = measures[rid].lifetime_years
        return b.on[rid, y] == sum(b.is_adopted[rid, v] for v in years if data.active(v, y, life))

    b.on_def = pyo.Constraint(b.MEASURES, years, rule=on_def)
    groups: dict[str, list[str]] = defaultdict(list)
    for rid, r in measures.items():
        if r.group:
            groups[r.group].append(rid)
    groups = {g: ids for g, ids in groups.items() if len(ids) > 1}
    b.group_max = pyo.Constraint(list(groups), years, rule=lambda b, g, y: sum(b.on[r, y] for r in groups[g]) <= 1)
    links = [(rid, p) for rid, r in measures.items() for p in r.requires]
    b.requires_link = pyo.Constraint(links, years, rule=lambda b, r, p, y: b.on[r, y] <= b.on[p, y])
    forced = [(rid, y) for rid, r in measures.items() if r.force for y in allowed_years(r, data)]
    b.force_min = pyo.Constraint(forced, rule=lambda b, r, y: b.on[r, y] >= 1)


def load_cut_kw(sd: SiteData, r: Retrofit, year: int) -> np.ndarray:
    """Load removed by an active measure, kW [days, 24]: savings minus added electricity."""
    shape = sd.shape(f"retrofit:{r.id}") if r.profile else sd.shape("load")
    saved_mwh = r.electricity_saving_mwh + r.electricity_saving_fraction * sd.load_mwh[year]
    return shape * (saved_mwh - r.electricity_added_mwh) * 1000.0 / HOURS_PER_YEAR


def fuel_saved_mwh(sd: SiteData, r: Retrofit, year: int) -> dict[str, float]:
    """Fuel use removed by an active measure, MWh a year per fuel."""
    return {
        f: r.fuel_saving_mwh.get(f, 0.0) + r.fuel_saving_fraction.get(f, 0.0) * sd.fuel_mwh[f][year]
        for f in sorted({*r.fuel_saving_mwh, *r.fuel_saving_fraction})
    }


def direct_saved_mwh(sd: SiteData, r: Retrofit, year: int) -> dict[str, float]:
    """The part of `fuel_saved_mwh` outside the modelled boilers (the rest lowers a heat demand)."""
    return {
        f: r.fuel_saving_mwh.get(f, 0.0) + r.fuel_saving_fraction.get(f, 0.0) * sd.direct_fuel_mwh[f][year]
        for f in sorted({*r.fuel_saving_mwh, *r.fuel_saving_fraction})
    }


def heat_saved_kw(sd: SiteData, r: Retrofit, year: int) -> dict[str, np.ndarray]:
    """Heat demand removed by an active measure, kW heat [days, 24] per carrier: a fuel saving on the fuel a
    heat demand's boilers burn is that share of the heat (heat recovery lowers the heat needed, whoever makes it)."""
    return {
        c: r.fuel_saving_fraction[hd.demand.fuel] * sd.heat_kw(c, year)
        for c, hd in sd.heat.items()
        if r.fuel_saving_fraction.get(hd.demand.fuel)
    }


HEAT_SAVED = "heat_saved_kw"  # its column in heat_dispatch.csv


def _effects(
    b: pyo.Block, s: str, sd: SiteData, rid: str, r: Retrofit, data: ModelData, ledger: Ledger, costs: bool
) -> None:
    """What an active measure does; `costs` False in a dispatch check (the plan's costs are not re-decided)."""
    n_days = sd.days.n_days
    for y in data.years:
        on = b.on[rid, y]
        kw = load_cut_kw(sd, r, y)
        if np.any(kw != 0.0):
            for d in range(n_days):
                for h in range(24):
                    ledger.bus[(s, y, d, h)].append((float(kw[d, h]), on))
                    ledger.design_supply[(s, y, d, h)].append((float(kw[d, h]), on))
        for fuel, saved in direct_saved_mwh(sd, r, y).items():
            if saved:
                ledger.fuel_mwh[(s, fuel, y)].append((-saved, on))
        for c, heat_kw in heat_saved_kw(sd, r, y).items():
            for d in range(n_days):
                for h in range(24):
                    ledger.heat[(s, c, y, d, h)][HEAT_SAVED].append((float(heat_kw[d, h]), on))
        if r.process_saving_t:
            ledger.process_t[(s, y)].append((-r.process_saving_t, on))
        om = at(r.om_per_year, y)
        if om > 0 and costs:
            ledger.annual[("om_retrofits", s, y)].append((om, on))
    if not costs:
        return
    builds = {v: b.is_adopted[rid, v] for v in allowed_years(r, data)}
    add_capital(data, ledger, "retrofits", s, builds, lambda t: at(r.capex, t), r.lifetime_years)
