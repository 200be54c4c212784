"""The full-year check of a plan: its design re-dispatched on 8,760 hours for chosen years (in parallel), compared
with what the representative days said, and every target re-checked on the full-year numbers.

Years checked (`--validate`): `targets` (default) the first and last modelled years, every fifth year from the
first, and the years the targets name; `all` every modelled year; `none` no check.
A target that holds on the representative days but not on the full year is a warning with its shortfall.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from ..data import ModelData
from ..model.build import BuiltModel
from ..results.target_check import Yearly, check_targets, yearly_from_tables
from ..scenario.schema import Scenario
from ..scenario.scope3 import included_t
from ..solve import SolveOptions
from ..targets import active, component
from .dispatch import design_of, full_year
from .metrics import site_metrics

Which = Literal["all", "targets", "none"]
WARN_T = 1.0  # shortfalls under a tonne are below the resolution of an inventory: listed, not warned
COLUMNS = ["year", "site", "quantity", "unit", "rep_days", "full_year", "difference_pct"]
TARGET_COLUMNS = [
    "target",
    "index",
    "year",
    "unit",
    "rep_days_bound",
    "rep_days_shortfall",
    "full_year_value",
    "full_year_shortfall",
]


@dataclass
class Validation:
    years: list[int]
    table: pd.DataFrame  # validation.csv
    targets: pd.DataFrame  # target rows of the checked years: shortfall on rep days and on the full year
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def check_years(scenario: Scenario, which: Which) -> list[int]:
    years = scenario.model_years
    if which == "none":
        return []
    if which == "all":
        return list(years)
    named = {y for kind, spec in active(scenario) for y in kind.named_years(spec)}
    named |= {c.from_year for c in scenario.claims if c.from_year is not None}  # a claim's first year
    chosen = {years[0], years[-1], *named, *(y for y in years if (y - years[0]) % 5 == 0)}
    return sorted(y for y in chosen if y in years)


@dataclass
class Started:
    """A full-year check under way: the years' dispatches run in worker processes while the run makes its tables."""

    years: list[int]
    t0: float
    jobs: list[tuple]
    pool: ProcessPoolExecutor | None = None
    futures: list[Future] = field(default_factory=list)

    def results(self) -> list[pd.DataFrame]:
        if self.pool is None:
            return [full_year(*job) for job in self.jobs]
        return [f.result() for f in self.futures]

    def close(self) -> None:
        """Stop the workers (after the results, or on an error or interrupt while the tables were made)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def start(
    data: ModelData,
    plan: BuiltModel,
    prices_per_t: dict[int, float],
    which: Which,
    options: SolveOptions,
    workers: int | None = None,
) -> Started | None:
    """Start re-dispatching the years `which` chooses with the plan's design, at its implied carbon prices."""
    years = check_years(data.scenario, which)
    if not years:
        return None
    jobs = [(data.scenario, y, design_of(plan, y), float(prices_per_t.get(y) or 0.0), options) for y in years]
    started = Started(years, time.perf_counter(), jobs)
    n = min(len(jobs), workers or os.cpu_count() or 1)
    if n > 1:
        # fork: the workers start with everything imported (a fresh interpreter spends ~2 s importing Pyomo);
        # gc.freeze in each: the objects inherited from the run (three solved models) are never scanned by the
        # worker's collector, whose first full collection otherwise took ~0.9 s of a year's 2 s
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        started.pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context(method), initializer=gc.freeze)
        started.futures = [started.pool.submit(full_year, *job) for job in jobs]
    return started


def finish(
    started: Started | None, data: ModelData, tables: dict[str, pd.DataFrame], base_t: float
) -> Validation | None:
    """Wait for the dispatches and compare them with the representative days and the targets (`base_t`: the
    base-year emissions relative targets refer to, t CO2e)."""
    if started is None:
        return None
    try:
        full = pd.concat(started.results(), ignore_index=True)
    finally:
        started.close()
    years = started.years
    plan_tables = {k: v[v["case"] == "plan"] if "case" in v else v for k, v in tables.items()}
    rep = site_metrics(tables["dispatch"], plan_tables["costs"], plan_tables["emissions"])
    rep = rep[rep["year"].isin(years)]
    green = _per_site(tables["activity"], "certified_mwh")
    yearly = yearly_from_tables(tables, base_t)
    checked = _full_year_totals(data, full, green, yearly, years)
    table = _compare(data, rep, full, green, yearly, checked, years)
    targets, warnings = _targets(data.scenario, yearly, checked, years)
    return Validation(years, table, targets, warnings, time.perf_counter() - started.t0)


def _per_site(activity: pd.DataFrame, quantity: str) -> pd.Series:
    rows = activity[(activity["case"] == "plan") & (activity["quantity"] == quantity)]
    return rows.groupby(["year", "site"])["value"].sum()


def _site_gross(data: ModelData, row: pd.Series, green_mwh: float) -> float:
    """Scope 1 + Scope 2 on the targets' basis, with the plan's certificates (never more than the imports), + the
    Scope 3 categories the targets include (constants)."""
    y = int(row["year"])
    scope3 = included_t(data.scenario, str(row["site"]), y)
    if data.scenario.targets.basis == "location":
        return float(row["scope1_t"] + row["scope2_location_t"]) + scope3
    grid = data.grid_market_ef[y] * max(0.0, row["imported_mwh"] - green_mwh)
    return float(row["scope1_t"] + grid + row["scope2_market_other_t"]) + scope3  # other: purchased heat


