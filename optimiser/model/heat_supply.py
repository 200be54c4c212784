"""Heat plants that convert one carrier into heat: heat pumps and electric boilers (electricity -> heat) and
CHP (fuel -> electricity + heat). One module sizes and runs all three; each lever states its conversion.

Symbols (block `<lever>`, per site s): fleet `build_kw/cap_kw` (see vintages; kW heat, CHP kW electric),
hourly `heat_kw[c,y,d,h]` into each heat demand c it serves, and for CHP `elec_kw[y,d,h]`.
| rule | constraint |
| --- | --- |
| `output_max` | `sum_c heat_kw[c] <= heat_per_kw x cap_kw` (one capacity shared by the demands it serves) |
| electricity | `ledger.bus += bus_per_heat[c] x heat_kw[c]` (heat pump `-1/COP_c`, e-boiler `-1/eff`) |
| CHP | `elec_kw = sum_c heat_kw[c] x eta_el / eta_th` on the bus, `fuel += heat / eta_th`; never while exporting |
Part load runs at full-load efficiency (no minimum load): a linear simplification stated in docs/modelling.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.heat import HeatFleet, served
from ..scenario.trajectory import at
from .context import Context
from .grid import hour_keys
from .heat import heat_keys
from .ledger import Ledger, lin
from .vintages import Fleet, add_fleet, add_om, build_years, fixed_capacity


@dataclass(frozen=True)
class Conversion:
    """What a kW of the plant's output means for the other carriers."""

    name: str  # the lever's name: block, cost categories, dispatch columns
    spec_of: Callable[[str, ModelData], HeatFleet | None]  # the site's spec, or None
    heat_per_kw: Callable[[HeatFleet], float]  # heat out per unit of capacity
    bus_per_heat: Callable[[HeatFleet, float], float]  # electricity into the bus per kW heat at a temperature
    fuel: Callable[[HeatFleet], tuple[str, float] | None] = lambda spec: None  # (fuel, MWh fuel per MWh heat)
    exportable: bool = True  # False: its electricity may not run while the site exports (CHP)

    @property
    def heat_column(self) -> str:
        """Its column in heat_dispatch.csv (heat into the demand's balance)."""
        return f"{self.name}_heat_kw"

    @property
    def column(self) -> str:
        """Its column in dispatch.csv (electricity drawn; CHP: made)."""
        return f"{self.name}_kw"


def served_ids(spec: HeatFleet, data: ModelData, s: str) -> list[str]:
    return [d.id for d in served(spec, data.sites[s].site.heat)]


def max_heat_kw(spec: HeatFleet, conv: Conversion, data: ModelData, s: str) -> float:
    """Largest heat output the site may install: `max_kw`, else twice the peak of the demands served."""
    if spec.max_kw is not None:
        return max(spec.max_kw, spec.existing_kw) * conv.heat_per_kw(spec)
    sd = data.sites[s]
    peak = sum(max(float(sd.heat_kw(c, y).max()) for y in data.years) for c in served_ids(spec, data, s))
    return max(2.0 * peak, spec.existing_kw * conv.heat_per_kw(spec))


