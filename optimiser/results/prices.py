"""Marginal costs of the chosen plan, from the duals of the LP with the integer decisions fixed.

The implied carbon price of year y is the dual of `emissions.gross_t_def[y]`: raising that row's right-hand
side by one tonne adds a phantom tonne to the company total every target sees, so its dual is what one more
tonne of abatement in y costs (net present value). Divided by the discount factors of the calendar years the
modelled year stands for, it is a price in that year's money per tonne, comparable with offset and ETS prices.
It is zero in years where no emission target binds; it is the marginal cost of the plan as chosen, binaries
fixed (a discrete project's full cost is not marginal).
"""

from __future__ import annotations

import pandas as pd

from ..model.build import BuiltModel
from ..model.targets import TARGET_COMPONENTS


def dual_rows(b: BuiltModel) -> list[str]:
    m = b.model
    names = [m.emissions.gross_t_def[y].name for y in b.data.years]
    for comp_name in TARGET_COMPONENTS:
        comp = getattr(m, comp_name, None)
        if comp is not None:
            names += [con.name for con in comp.values()]
    return names


def carbon_price_table(b: BuiltModel, duals: dict[str, float]) -> pd.DataFrame:
    """year, implied_price_per_t (currency of the year per t), marginal_npv_per_t."""
    rows = []
    for y in b.data.years:
        npv = duals.get(b.model.emissions.gross_t_def[y].name)
        price = None if npv is None else _clean(npv / b.data.df_annual[y])
        rows.append((y, price, None if npv is None else _clean(npv)))
    return pd.DataFrame(rows, columns=["year", "implied_price_per_t", "marginal_npv_per_t"])


def target_marginals(b: BuiltModel, duals: dict[str, float]) -> dict[str, float]:
    """Constraint name -> net present cost of tightening it by one unit (t, MWh or currency)."""
    return {name: _clean(abs(v)) for name, v in duals.items() if not name.startswith("emissions.")}


def _clean(x: float) -> float:
    return 0.0 if abs(x) < 1e-7 else x
