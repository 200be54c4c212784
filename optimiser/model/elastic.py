"""The elastic plan: every target and limit gets a slack, and the objective becomes the total shortfall.

Solved when the plan is infeasible, to say which target fails, in which year and by how much. For a row
`body <= bound` the slack enters as `body - slack <= bound` (for `>=`, `body + slack >= bound`). The
objective is `SHORTFALL_WEIGHT x sum PRIORITY[target] x slack + net present cost`: the shortfall comes first;
the cost only chooses among plans with the same shortfall, so the elastic plan does not waste energy or money
for nothing. Limits the user set on the means (offsets policy, capex budget) cost ten times more than the
emission targets, so the diagnosis reports the target that is missed and names the limit as its cause rather
than the other way round. Physical limits (roof area, availability of offsets and certificates) are bounds and
stay hard: they are the levers "at their limits".
"""

from __future__ import annotations

from dataclasses import dataclass

import pyomo.environ as pyo

from ..claims.components import COMPONENTS as CLAIM_COMPONENTS
from ..targets import COMPONENTS
from .build import BuiltModel
from .targets import TARGET_COMPONENTS

RELAXED = {**COMPONENTS, **{c.name: c for c in CLAIM_COMPONENTS}}  # target kinds' rows and constrained claims'
UNITS = {name: c.unit for name, c in RELAXED.items()}
PRIORITY = {name: c.priority for name, c in RELAXED.items()}
SHORTFALL_WEIGHT = 1e6  # currency per unit of shortfall: above any abatement cost, so shortfall comes first


@dataclass
class Elastic:
    slacks: dict[tuple[str, object], pyo.Var]  # (target component, index) -> slack


def relax(built: BuiltModel) -> Elastic:
    """Turn the plan model (mode `targets`) into its elastic version, in place."""
    m = built.model
    names = [*TARGET_COMPONENTS, *(c.name for c in CLAIM_COMPONENTS)]
    keys = [(name, idx) for name in names if getattr(m, name, None) is not None for idx in getattr(m, name)]
    m.elastic_slack = pyo.Var(range(len(keys)), domain=pyo.NonNegativeReals)
    slacks = {}
    for i, (name, idx) in enumerate(keys):
        con = getattr(m, name)[idx]
        slack = m.elastic_slack[i]
        if con.has_ub():
            con.set_value(con.body - slack <= con.upper)
        else:
            con.set_value(con.body + slack >= con.lower)
        slacks[(name, idx)] = slack
    m.net_present_cost.deactivate()
    shortfall = sum(SHORTFALL_WEIGHT * PRIORITY.get(name, 1.0) * v for (name, _), v in slacks.items())
    m.shortfall = pyo.Objective(expr=shortfall + m.net_present_cost.expr, sense=pyo.minimize)
    return Elastic(slacks)