def add(conv: Conversion, m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    sites = []
    for s in data.sites:
        spec = conv.spec_of(s, data)
        if spec is not None and (ctx.mode != "bau" or spec.existing_kw > 0):
            sites.append(s)
    if sites:
        m.add_component(conv.name, pyo.Block(sites, rule=lambda b, s: _site_block(b, s, conv, data, ledger, ctx)))


def design(b: pyo.Block, y: int) -> dict[str, float]:
    """The yearly decision a dispatch check holds fixed."""
    return {"cap_kw": float(b.cap_kw[y].value or 0.0)}


def _site_block(b: pyo.Block, s: str, conv: Conversion, data: ModelData, ledger: Ledger, ctx: Context) -> None:
    spec = conv.spec_of(s, data)
    assert spec is not None
    ratio = conv.heat_per_kw(spec)
    cap_max = max_heat_kw(spec, conv, data, s) / ratio
    if ctx.design is not None:
        fixed_capacity(b, data, {"cap_kw": ctx.design.get(conv.name, s, "cap_kw")})
        cap_max = max(cap_max, ctx.design.get(conv.name, s, "cap_kw"))
    else:
        fleet = Fleet(
            name="kw",
            site=s,
            lifetime=spec.lifetime_years,
            capex_at=lambda t: at(spec.capex_per_kw, t),
            build_years=build_years(data, spec.earliest_year, spec.build_every_years),
            max_build=cap_max if ctx.allow_new else 0.0,
            existing=spec.existing_kw,
            existing_built=spec.existing_built_year,
        )
        add_fleet(b, fleet, data, ledger, conv.name)
        b.site_max = pyo.Constraint(data.years, rule=lambda b, y: b.cap_kw[y] <= cap_max)
        add_om(data, ledger, f"om_{conv.name}", s, spec.om_per_kw_year, b.cap_kw)
    _operation(b, s, spec, conv, data, ledger, cap_max)


def _operation(
    b: pyo.Block, s: str, spec: HeatFleet, conv: Conversion, data: ModelData, ledger: Ledger, cap_max: float
) -> None:
    sd = data.sites[s]
    carriers = served_ids(spec, data, s)
    keys = [k[1:] for c in carriers for k in heat_keys(data, s, c)]
    ratio = conv.heat_per_kw(spec)
    b.heat_kw = pyo.Var(keys, domain=pyo.NonNegativeReals, bounds=(0, cap_max * ratio))
    heat = dict(b.heat_kw.items())
    hours = [k[1:] for k in hour_keys(data, s)]
    cap = dict(b.cap_kw.items())
    b.output_max = pyo.Constraint(
        hours,
        rule=lambda _, y, d, h: lin([(1.0, heat[c, y, d, h]) for c in carriers] + [(-ratio, cap[y])]) <= 0.0,
    )
    for c, y, d, h in keys:
        ledger.heat[(s, c, y, d, h)][conv.heat_column].append((1.0, heat[c, y, d, h]))
    per_heat = {c: conv.bus_per_heat(spec, sd.heat[c].demand.temperature_c) for c in carriers}
    draw = -min(per_heat.values())
    if draw > 0:
        ledger.demand_max_kw[s] += cap_max * ratio * draw
    if conv.exportable:
        for y, d, h in hours:
            ledger.bus[(s, y, d, h)] += [(per_heat[c], heat[c, y, d, h]) for c in carriers]
    else:
        _generator(b, s, carriers, per_heat, hours, heat, ledger, cap_max)
        _variable_om(b, s, conv, spec, data, ledger)
    fuel = conv.fuel(spec)
    if fuel is not None:
        name, per_mwh = fuel
        w = sd.weights
        for y in data.years:
            ledger.fuel_mwh[(s, name, y)] += [
                (w[d] * per_mwh / 1000.0, heat[c, y, d, h]) for c in carriers for d in range(len(w)) for h in range(24)
            ]


def _generator(
    b: pyo.Block, s: str, carriers: list[str], per_heat: dict, hours: list, heat: dict, ledger: Ledger, cap_max: float
) -> None:
    """Electricity made with the heat (CHP): on the bus, not exportable, and idle while the site exports."""
    b.elec_kw = pyo.Var(hours, domain=pyo.NonNegativeReals, bounds=(0, cap_max))
    elec = dict(b.elec_kw.items())
    b.elec_def = pyo.Constraint(
        hours,
        rule=lambda _, y, d, h: (
            lin([(1.0, elec[y, d, h])] + [(-per_heat[c], heat[c, y, d, h]) for c in carriers]) == 0.0
        ),
    )
    for k in hours:
        ledger.bus[(s, *k)].append((1.0, elec[k]))
    flows = {(s, *k): v for k, v in elec.items()}
    ledger.not_while_exporting[s].append(("chp", flows, dict.fromkeys(flows, cap_max)))


def variable_om(conv: Conversion) -> str:
    """The cost category of its O&M per MWh made (it follows the dispatch)."""
    return f"om_variable_{conv.name}"


def _variable_om(b: pyo.Block, s: str, conv: Conversion, spec: HeatFleet, data: ModelData, ledger: Ledger) -> None:
    """Variable O&M per MWh of electricity made (engines: oil, spark plugs, overhauls by running hours)."""
    price = getattr(spec, "om_per_mwh", 0.0)
    w = data.sites[s].weights
    for y in data.years:
        per_kwh = at(price, y) / 1000.0
        if per_kwh > 0:
            ledger.annual[(variable_om(conv), s, y)] += [
                (w[d] * per_kwh, b.elec_kw[y, d, h]) for d in range(len(w)) for h in range(24)
            ]
