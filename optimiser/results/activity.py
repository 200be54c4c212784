"""What each lever did in a solved case, in physical units: the raw material of the abatement wedges.

Columns: year, site, lever, item, quantity, unit, value (per calendar year the modelled year stands for).
| lever | quantity | meaning |
| --- | --- | --- |
| `retrofit:<kind>` | `electricity_mwh`, `fuel_mwh:<fuel>`, `process_t` | change against the baseline (negative saves) |
| `onsite_pv` | `generation_mwh`, `used_mwh`, `export_mwh`, `curtailed_mwh` | PV output and where it went |
| `storage` | `charged_mwh`, `discharged_mwh`, `losses_mwh` | battery throughput; losses = charged - discharged |
| `green_electricity` | `certified_mwh` | grid imports covered by certificates or PPAs |
| `offsets` | `retired_t`, `eligible_t` | offsets retired; the part that counts toward neutrality |
| `grid` | `imported_mwh`, `exported_mwh`, `peak_import_kw` | the meter: energy both ways and the highest import |
| `grid` | `export_revenue_uncounted` | export revenue conservative netting does not count (currency) |
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyomo.environ as pyo

from ..data import SiteData
from ..model.build import BuiltModel
from ..model.grid import export_value_per_kwh
from ..model.retrofits import fuel_saved_mwh, load_cut_kw
from .values import hourly, site_hourly, val

COLUMNS = ["year", "site", "lever", "item", "quantity", "unit", "value"]


def activity_table(b: BuiltModel) -> pd.DataFrame:
    rows: list[tuple] = []
    for collect in (_retrofits, _pv, _storage, _market, _grid):
        rows += collect(b)
    return pd.DataFrame(rows, columns=COLUMNS)


def _mwh(kw: np.ndarray, weights: np.ndarray) -> float:
    """kW on the representative days [days, 24] -> MWh a year."""
    return float((kw.sum(axis=1) * weights).sum()) / 1000.0


def _retrofits(b: BuiltModel) -> list[tuple]:
    m, d = b.model, b.data
    rows = []
    for s in m.retrofits if hasattr(m, "retrofits") else []:
        sd = d.sites[s]
        for r in sd.site.retrofits:
            lever = f"retrofit:{r.kind}"
            for y in d.years:
                on = val(m.retrofits[s].on[r.id, y])
                if on < 1e-9:
                    continue
                cut_mwh = _mwh(load_cut_kw(sd, r, y), sd.weights)
                rows.append((y, s, lever, r.id, "electricity_mwh", "MWh", -on * cut_mwh))
                for fuel, saved in fuel_saved_mwh(sd, r, y).items():
                    rows.append((y, s, lever, r.id, f"fuel_mwh:{fuel}", "MWh", -on * saved))
                if r.process_saving_t:
                    rows.append((y, s, lever, r.id, "process_t", "t", -on * r.process_saving_t))
    return rows


def _pv(b: BuiltModel) -> list[tuple]:
    def one_year(sd: SiteData, block: pyo.Block, y: int, n: int) -> dict[str, float]:
        generation = _mwh(sd.pv_kw_per_kwp * val(block.eff_kw[y]), sd.weights)
        curtailed = _mwh(hourly(block.curtail_kw, y, n), sd.weights)
        export = _mwh(site_hourly(b.model.grid.export_kw, sd.id, y, n), sd.weights)
        used = generation - curtailed - export
        return {"generation_mwh": generation, "used_mwh": used, "export_mwh": export, "curtailed_mwh": curtailed}

    return _per_site_year(b, "pv", "onsite_pv", "pv", one_year)


def _storage(b: BuiltModel) -> list[tuple]:
    def one_year(sd: SiteData, block: pyo.Block, y: int, n: int) -> dict[str, float]:
        charged = _mwh(hourly(block.charge_kw, y, n), sd.weights)
        discharged = _mwh(hourly(block.discharge_kw, y, n), sd.weights)
        return {"charged_mwh": charged, "discharged_mwh": discharged, "losses_mwh": charged - discharged}

    return _per_site_year(b, "storage", "storage", "battery", one_year)


def _per_site_year(
    b: BuiltModel, block_name: str, lever: str, item: str, one_year: Callable[..., dict[str, float]]
) -> list[tuple]:
    """MWh quantities of a lever's block, per site and year."""
    m, d = b.model, b.data
    rows = []
    for s in getattr(m, block_name) if hasattr(m, block_name) else []:
        sd = d.sites[s]
        for y in d.years:
            for quantity, value in one_year(sd, getattr(m, block_name)[s], y, sd.days.n_days).items():
                rows.append((y, s, lever, item, quantity, "MWh", value))
    return rows


def _market(b: BuiltModel) -> list[tuple]:
    m, d = b.model, b.data
    rows = []
    if hasattr(m, "green"):
        for (s, y), var in m.green.mwh.items():
            rows.append((y, s, "green_electricity", "certificates", "certified_mwh", "MWh", val(var)))
    if hasattr(m, "offsets"):
        eligible = {o.id: o.eligible_for_neutrality for o in d.scenario.offsets}
        for (oid, y), var in m.offsets.retired_t.items():
            t = val(var)
            rows.append((y, "company", "offsets", oid, "retired_t", "t", t))
            rows.append((y, "company", "offsets", oid, "eligible_t", "t", t if eligible[oid] else 0.0))
    return rows


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
                (y, s, "grid", "meter", "imported_mwh", "MWh", _mwh(imports, sd.weights)),
                (y, s, "grid", "meter", "exported_mwh", "MWh", _mwh(exports, sd.weights)),
                (y, s, "grid", "meter", "peak_import_kw", "kW", float(imports.max())),
                (
                    y,
                    s,
                    "grid",
                    "meter",
                    "export_revenue_uncounted",
                    d.scenario.currency,
                    1000.0 * _mwh(exports * gap, sd.weights),
                ),
            ]
    return rows
