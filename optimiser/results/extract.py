"""Tidy pandas tables from a solved model. Column names reuse the model's names plus site/year/unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyomo.environ as pyo
from pyomo.common.gc_manager import PauseGC

from ..levers import RoadmapRow, check_declared, present
from ..model.build import BuiltModel
from ..model.ledger import value_of
from ..model.targets import TARGET_COMPONENTS, renewable_terms
from .values import site_hourly, val


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
    of an energy-sized build (power_kw; 0 for other actions). Rows come from each lever (levers/)."""
    rows = [row for lever, block in present(b.model) for row in lever.roadmap(b, block)]
    out = pd.DataFrame(rows, columns=list(RoadmapRow._fields))
    check_declared(out["lever"], "roadmap")
    return out.sort_values(["year", "site", "lever"], kind="stable")


def capacity_table(b: BuiltModel) -> pd.DataFrame:
    """year, site, quantity, unit, value: installed capacities, roof use and active retrofits (from each lever)."""
    rows = [(y, *row) for y in b.data.years for lever, block in present(b.model) for row in lever.capacity(b, block, y)]
    return pd.DataFrame(rows, columns=["year", "site", "quantity", "unit", "value"])


def dispatch_table(b: BuiltModel) -> pd.DataFrame:
    """Hourly operation on the representative days, kW (kWh for soc); `load_kw` is after the levers' load
    changes. Every registered lever's columns are present (zeros at a site without it)."""
    with PauseGC():  # many small arrays and frames: see build_model
        return _dispatch(b)


def _dispatch(b: BuiltModel) -> pd.DataFrame:
    m, d = b.model, b.data
    levers = present(m)
    frames = []
    for s, sd in d.sites.items():
        n = sd.days.n_days
        for y in d.years:
            zeros = np.zeros((n, 24))
            cols = {
                "import_kw": site_hourly(m.grid.import_kw, s, y, n),
                "export_kw": site_hourly(m.grid.export_kw, s, y, n),
            }
            load = sd.load_kw(y).copy()
            for lever, block in levers:
                at_site = lever.at(block, s)
                found = lever.dispatch(b, at_site, s, y) if lever.dispatch and at_site is not None else {}
                cols.update({name: found.get(name, zeros) for name in lever.dispatch_columns})
                if lever.load_change_kw and at_site is not None:
                    load = load + lever.load_change_kw(b, at_site, s, y)
            cols["baseline_load_kw"] = sd.load_kw(y)
            cols["load_kw"] = load
            frame = pd.DataFrame({k: v.ravel() for k, v in cols.items()})
            frame.insert(0, "hour", np.tile(np.arange(24), n))
            frame.insert(0, "day_weight", np.repeat(sd.weights, 24))
            frame.insert(0, "day", np.repeat(np.arange(n), 24))
            frame.insert(0, "year", y)
            frame.insert(0, "site", s)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


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
            assert bound is not None  # a target constraint always has a bound
            scale = max(1.0, abs(bound))
            binding, met = abs(slack) < 1e-4 * scale, slack >= -1e-6 * scale
            marginal = (marginals or {}).get(con.name)
            rows.append((name, "" if idx is None else idx, body, bound, slack, met, binding, marginal))
    columns = ["target", "index", "value", "bound", "slack", "met", "binding", "marginal_npv"]
    return pd.DataFrame(rows, columns=columns)


def renewable_share_table(b: BuiltModel) -> pd.DataFrame:
    """year, basis, on-site renewable used, storage losses, green certificates, fuels (energy basis), the renewable
    total and the consumption it is a share of (MWh), share: exactly the quantities the target constrains; then the
    consumption on each basis (`electricity_consumption_mwh`, `energy_consumption_mwh`) for claims on either."""
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
        both = [value_of(renewable_terms(m, d, led, y, b)[1]) for b in ("electricity", "energy")]
        rows.append((y, basis, onsite, losses, green, fuels, num, den, num / den if den > 1e-9 else 0.0, *both))
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
        "electricity_consumption_mwh",
        "energy_consumption_mwh",
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
