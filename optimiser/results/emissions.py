"""The emissions table of a solved model: per year, site, scope and source, in t CO2e with the CO2 part apart.

| scope | sources |
| --- | --- |
| `scope1` | `fuel:<fuel>` (fossil and biomass fuels burnt on site), `process`, `process:<id>`, `refrigerant:<id>` |
| `scope2_location`, `scope2_market` | `grid` (imports; market: net of certificates), `heat:<fuel>` (purchased heat) |
| `scope2_location` | `export:grid` (exported electricity as negative activity; counted on the location basis) |
| `offsets` | one row per product retired (negative), from the offsets lever |
`t` is t CO2e as counted; `co2_t` its fossil CO2 part; `biogenic_co2_t` biomass CO2, reported and not counted.
Process rows share the model's `process_t` in proportion to the baseline sources (measures cut them alike).
"""

from __future__ import annotations

import pandas as pd

from ..data.modeldata import SiteData
from ..levers import present
from ..model.build import BuiltModel
from ..model.ledger import value_of
from .values import val

COLUMNS = [
    "year", "site", "scope", "source", "activity", "activity_unit", "factor_t_per_unit", "t", "co2_t", "biogenic_co2_t"
]  # fmt: skip


def emissions_table(b: BuiltModel) -> pd.DataFrame:
    m, d = b.model, b.data
    e = m.emissions
    deduct = d.scenario.accounting.deduct_exported_electricity
    rows: list[tuple] = []
    for s, sd in d.sites.items():
        for y in d.years:
            for f, fe in sd.fuels.items():
                mwh = val(e.fuel_mwh[s, f, y])
                ef, co2, bio = fe.counted_t_per_mwh[y], fe.co2_t_per_mwh[y], fe.biogenic_t_per_mwh[y]
                if fe.scope == "scope1":
                    rows.append((y, s, "scope1", f"fuel:{f}", mwh, "MWh", ef, mwh * ef, mwh * co2, mwh * bio))
                else:
                    for scope in ("scope2_location", "scope2_market"):
                        rows.append((y, s, scope, f"heat:{f}", mwh, "MWh", ef, mwh * ef, mwh * co2, 0.0))
            rows += _process_rows(sd, y, val(e.process_t[s, y]))
            imported = val(m.grid.imported_mwh[s, y])
            loc = val(e.scope2_location_t[s, y])
            loc_ef = loc / imported if imported else d.grid_ef[y]
            rows.append((y, s, "scope2_location", "grid", imported, "MWh", loc_ef, loc, loc, 0.0))
            green = value_of(b.ledger.green_mwh.get((s, y), []))
            market = val(e.scope2_market_t[s, y])
            rows.append(
                (y, s, "scope2_market", "grid", imported - green, "MWh", d.grid_market_ef[y], market, market, 0.0)
            )
            exported = val(m.grid.exported_mwh[s, y]) if (s, y) in m.grid.exported_mwh else 0.0
            if deduct and exported > 0:  # counted only on the location basis (model/emissions.py deducts_exports)
                t = -val(e.exported_t[s, y])  # at the hourly factor, like the imports
                rows.append((y, s, "scope2_location", "export:grid", -exported, "MWh", -t / exported, t, t, 0.0))
    rows += [(*row, row[-1], 0.0) for lever, block in present(m) for row in lever.emissions(b, block)]
    return pd.DataFrame(rows, columns=COLUMNS)


def _process_rows(sd: SiteData, y: int, process_t: float) -> list[tuple]:
    sources = [src for src in sd.direct if src.source != "process" or src.t(y) > 0]
    base = sum(src.t(y) for src in sources)
    if base <= 0:  # no baseline source: one row (a measure cannot add process emissions, so it is 0)
        return [(y, sd.id, "scope1", "process", process_t, "t CO2e", 1.0, process_t, process_t, 0.0)]
    rows = []
    for src in sources:
        share = src.t(y) / base
        t = process_t * share
        unit = "t CO2e" if src.gas == "CO2e" else f"t {src.gas}"
        co2 = t if src.gas in ("CO2", "CO2e") else 0.0  # process_t_per_year is taken as CO2 (other gases: by source)
        rows.append((y, sd.id, "scope1", src.source, src.t_gas[y] * process_t / base, unit, src.gwp, t, co2, 0.0))
    return rows
