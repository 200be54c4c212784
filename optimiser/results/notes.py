"""Plain-word notes on what a plan does that a reader might not expect, with the numbers behind them: years in
which the plan emits more than business as usual (and why), and export revenue conservative netting leaves
out (see model/grid.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..data import ModelData
from ..levers import lever_tables

if TYPE_CHECKING:
    from ..run import CaseResult

TOL_T = 0.5  # half a tonne: smaller differences are rounding


def plan_notes(data: ModelData, cases: dict[str, CaseResult], tables: dict[str, pd.DataFrame]) -> list[str]:
    notes = _above_bau(data, cases, tables)
    notes += _uncounted_revenue(data, cases["plan"].activity)
    return notes


def _above_bau(data: ModelData, cases: dict[str, CaseResult], tables: dict[str, pd.DataFrame]) -> list[str]:
    plan = cases["plan"].pathway.set_index("year")["gross_t"]
    bau = cases["bau"].pathway.set_index("year")["gross_t"]
    out = []
    for y in data.years:
        extra = float(plan[y] - bau[y])
        if extra <= TOL_T:
            continue
        # the first reason a lever's own table gives (battery losses of grid-charged arbitrage)
        why = next((r for t in lever_tables() if (r := t.why_more(data, tables[t.name], y))), "")
        out.append(f"in {y} the plan emits {extra:,.0f} t more than business as usual{why}")
    return out


def _uncounted_revenue(data: ModelData, activity: pd.DataFrame) -> list[str]:
    rows = activity[activity["quantity"] == "export_revenue_uncounted"]
    if rows.empty or rows["value"].abs().max() < 0.5:
        return []
    npv = sum(float(r.value) * data.df_annual[int(r.year)] for r in rows.itertuples())
    return [
        f"exported PV in hours when grid power costs less than the export price is counted at the grid price "
        f"(conservative netting: one meter, one flow); the export tariff would pay {npv:,.0f} "
        f"{data.scenario.currency} more in net present value (set tariff.netting: exact to count it)"
    ]
