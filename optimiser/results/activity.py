"""What each lever did in a solved case, in physical units: the raw material of the abatement wedges. The rows
come from each lever's `activity` hook (levers/) and from the meter.

Columns: year, site, lever, item, quantity, unit, value (per calendar year the modelled year stands for).
| lever | quantity | meaning |
| --- | --- | --- |
| `retrofit:<kind>` | `electricity_mwh`, `fuel_mwh:<fuel>`, `process_t` | change against the baseline (negative saves) |
| `pv` | `generation_mwh`, `used_mwh`, `export_mwh`, `curtailed_mwh` | PV output and where it went |
| `storage` | `charged_mwh`, `discharged_mwh`, `losses_mwh` | battery throughput; losses = charged - discharged |
| `green_electricity` | `certified_mwh` | grid imports covered by certificates or PPAs |
| `offsets` | `retired_t`, `eligible_t` | offsets retired; the part that counts toward neutrality |
| `grid` | `imported_mwh`, `exported_mwh`, `peak_import_kw` | the meter: energy both ways and the highest import |
| `grid` | `export_revenue_uncounted` | export revenue conservative netting does not count (currency) |
"""

from __future__ import annotations

import pandas as pd

from ..levers import check_declared, present
from ..levers.util import mwh
from ..model.build import BuiltModel
from ..model.grid import export_value_per_kwh
from .values import site_hourly

COLUMNS = ["year", "site", "lever", "item", "quantity", "unit", "value"]


def activity_table(b: BuiltModel) -> pd.DataFrame:
    rows: list[tuple] = [row for lever, block in present(b.model) for row in lever.activity(b, block)]
    rows += _grid(b)
    out = pd.DataFrame(rows, columns=COLUMNS)
    check_declared(out["lever"], "activity")
    return out


def _grid(b: BuiltModel) -> list[tuple]:
    m, d = b.model, b.data
    rows = []
    for s, sd in d.sites.items():
        n = sd.days.n_days
        for y in d.years:
            imports = site_hourly(m.grid.import_kw, s, y, n)
            exports = site_hourly(m.grid.export_kw, s, y, n)
            gap = sd.export_price_per_kwh[y] - export_value_per_kwh(sd, y)  # [24]
            rows += [
                (y, s, "grid", "meter", "imported_mwh", "MWh", mwh(imports, sd.weights)),
                (y, s, "grid", "meter", "exported_mwh", "MWh", mwh(exports, sd.weights)),
                (y, s, "grid", "meter", "peak_import_kw", "kW", float(imports.max())),
                (
                    y,
                    s,
                    "grid",
                    "meter",
                    "export_revenue_uncounted",
                    d.scenario.currency,
                    1000.0 * mwh(exports * gap, sd.weights),
                ),
            ]
    return rows
