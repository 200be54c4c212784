"""Tidy pandas tables from a solved model. Column names reuse the model's names plus site/year/unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyomo.environ as pyo
from pyomo.common.gc_manager import PauseGC

from ..data import SiteData
from ..model.build import BuiltModel
from ..model.ledger import value_of
from ..model.retrofits import load_cut_kw
from ..model.targets import TARGET_COMPONENTS, renewable_terms
from ..scenario.trajectory import at
from .values import hourly, site_hourly, val


def emissions_table(b: BuiltModel) -> pd.DataFrame:
    """year, site, scope, source, activity, activity_unit, factor_t_per_unit, t."""
    m, d = b.model, b.data
    e = m.emissions
    rows = []
    for s, sd in d.sites.items():
        for y in d.years:
            for f in sd.fuel_mwh:
                mwh = val(e.fuel_mwh[s, f, y])
                rows.append((y, s, "scope1", f"fuel:{f}", mwh, "MWh", d.fuel_ef[f][y], mwh * d.fuel_ef[f][y]))
            rows.append((y, s, "scope1", "process", np.nan, "", np.nan, val(e.process_t[s, y])))
            imported = val(m.grid.imported_mwh[s, y])
            loc = val(e.scope2_location_t[s, y])
            rows.append(
                (y, s, "scope2_location", "grid", imported, "MWh", loc / imported if imported else d.grid_ef[y], loc)
            )
            green = value_of(b.ledger.green_mwh.get((s, y), []))
            rows.append(
                (
                    y,
                    s,
                    "scope2_market",
                    "grid",
                    imported - green,
                    "MWh",
                    d.grid_market_ef[y],
                    val(e.scope2_market_t[s, y]),
                )
            )
    if hasattr(m, "offsets"):
        for (oid, y), var in m.offsets.retired_t.items():
            rows.append((y, "company", "offsets", oid, np.nan, "", np.nan, -val(var)))
    cols = ["year", "site", "scope", "source", "activity", "activity_unit", "factor_t_per_unit", "t"]
    return pd.DataFrame(rows, columns=cols)


def pathway_table(b: BuiltModel) -> pd.DataFrame:
    e = b.model.emissions
    return pd.DataFrame(
        [(y, val(e.gross_t[y]), float(e.net_t[y].value or 0.0)) for y in b.data.years],
        columns=["year", "gross_t", "net_t"],
    )


def costs_table(b: BuiltModel) -> pd.DataFrame:
    """year, site, category, value (undiscounted, per calendar year), npv (discounted over the years the modelled
    year stands for, the terminal years included for the last one): the npv column adds up to the objective.
    Capital is annualised (`capital_<lever>`); the cash paid for builds is in the roadmap and cash-flow tables."""
    d, led = b.data, b.ledger
    rows = []
    for (cat, s, y), terms in led.annual.items():
        val = value_of(terms)
        rows.append((y, s, cat, val, val * d.df_annual[y]))
    out = pd.DataFrame(rows, columns=["year", "site", "category", "value", "npv"])
    return out.groupby(["year", "site", "category"], as_index=False).sum().sort_values(["year", "site", "category"])


def roadmap_table(b: BuiltModel) -> pd.DataFrame:
    """What is built, adopted or bought: year, site, lever, action, size, unit, capex, annual_cost, and the power
    of a storage build (power_kw; 0 for other actions)."""
    m, d = b.model, b.data
    rows = []
    storage_kw: dict[tuple[int, str], float] = {}
    if hasattr(m, "pv"):
        for s in m.pv:
            pv = d.sites[s].site.pv
            for y in d.years:
                kw = val(m.pv[s].build_kw[y])
                if kw > 1e-6:
                    rows.append((y, s, "pv", "build rooftop PV", kw, "kWp", kw * at(pv.capex_per_kw, y), 0.0))
    if hasattr(m, "storage"):
        for s in m.storage:
            st = d.sites[s].site.storage
            for y in d.years:
                kwh, kw = val(m.storage[s].build_kwh[y]), val(m.storage[s].build_kw[y])
                if kwh > 1e-6 or (kw > 1e-6 and at(st.capex_per_kw, y) > 0):
                    capex = kwh * at(st.capex_per_kwh, y) + kw * at(st.capex_per_kw, y)
                    rows.append((y, s, "storage", "build storage", kwh, "kWh", capex, 0.0))
                    storage_kw[(y, s)] = kw
    if hasattr(m, "retrofits"):
        for s in m.retrofits:
            for r in d.sites[s].site.retrofits:
                for y in d.years:
                    if val(m.retrofits[s].is_adopted[r.id, y]) > 0.5:
                        rows.append((y, s, f"retrofit:{r.kind}", f"adopt {r.id}", 1.0, "project", at(r.capex, y), 0.0))
    if hasattr(m, "green"):
        spec = d.scenario.green_electricity
        for (s, y), var in m.green.mwh.items():
            if val(var) > 1e-6:
                rows.append(
                    (
                        y,
                        s,
                        "green_electricity",
                        "buy green certificates",
                        val(var),
                        "MWh/yr",
                        0.0,
                        val(var) * at(spec.price_per_mwh, y),
                    )
                )
    if hasattr(m, "offsets"):
        price = {o.id: o.price_per_t for o in d.scenario.offsets}
        for (oid, y), var in m.offsets.retired_t.items():
            if val(var) > 1e-6:
                rows.append(
                    (y, "company", "offsets", f"retire {oid}", val(var), "t/yr", 0.0, val(var) * at(price[oid], y))
                )
    cols = ["year", "site", "lever", "action", "size", "unit", "capex", "annual_cost"]
    out = pd.DataFrame(rows, columns=cols)
    out["power_kw"] = [
        storage_kw.get((y, s), 0.0) if lever == "storage" else 0.0
        for y, s, lever in zip(out["year"], out["site"], out["lever"], strict=True)
    ]
    return out.sort_values(["year", "site", "lever"], kind="stable")


def capacity_table(b: BuiltModel) -> pd.DataFrame:
    """year, site, quantity, unit, value: installed capacities, roof use and active retrofits."""
    m, d = b.model, b.data
    rows = []
    for y in d.years:
        if hasattr(m, "pv"):
            for s in m.pv:
                pv = d.sites[s].site.pv
                cap = val(m.pv[s].cap_kw[y])
                rows += [
                    (y, s, "pv_capacity", "kWp", cap),
                    (y, s, "pv_effective", "kWp", val(m.pv[s].eff_kw[y])),
                    (y, s, "roof_used", "m2", cap * pv.area_m2_per_kw),
                    (y, s, "roof_available", "m2", d.sites[s].site.roof_area_m2),
                ]
        if hasattr(m, "storage"):
            for s in m.storage:
                rows += [
                    (y, s, "storage_energy", "kWh", val(m.storage[s].cap_kwh[y])),
                    (y, s, "storage_power", "kW", val(m.storage[s].cap_kw[y])),
                ]
        if hasattr(m, "retrofits"):
            for s in m.retrofits:
                for r in d.sites[s].site.retrofits:
                    rows.append((y, s, f"retrofit_active:{r.id}", "0/1", val(m.retrofits[s].on[r.id, y])))
    return pd.DataFrame(rows, columns=["year", "site", "quantity", "unit", "value"])


def dispatch_table(b: BuiltModel) -> pd.DataFrame:
    """Hourly operation on the representative days, kW (kWh for soc); `load_kw` is after retrofits."""
    with PauseGC():  # many small arrays and frames: see build_model
        return _dispatch(b)


def _dispatch(b: BuiltModel) -> pd.DataFrame:
    m, d = b.model, b.data
    frames = []
    for s, sd in d.sites.items():
        n = sd.days.n_days
        for y in d.years:
            shape = (n, 24)
            grid = np.array([[val(m.grid.import_kw[s, y, dd, h]) for h in range(24)] for dd in range(n)])
            cols = {"import_kw": grid}
            zeros = np.zeros(shape)
            has_pv = hasattr(m, "pv") and s in m.pv
            pv_gen = sd.pv_kw_per_kwp * val(m.pv[s].eff_kw[y]) if has_pv else zeros
            cols["pv_kw"] = pv_gen
            cols["curtail_kw"] = hourly(m.pv[s].curtail_kw, y, n) if has_pv else zeros
            cols["export_kw"] = site_hourly(m.grid.export_kw, s, y, n)
            has_st = hasattr(m, "storage") and s in m.storage
            for name in ("charge_kw", "discharge_kw", "soc_kwh"):
                cols[name] = hourly(getattr(m.storage[s], name), y, n) if has_st else zeros
            if has_st:  # the model stores energy above the window's floor; the table shows the state of charge
                cols["soc_kwh"] = cols["soc_kwh"] + sd.site.storage.soc_min_share * val(m.storage[s].cap_kwh[y])
            cols["baseline_load_kw"] = sd.load_kw(y)
            cols["load_kw"] = cols["baseline_load_kw"] - _retrofit_cut_kw(m, sd, s, y)
            frame = pd.DataFrame({k: v.ravel() for k, v in cols.items()})
            frame.insert(0, "hour", np.tile(np.arange(24), n))
            frame.insert(0, "day_weight", np.repeat(sd.weights, 24))
            frame.insert(0, "day", np.repeat(np.arange(n), 24))
            frame.insert(0, "year", y)
            frame.insert(0, "site", s)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _retrofit_cut_kw(m: pyo.ConcreteModel, sd: SiteData, s: str, y: int) -> np.ndarray:
    cut = np.zeros((sd.days.n_days, 24))
    if hasattr(m, "retrofits") and s in m.retrofits:
        for r in sd.site.retrofits:
            cut += val(m.retrofits[s].on[r.id, y]) * load_cut_kw(sd, r, y)
    return cut


def targets_table(b: BuiltModel, marginals: dict[str, float] | None = None) -> pd.DataFrame:
    """One row per target constraint: body, bound, slack (>= 0 when met), met, binding, and the net present cost of
    tightening it by one unit (from the fixed-binaries LP; empty when not computed)."""
    rows = []
    for name in TARGET_COMPONENTS:
        comp = getattr(b.model, name, None)
        if comp is None:
            continue
        for idx, con in comp.items():
            body = pyo.value(con.body)
            upper = pyo.value(con.upper) if con.has_ub() else None
            lower = pyo.value(con.lower) if con.has_lb() else None
            slack = (upper - body) if upper is not None else (body - lower)
            bound = upper if upper is not None else lower
            scale = max(1.0, abs(bound))
            binding, met = abs(slack) < 1e-4 * scale, slack >= -1e-6 * scale
            marginal = (marginals or {}).get(con.name)
            rows.append((name, "" if idx is None else idx, body, bound, slack, met, binding, marginal))
    columns = ["target", "index", "value", "bound", "slack", "met", "binding", "marginal_npv"]
    return pd.DataFrame(rows, columns=columns)


def renewable_share_table(b: BuiltModel) -> pd.DataFrame:
    """year, basis, on-site renewable used, storage losses, green certificates, fuels (energy basis), the renewable
    total and the consumption it is a share of (MWh), share: exactly the quantities the target constrains."""
    m, d, led = b.model, b.data, b.ledger
    rs = d.scenario.targets.renewable_share
    basis = rs.basis if rs is not None else "electricity"
    rows = []
    for y in d.years:
        onsite = sum(value_of(led.onsite_re_mwh.get((s, y), [])) for s in d.sites)
        losses = sum(value_of(led.losses_mwh.get((s, y), [])) for s in d.sites)
        green = sum(value_of(led.green_mwh.get((s, y), [])) for s in d.sites)
        renewable, consumed = renewable_terms(m, d, led, y)
        num, den = value_of(renewable), value_of(consumed)
        fuels = den - (sum(val(m.grid.imported_mwh[s, y]) for s in d.sites) + onsite - losses)
        rows.append((y, basis, onsite, losses, green, fuels, num, den, num / den if den > 1e-9 else 0.0))
    columns = [
        "year",
        "basis",
        "onsite_re_mwh",
        "storage_losses_mwh",
        "green_mwh",
        "fuel_mwh",
        "renewable_mwh",
        "consumption_mwh",
        "renewable_share",
    ]
    return pd.DataFrame(rows, columns=columns)


def capex_table(b: BuiltModel) -> pd.DataFrame:
    """Cash paid for builds and adoptions: year, site, lever, capex (in its year), npv (discounted to the first)."""
    d = b.data
    rows = [
        (y, s, cat, value_of(terms), value_of(terms) * d.df_once[y]) for (cat, s, y), terms in b.ledger.capex.items()
    ]
    out = pd.DataFrame(rows, columns=["year", "site", "lever", "capex", "npv"])
    return out.groupby(["year", "site", "lever"], as_index=False).sum().sort_values(["year", "site", "lever"])
