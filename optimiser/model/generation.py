"""Hourly operation of an on-site generator whose output follows a profile (PV, wind): what it writes to the
ledger. The lever's own module sizes the fleet; this adds the hours.

Per site and hour key (year, day, hour): output `profile[d,h] x out_kw[y]` minus curtailment `curtail_kw` goes on
the bus and is exportable generation (the grid block sells it; grid power is never resold); curtailment may not
run while the site imports (see exclusive.py); the output used on site is renewable.
"""

from __future__ import annotations

import numpy as np
import pyomo.environ as pyo

from ..data import ModelData
from .grid import hour_keys
from .ledger import Ledger


def add_operation(
    b: pyo.Block, s: str, data: ModelData, ledger: Ledger, profile: np.ndarray, out_kw: pyo.Var, max_kw: float
) -> None:
    """`profile` [days, 24] in kW per kW of `out_kw[y]` (the output capacity of each year); `max_kw` bounds it
    (the most the site could ever install): the upper bounds either-or pairs need."""
    sd = data.sites[s]
    keys = [k[1:] for k in hour_keys(data, s)]
    b.curtail_kw = pyo.Var(keys, domain=pyo.NonNegativeReals)
    if all(out_kw[y].fixed for y in data.years):  # a dispatch check: output is known, its limit a bound
        for y, d, h in keys:
            b.curtail_kw[y, d, h].setub(float(profile[d, h]) * out_kw[y].value)
    else:
        b.curtail_max = pyo.Constraint(
            keys, rule=lambda b, y, d, h: b.curtail_kw[y, d, h] <= float(profile[d, h]) * out_kw[y]
        )
    potential = max_kw * profile
    ledger.export_source_max_kw[s] = ledger.export_source_max_kw.get(s, 0.0) + potential
    curtail = dict(b.curtail_kw.items())
    site_curtail = {(s, *k): v for k, v in curtail.items()}
    ledger.curtailment[s].update(site_curtail)
    ledger.not_while_importing[s].append(
        ("curtail", site_curtail, {(s, *k): float(potential[k[1], k[2]]) for k in keys})
    )
    for y, d, h in keys:
        output = [(float(profile[d, h]), out_kw[y]), (-1.0, curtail[y, d, h])]
        ledger.bus[(s, y, d, h)] += output
        ledger.export_source[(s, y, d, h)] += output
        ledger.design_supply[(s, y, d, h)].append(output[0])
    for y in data.years:  # the design exclusive.py assumes until a solution says otherwise: all it could be
        if not out_kw[y].fixed:
            out_kw[y].value = max_kw
    w = sd.weights
    day_yield = float((profile.sum(axis=1) * w).sum()) / 1000.0
    for y in data.years:
        used = [(day_yield, out_kw[y])]
        used += [(-w[d] / 1000.0, curtail[y, d, h]) for d in range(len(w)) for h in range(24)]
        ledger.onsite_re_mwh[(s, y)] += used
