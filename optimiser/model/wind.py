"""On-site wind turbines.

Symbols (block `wind`, per site s and modelled year y):
| symbol | unit | meaning |
| --- | --- | --- |
| `build_kw[y]`, `cap_kw[y]` | kW | built in y; installed and within lifetime in y (see vintages) |
| `curtail_kw` | kW | output thrown away (never while the site imports) |
| `profile[d,h]` | kW/kW | output of one kW installed (from the scenario's CSV) |

`cap_kw[y] <= max_kw` (land and permits). Output `profile x cap_kw` minus curtailment goes on the bus as on-site,
exportable, renewable generation (see generation.py). In a dispatch check `cap_kw` is the plan's, fixed.
"""

from __future__ import annotations

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import at
from .context import Context
from .generation import add_operation
from .ledger import Ledger
from .vintages import Fleet, add_fleet, add_om, build_years, fixed_capacity


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    sites = [s for s, sd in data.sites.items() if sd.site.wind and (ctx.mode != "bau" or sd.site.wind.existing_kw > 0)]
    if sites:
        m.wind = pyo.Block(sites, rule=lambda b, s: _site_block(b, s, data, ledger, ctx))


def design(b: pyo.Block, y: int) -> dict[str, float]:
    """The yearly decision a dispatch check holds fixed."""
    return {"cap_kw": float(b.cap_kw[y].value or 0.0)}


def _site_block(b: pyo.Block, s: str, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    spec = data.sites[s].site.wind
    assert spec is not None
    if ctx.design is not None:
        fixed_capacity(b, data, {"cap_kw": ctx.design.get("wind", s, "cap_kw")})
    else:
        fleet = Fleet(
            name="kw",
            site=s,
            lifetime=spec.lifetime_years,
            capex_at=lambda t: at(spec.capex_per_kw, t),
            build_years=build_years(data, spec.earliest_year, spec.build_every_years),
            max_build=spec.max_kw if ctx.allow_new else 0.0,
            existing=spec.existing_kw,
            existing_built=spec.existing_built_year,
        )
        add_fleet(b, fleet, data, ledger, "wind")
        b.site_max = pyo.Constraint(data.years, rule=lambda b, y: b.cap_kw[y] <= spec.max_kw)
        add_om(data, ledger, "om_wind", s, spec.om_per_kw_year, b.cap_kw)
    add_operation(b, s, data, ledger, data.sites[s].shape("wind"), b.cap_kw, spec.max_kw)
