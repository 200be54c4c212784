"""heat_dispatch.csv: each heat demand's hourly balance on the representative days, kW heat.

One row per site, year, day, hour and heat demand (carrier). `demand_kw` is the baseline demand; every column
after it is heat into the balance (a use, such as charging a store, is negative), so that
`boiler_kw + sum(lever columns) = demand_kw` in every row. The lever columns are those the registry declares
(`Lever.heat_columns`), zeros where a lever is absent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..levers import LEVERS
from ..model.heat import BOILER, DEMAND
from ..model.ledger import value_of
from .values import val

if TYPE_CHECKING:
    from ..model.build import BuiltModel

KEYS = ["site", "year", "day", "day_weight", "hour", "carrier", "medium", "temperature_c"]


def heat_columns() -> list[str]:
    return [c for lever in LEVERS for c in lever.heat_columns]


def _column(b: BuiltModel, key: tuple, name: str) -> float:
    by_column = b.ledger.heat.get(key)
    return value_of(by_column.get(name, [])) if by_column else 0.0


def heat_dispatch_table(b: BuiltModel) -> pd.DataFrame:
    """The table described above; no rows when no site has a heat demand."""
    columns = heat_columns()
    frames = []
    heat = getattr(b.model, "heat", None)  # the core's heat block: absent without heat demands
    for s, sd in b.data.sites.items():
        n = sd.days.n_days
        for c, hd in sd.heat.items():
            for y in b.data.years:
                assert heat is not None
                cols = {
                    DEMAND: sd.heat_kw(c, y),
                    BOILER: np.array([[val(heat.boiler_kw[s, c, y, d, h]) for h in range(24)] for d in range(n)]),
                }
                for name in columns:
                    cols[name] = np.array([[_column(b, (s, c, y, d, h), name) for h in range(24)] for d in range(n)])
                frame = pd.DataFrame({k: v.ravel() for k, v in cols.items()})
                frame.insert(0, "temperature_c", hd.demand.temperature_c)
                frame.insert(0, "medium", hd.demand.medium)
                frame.insert(0, "carrier", c)
                frame.insert(0, "hour", np.tile(np.arange(24), n))
                frame.insert(0, "day_weight", np.repeat(sd.weights, 24))
                frame.insert(0, "day", np.repeat(np.arange(n), 24))
                frame.insert(0, "year", y)
                frame.insert(0, "site", s)
                frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=[*KEYS, DEMAND, BOILER, *columns])
    return pd.concat(frames, ignore_index=True)
