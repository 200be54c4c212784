"""What the three heat plants' declarations share (heat_pump.py, electric_boiler.py, chp.py): a `Lever` made from
the plant's `Conversion` (model/heat_supply.py). Each plant's module still declares its own names and costs."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from ..model import heat_supply
from ..model.heat_supply import Conversion, served_ids
from ..results.values import val
from ..scenario.trajectory import at
from .base import Block, Hourly, Lever, Purpose, Shown
from .util import at_most, build_rows, mwh

if TYPE_CHECKING:
    from ..model.build import BuiltModel
    from ..scenario.heat import HeatFleet
    from ..scenario.schema import Scenario
    from ..scenario.site import Site


def _spec(b: BuiltModel, conv: Conversion, s: str) -> HeatFleet:
    spec = conv.spec_of(s, b.data)
    assert spec is not None  # a plant's block exists only where the site offers it
    return spec


def heat_by_carrier(b: BuiltModel, conv: Conversion, site_block: Block, s: str, y: int) -> dict[str, np.ndarray]:
    """Heat into each demand served, kW [days, 24]."""
    n = b.data.sites[s].days.n_days
    return {
        c: np.array([[val(site_block.heat_kw[c, y, d, h]) for h in range(24)] for d in range(n)])
        for c in served_ids(_spec(b, conv, s), b.data, s)
    }


def electricity_kw(b: BuiltModel, conv: Conversion, site_block: Block, s: str, y: int) -> np.ndarray:
    """Electricity into the site's bus, kW [days, 24]: negative when drawn (heat pump), positive when made (CHP)."""
    spec, sd = _spec(b, conv, s), b.data.sites[s]
    heat = heat_by_carrier(b, conv, site_block, s, y)
    return sum(
        (conv.bus_per_heat(spec, sd.heat[c].demand.temperature_c) * kw for c, kw in heat.items()),
        np.zeros((sd.days.n_days, 24)),
    )


def _dispatch(conv: Conversion, sign: float, b: BuiltModel, site_block: Block, s: str, y: int) -> Hourly:
    return {conv.column: sign * electricity_kw(b, conv, site_block, s, y)}


def _activity(conv: Conversion, item: str, b: BuiltModel, block: Block) -> list[tuple]:
    """Heat made, electricity drawn (+) or made (-), and fuel: its own (CHP) minus what the boilers no longer burn."""
    rows = []
    for s in block or []:
        sd, spec = b.data.sites[s], _spec(b, conv, s)
        for y in b.data.years:
            heat = heat_by_carrier(b, conv, block[s], s, y)
            fuel: dict[str, float] = {}
            for c, kw in heat.items():
                hd = sd.heat[c]
                fuel[hd.demand.fuel] = fuel.get(hd.demand.fuel, 0.0) - mwh(kw, sd.weights) * hd.fuel_mwh_per_mwh
            own = conv.fuel(spec)
            if own is not None:
                fuel[own[0]] = fuel.get(own[0], 0.0) + sum(mwh(kw, sd.weights) for kw in heat.values()) * own[1]
            values = {
                "heat_mwh": sum(mwh(kw, sd.weights) for kw in heat.values()),
                "electricity_mwh": -mwh(electricity_kw(b, conv, block[s], s, y), sd.weights),
                **{f"fuel_mwh:{f}": v for f, v in sorted(fuel.items())},
            }
            rows += [(y, s, conv.name, item, q, "MWh", v) for q, v in values.items()]
    return rows


def _capacity(conv: Conversion, b: BuiltModel, block: Block, y: int) -> list[tuple[str, str, str, float]]:
    return [(s, f"{conv.name}_capacity", "kW", val(block[s].cap_kw[y])) for s in block or []]


def _limits(conv: Conversion, what: str, b: BuiltModel, block: Block, purpose: Purpose, y: int) -> list[str]:
    out = []
    for s in block or []:
        cap = val(block[s].cap_kw[y])
        limit = heat_supply.max_heat_kw(_spec(b, conv, s), conv, b.data, s) / conv.heat_per_kw(_spec(b, conv, s))
        if at_most(cap, limit):
            out.append(f"{what} at {s} is at its limit ({limit:,.0f} kW)")
    return out


def _offered(conv: Conversion, scenario: Scenario, site: Site | None) -> list[str]:
    return [conv.name] if site is not None and getattr(site, conv.name, None) is not None else []


def heat_plant_lever(
    conv: Conversion, order: int, shown: Shown, item: str, action: str, panel: str, electric: tuple[str, float]
) -> Lever:
    """A heat plant's declaration; `electric` is (label of its dispatch bar, sign: -1 drawn, +1 made)."""
    label, sign = electric
    return Lever(
        order=order,
        name=conv.name,
        add=partial(heat_supply.add, conv),
        design=heat_supply.design,
        shown={conv.name: shown},
        costs={
            f"capital_{conv.name}": "Capital (annualised)",
            f"om_{conv.name}": "O&M",
            heat_supply.variable_om(conv): "O&M",
        },
        operating_costs=(heat_supply.variable_om(conv),),
        roadmap=lambda b, block: build_rows(
            b, block, conv.name, action, "kW", lambda s, y: at(_spec(b, conv, s).capex_per_kw, y)
        ),
        capacity=partial(_capacity, conv),
        panels=((f"{conv.name}_capacity", panel),),
        activity=partial(_activity, conv, item),
        dispatch_columns=(conv.column,),
        dispatch=partial(_dispatch, conv, sign),
        series=((label, conv.column, sign, shown.colour),),
        heat_series=((shown.en, conv.heat_column, shown.colour),),
        limits=partial(_limits, conv, shown.en),
        offered=partial(_offered, conv),
    )
