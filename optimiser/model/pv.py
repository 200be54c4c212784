"""Rooftop PV.

Symbols (block `pv`, per site s and modelled year y; hourly on representative day d, hour h):
| symbol | unit | meaning |
| --- | --- | --- |
| `build_kw[y]`, `cap_kw[y]` | kWp | built in y; installed and within lifetime in y (see vintages) |
| `eff_kw[y]` | kWp | installed capacity derated for age: `sum_v (1 - deg)^(y - v) B[v]` |
| `curtail_kw`, `export_kw` | kW | output thrown away; output sold to the grid |
| `profile[d,h]` | kW/kWp | output of one new kWp (<= 1, sums to the specific yield over the year) |

Generation `profile x eff_kw` goes on the bus; `export + curtail <= generation` each hour, so a site can
never resell grid power. Roof: `area_m2_per_kw x cap_kw <= roof_area_m2`. Export is capped by the tariff's
`export_limit_kw` (0 = self-consumption only) and paid at its export price.
"""

from __future__ import annotations

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import at
from .grid import hour_keys
from .ledger import Ledger, lin
from .vintages import Fleet, add_fleet, build_years


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, allow_new: bool) -> None:
    sites = [s for s, sd in data.sites.items() if sd.site.pv and (allow_new or sd.site.pv.existing_kw > 0)]
    if not sites:
        return
    m.pv = pyo.Block(sites, rule=lambda b, s: _site_block(b, s, data, ledger, allow_new))
    ledger.levers.append("pv")


def _site_block(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, allow_new: bool) -> None:
    sd = data.sites[s]
    pv = sd.site.pv
    assert pv is not None
    roof_kw = sd.site.roof_area_m2 / pv.area_m2_per_kw
    max_build = min(roof_kw, pv.max_build_kw_per_year or roof_kw) if allow_new else 0.0
    years = data.years
    fleet = Fleet(
        name="kw",
        site=s,
        lifetime=pv.lifetime_years,
        capex={y: at(pv.capex_per_kw, y) for y in years},
        build_years=build_years(data, pv.earliest_year, pv.build_every_years),
        max_build=max_build,
        min_build=pv.min_build_kw if allow_new else 0.0,
        existing=pv.existing_kw,
        existing_built=pv.existing_built_year,
    )
    add_fleet(b, fleet, data, ledger, "capex_pv")
    b.roof_area_max = pyo.Constraint(years, rule=lambda b, y: pv.area_m2_per_kw * b.cap_kw[y] <= sd.site.roof_area_m2)
    b.eff_kw = pyo.Var(years, domain=pyo.NonNegativeReals)
    derate = 1.0 - pv.degradation_per_year
    existing_year = pv.existing_built_year or years[0]

    def eff_def(b: pyo.Block, y: int) -> pyo.Expression:
        terms = [(derate ** (y - v), b.build_kw[v]) for v in years if data.active(v, y, pv.lifetime_years)]
        old = (
            pv.existing_kw * derate ** max(0, y - existing_year)
            if data.active(existing_year, y, pv.lifetime_years)
            else 0.0
        )
        return b.eff_kw[y] == lin(terms, old)

    b.eff_kw_def = pyo.Constraint(years, rule=eff_def)
    if pv.force_kw:
        first = pv.earliest_year or years[0]
        b.force_kw_min = pyo.Constraint([y for y in years if y >= first], rule=lambda b, y: b.cap_kw[y] >= pv.force_kw)
    keys = [k[1:] for k in hour_keys(data, s)]
    profile = sd.pv_kw_per_kwp
    limit = sd.site.tariff.export_limit_kw
    b.curtail_kw = pyo.Var(keys, domain=pyo.NonNegativeReals)
    exporting = limit is None or limit > 0
    if exporting:
        b.export_kw = pyo.Var(keys, domain=pyo.NonNegativeReals, bounds=(0, limit))

    def output_max(b: pyo.Block, y: int, d: int, h: int) -> pyo.Expression:
        terms = [(1.0, b.curtail_kw[y, d, h]), (-float(profile[d, h]), b.eff_kw[y])]
        if exporting:
            terms.append((1.0, b.export_kw[y, d, h]))
        return lin(terms) <= 0.0

    b.output_max = pyo.Constraint(keys, rule=output_max)
    w = sd.weights
    for y, d, h in keys:
        bus = ledger.bus[(s, y, d, h)]
        bus += [(float(profile[d, h]), b.eff_kw[y]), (-1.0, b.curtail_kw[y, d, h])]
        if exporting:
            bus.append((-1.0, b.export_kw[y, d, h]))
    for y in years:
        day_yield = float((profile.sum(axis=1) * w).sum()) / 1000.0
        used = [(day_yield, b.eff_kw[y])]
        used += [(-w[d] / 1000.0, b.curtail_kw[y, d, h]) for d in range(len(w)) for h in range(24)]
        if exporting:
            used += [(-w[d] / 1000.0, b.export_kw[y, d, h]) for d in range(len(w)) for h in range(24)]
            ledger.annual[("export_revenue", s, y)] += [
                (-w[d] * sd.export_price_per_kwh[y], b.export_kw[y, d, h]) for d in range(len(w)) for h in range(24)
            ]
        ledger.onsite_re_mwh[(s, y)] += used
        om = at(pv.om_per_kw_year, y)
        if om > 0:
            ledger.annual[("om_pv", s, y)].append((om, b.cap_kw[y]))
