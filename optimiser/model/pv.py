"""Rooftop PV.

Symbols (block `pv`, per site s and modelled year y; hourly on representative day d, hour h):
| symbol | unit | meaning |
| --- | --- | --- |
| `build_kw[y]`, `cap_kw[y]` | kWp | built in y; installed and within lifetime in y (see vintages) |
| `eff_kw[y]` | kWp | installed capacity derated for age: `sum_v (1 - deg)^(y - v) B[v]` |
| `curtail_kw` | kW | output thrown away (never while the site imports: see exclusive.py) |
| `profile[d,h]` | kW/kWp | output of one new kWp (<= 1, sums to the specific yield over the year) |

Generation `profile x eff_kw` minus curtailment goes on the bus and is the site's exportable generation
(the grid block sells it; grid power is never resold). Roof: `area_m2_per_kw x cap_kw <= roof_area_m2`.
In a dispatch check `cap_kw` and `eff_kw` are the plan's, fixed.
"""

from __future__ import annotations

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import at
from .context import Context
from .generation import add_operation
from .ledger import Ledger, lin
from .vintages import Fleet, add_fleet, add_om, build_years, fixed_capacity


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    sites = [s for s, sd in data.sites.items() if sd.site.pv and (ctx.mode != "bau" or sd.site.pv.existing_kw > 0)]
    if not sites:
        return
    m.pv = pyo.Block(sites, rule=lambda b, s: _site_block(b, s, data, ledger, ctx))


def design(b: pyo.Block, y: int) -> dict[str, float]:
    """The yearly decisions a dispatch check holds fixed."""
    return {"cap_kw": float(b.cap_kw[y].value or 0.0), "eff_kw": float(b.eff_kw[y].value or 0.0)}


def _site_block(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    sd = data.sites[s]
    pv = sd.site.pv
    assert pv is not None
    roof_kw = sd.site.roof_area_m2 / pv.area_m2_per_kw
    if ctx.design is not None:
        fixed_capacity(b, data, {n: ctx.design.get("pv", s, n) for n in ("cap_kw", "eff_kw")})
    else:
        _fleet(b, s, data, ledger, ctx, roof_kw)
    add_operation(b, s, data, ledger, sd.shape("pv"), b.eff_kw, roof_kw + pv.existing_kw)


def _fleet(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, ctx: Context, roof_kw: float) -> None:
    sd = data.sites[s]
    pv = sd.site.pv
    assert pv is not None
    max_build = min(roof_kw, pv.max_build_kw_per_year or roof_kw) if ctx.allow_new else 0.0
    years = data.years
    fleet = Fleet(
        name="kw",
        site=s,
        lifetime=pv.lifetime_years,
        capex_at=lambda t: at(pv.capex_per_kw, t),
        build_years=build_years(data, pv.earliest_year, pv.build_every_years),
        max_build=max_build,
        min_build=pv.min_build_kw if ctx.allow_new else 0.0,
        existing=pv.existing_kw,
        existing_built=pv.existing_built_year,
    )
    add_fleet(b, fleet, data, ledger, "pv")
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
    add_om(data, ledger, "om_pv", s, pv.om_per_kw_year, b.cap_kw)