def _full_year_totals(
    data: ModelData, full: pd.DataFrame, green: pd.Series, yearly: Yearly, years: list[int]
) -> Yearly:
    """The plan's yearly totals with the checked years' gross, net and renewable share from the full year."""
    energy = (
        data.scenario.targets.renewable_share is not None and data.scenario.targets.renewable_share.basis == "energy"
    )
    gross, net, by_site = dict(yearly.gross_t), dict(yearly.net_t), dict(yearly.site_gross_t)
    renewable, consumption = dict(yearly.renewable_mwh), dict(yearly.consumption_mwh)
    for y in years:
        rows = full[full["year"] == y]
        certified = [min(float(green.get((y, r.site), 0.0)), r.imported_mwh) for r in rows.itertuples()]
        for (_, r), c in zip(rows.iterrows(), certified, strict=True):
            by_site[(str(r["site"]), y)] = _site_gross(data, r, c)
        g = sum(by_site[(str(s), y)] for s in rows["site"])
        offsets = yearly.gross_t[y] - yearly.net_t[y]
        gross[y], net[y] = g, g - offsets
        on_site = float((rows["onsite_used_mwh"] - rows["storage_losses_mwh"]).sum())
        renewable[y] = on_site + sum(certified)
        consumption[y] = float(rows["imported_mwh"].sum()) + on_site + (float(rows["fuel_mwh"].sum()) if energy else 0)
    return replace(
        yearly, gross_t=gross, net_t=net, renewable_mwh=renewable, consumption_mwh=consumption, site_gross_t=by_site
    )


def _compare(
    data: ModelData,
    rep: pd.DataFrame,
    full: pd.DataFrame,
    green: pd.Series,
    yearly: Yearly,
    checked: Yearly,
    years: list[int],
) -> pd.DataFrame:
    cur = data.scenario.currency
    units = {
        "energy_cost": f"{cur}/yr",
        "gross_t": "t/yr",
        "peak_import_kw": "kW",
        "imported_mwh": "MWh/yr",
        "exported_mwh": "MWh/yr",
        "curtailed_mwh": "MWh/yr",
        "storage_losses_mwh": "MWh/yr",
    }
    rows = []
    for frame, side in ((rep, "rep_days"), (full, "full_year")):
        for r in frame.itertuples(index=False):
            gross = _site_gross(data, pd.Series(r._asdict()), float(green.get((r.year, r.site), 0.0)))
            values = {**{q: getattr(r, q) for q in units if q != "gross_t"}, "gross_t": gross}
            rows += [(int(r.year), r.site, q, units[q], side, float(v)) for q, v in values.items()]
    for y in years:
        for side, q in (("rep_days", yearly), ("full_year", checked)):
            share = q.renewable_mwh[y] / q.consumption_mwh[y] if q.consumption_mwh[y] > 0 else 0.0
            rows += [
                (y, "company", "gross_t", "t/yr", side, q.gross_t[y]),
                (y, "company", "net_t", "t/yr", side, q.net_t[y]),
                (y, "company", "renewable_share", "share", side, share),
            ]
    long = pd.DataFrame(rows, columns=["year", "site", "quantity", "unit", "side", "value"])
    wide = long.pivot_table(index=["year", "site", "quantity", "unit"], columns="side", values="value", aggfunc="sum")
    wide = wide.reset_index()
    rep_v = wide["rep_days"].to_numpy()
    diff = np.where(
        np.abs(rep_v) > 1e-9, 100.0 * (wide["full_year"] - rep_v) / np.abs(np.where(rep_v == 0, 1, rep_v)), np.nan
    )
    return wide.assign(difference_pct=diff)[COLUMNS].sort_values(["year", "site", "quantity"], ignore_index=True)


def _remedy(scenario: Scenario, r: object) -> str:
    """What would close a shortfall in tonnes: certificates on the market basis, else offsets."""
    if getattr(r, "unit", "") != "t":
        return ""
    tonnes = float(r.full_year_shortfall)  # type: ignore[attr-defined]
    factor = scenario.grid.market_factor(int(r.year))[0]  # type: ignore[attr-defined]
    if scenario.targets.basis == "market" and scenario.green_electricity is not None and factor > 0:
        return f" ({tonnes / factor:,.1f} MWh more green certificates would close it)"
    if component(r.target).purpose == "neutrality" and scenario.offsets:  # type: ignore[attr-defined]
        return f" ({tonnes:,.1f} t more offsets would close it)"
    return ""


def _targets(scenario: Scenario, yearly: Yearly, checked: Yearly, years: list[int]) -> tuple[pd.DataFrame, list[str]]:
    on_rep = check_targets(scenario, yearly, years)
    on_full = check_targets(scenario, checked, years)
    merged = on_rep[["target", "index", "year", "bound", "shortfall", "unit"]].rename(
        columns={"shortfall": "rep_days_shortfall", "bound": "rep_days_bound"}
    )
    merged["full_year_shortfall"] = on_full["shortfall"].to_numpy()
    merged["full_year_value"] = on_full["value"].to_numpy()
    merged = merged[TARGET_COLUMNS]
    warnings = []
    for r in merged.itertuples(index=False):
        tol = WARN_T if r.unit == "t" else 1e-6 * max(1.0, abs(r.rep_days_bound))
        if r.full_year_shortfall > tol and r.rep_days_shortfall <= tol:
            warnings.append(
                f"{r.target.removesuffix('_target').replace('_', ' ')} in {r.year} holds on the representative days "
                f"but not on the full year: short by {r.full_year_shortfall:,.1f} {r.unit}" + _remedy(scenario, r)
            )
    return merged, warnings
