"""Hand the model to HiGHS and read the answer back.

The model goes through Pyomo's standard-form compiler straight into `highspy.passModel` (see
docs/performance.md: the fastest Pyomo path, and it gives us HiGHS's callbacks for progress), whole or by site
(`method`: Dantzig-Wolfe over sites, optimiser/decompose/). Status words are honest: `optimal` only when the
gap to a proven bound is within the one asked for; a time limit with a solution is `feasible` with its gap; no
solution at all raises, so nothing that looks like a result is ever produced.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

import highspy
import numpy as np
import scipy.sparse as sp
from pyomo.common.gc_manager import PauseGC

from .decompose import dantzig_wolfe as dw
from .decompose.partition import column_sites, partition
from .decompose.standard import highs_lp, standard_form
from .decompose.subproblem import SubproblemError
from .errors import InfeasibleError, Interrupted, SolveError
from .model.build import BuiltModel
from .signals import handled

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)  # each stops a solve cleanly (cli: exit 128 + n)
Progress = Callable[[float, float | None], None]  # (elapsed seconds, relative gap or None)
Method = Literal["auto", "whole", "by-site"]
GAP_FLOOR = 1e-9  # a relative gap below this is rounding (HiGHS's own tolerances are 1e-7)
BY_SITES_FROM = 6  # sites; measured in docs/performance.md (whole is faster at 3 sites, by site from 5 to 10)


@dataclass
class SolveOptions:
    """How HiGHS solves each case: `time_limit_s` (s, per case, re-solves included), `mip_rel_gap` (relative
    MIP gap at which a solution counts as optimal), `threads` (HiGHS threads), `seed` (HiGHS's random seed) and
    `highs_options` (any other HiGHS option by its HiGHS name), `method` (`whole`: one HiGHS model; `by-site`:
    Dantzig-Wolfe over sites with a proven bound, optimiser/decompose/; `auto`) and `workers` (sites priced at
    once by site)."""

    time_limit_s: float = 600.0
    mip_rel_gap: float = 1e-4
    threads: int = 1  # the MIP search is mostly serial; parallel runs are separate processes
    method: Method = "auto"  # whole | by-site | auto (by site from BY_SITES_FROM sites on)
    workers: int = 0  # sites solved at once by site (0: one per core, at most one per site)
    seed: int = 0
    highs_options: dict[str, bool | int | float | str] = field(default_factory=dict)  # any other HiGHS option


@dataclass
class SolveResult:
    status: str  # optimal | feasible
    highs_status: str
    objective: float
    gap: float  # relative MIP gap (0 for an LP)
    dual_bound: float
    n_rows: int
    n_cols: int
    n_integer: int
    timings_s: dict[str, float] = field(default_factory=dict)
    duals: dict[str, float] = field(default_factory=dict)  # row name -> d(objective)/d(rhs), binaries fixed
    warnings: list[str] = field(default_factory=list)  # numerical risks seen in the model handed to HiGHS
    exclusive_binaries: int = 0  # either-or binaries of flows that may not run together (exclusive.py)
    exclusive_rounds: int = 0  # re-solves it took to place them
    export_hours: int = 0  # hours set to export by the design (anti-backflow, exclusive.py)

    @property
    def label(self) -> str:
        return "optimal" if self.status == "optimal" else f"feasible, gap {100 * self.gap:.2f} %"


@dataclass
class Compiled:
    highs: highspy.Highs
    columns: list
    rows: list  # RowEntry(constraint, bound_type) per row, in HiGHS's order
    n_rows: int
    integer: np.ndarray  # indices of integer columns
    offset: float

    @property
    def n_integer(self) -> int:
        return len(self.integer)


def compile_model(built: BuiltModel) -> Compiled:
    """The model as a HiGHS LP (standard form, passed in arrays)."""
    # the cyclic collector would rescan every model object during the compiler's allocations: paused, the 1x36
    # hand-over took 0.64 s instead of 1.03-1.28 s (the one full collection it defers costs 0.55 s, once)
    with PauseGC():
        return _compile(built)


def _compile(built: BuiltModel) -> Compiled:
    sf, columns, rows = standard_form(built)
    lp = highs_lp(sf.A, sf.cost, sf.col_lower, sf.col_upper, sf.row_lower, sf.row_upper, sf.integer, sf.offset)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    integer_idx = np.flatnonzero(sf.integer).astype(np.int32)
    return Compiled(h, columns, rows, sf.shape[0], integer_idx, sf.offset)


def solve(
    built: BuiltModel,
    options: SolveOptions | None = None,
    progress: Progress | None = None,
    dual_rows: Iterable[str] = (),
) -> SolveResult:
    """Solve and load the solution into the model. `dual_rows` (constraint names) get their duals from the LP
    with the integer decisions fixed at their optimum (marginal costs of the chosen plan)."""
    options = options or SolveOptions()
    timings = dict.fromkeys(("compile", "solve", "load", "duals"), 0.0)
    stop = threading.Event()
    start = time.perf_counter()
    warnings: list[str] = []
    how = _by_sites if by_sites(built, options) else _whole
    while True:
        left = options.time_limit_s - (time.perf_counter() - start)
        attempt = how(built, options, left, progress, stop)
        result = attempt.result
        t2 = time.perf_counter()
        load_values(attempt.columns, attempt.values)
        t3 = time.perf_counter()
        for key, dt in (("compile", attempt.compile_s), ("solve", attempt.solve_s), ("load", t3 - t2)):
            timings[key] += dt
        # flows that must not run together did: keep them apart and solve again; revising meter directions
        # is worth a re-solve only if it could gain more than the gap allows
        added = built.refine(options.mip_rel_gap * abs(result.objective) / max(built.data.df_annual.values()))
        if not added:
            break
        if options.time_limit_s - (time.perf_counter() - start) < 1.0:
            warnings.append(
                f"the time limit ran out before {added} hours in which flows ran together (import and export, "
                "charge and discharge, curtailment while importing) could be separated: raise --time-limit"
            )
            break
    result.warnings = [*attempt.warnings, *warnings]
    ex = built.ledger.exclusive
    result.exclusive_binaries, result.exclusive_rounds = ex.n_binaries, ex.rounds
    result.export_hours = ex.n_export_hours
    t3 = time.perf_counter()
    names = set(dual_rows)
    if names:
        result.duals = attempt.duals(names)
    timings["duals"] = time.perf_counter() - t3
    result.timings_s = timings
    return result


@dataclass
class Attempt:
    """One solve of the model as built: the outcome, the values of its columns and how to get duals."""

    result: SolveResult
    columns: list
    values: np.ndarray
    duals: Callable[[set[str]], dict[str, float]]
    warnings: list[str]
    compile_s: float
    solve_s: float


def by_sites(built: BuiltModel, options: SolveOptions) -> bool:
    """Whether to solve site by site (optimiser/decompose/): asked for, or `auto` with enough sites that the whole
    LP grows faster than the sum of the sites' (docs/performance.md)."""
    if options.method == "auto":
        return built.data is not None and len(built.data.sites) >= BY_SITES_FROM
    return options.method == "by-site"


def _whole(
    built: BuiltModel, options: SolveOptions, left_s: float, progress: Progress | None, stop: threading.Event
) -> Attempt:
    t0 = time.perf_counter()
    compiled = compile_model(built)
    t1 = time.perf_counter()
    h = compiled.highs
    _set_options(h, options, left_s - (t1 - t0))
    _watch(h, progress, stop)
    with _ctrl_c_stops(stop):
        h.run()
    if stop.is_set():
        raise _interrupted(stop)
    t2 = time.perf_counter()
    result = _outcome(h, compiled, built)
    values = np.asarray(h.getSolution().col_value)
    lp = h.getLp()
    warnings = numerics_warnings(lp.a_matrix_.value_, lp.col_cost_, [lp.row_lower_, lp.row_upper_, lp.col_upper_])
    duals = lambda names: fixed_lp_duals(compiled, names, options.time_limit_s)  # noqa: E731
    return Attempt(result, compiled.columns, values, duals, warnings, t1 - t0, t2 - t1)


def _by_sites(
    built: BuiltModel, options: SolveOptions, left_s: float, progress: Progress | None, stop: threading.Event
) -> Attempt:
    t0 = time.perf_counter()
    sf, columns, rows = standard_form(built)
    sites = list(built.data.sites)
    part = partition(sp.csr_array(sf.A), column_sites(columns, sites), sites)
    t1 = time.perf_counter()
    settings = dw.Settings(
        rel_gap=options.mip_rel_gap,
        time_limit_s=left_s - (t1 - t0),
        workers=options.workers or min(_cores(), len(sites)),
        seed=options.seed,
    )
    name = built.model.name
    try:
        with _ctrl_c_stops(stop):
            out = dw.solve(sf, part, settings, stop, progress)
    except SubproblemError as e:
        if stop.is_set():
            raise _interrupted(stop) from None
        if e.status == "Infeasible":
            raise InfeasibleError(f"{name}: site {e.site} cannot meet its own limits (HiGHS: {e.status})") from None
        raise SolveError(f"{name}: site {e.site} did not solve (HiGHS: {e.status}); raise --time-limit") from None
    except dw.Infeasible as e:
        raise InfeasibleError(f"{name}: the targets and limits cannot all be met ({e})") from None
    except dw.NoPlan:
        raise SolveError(
            f"{name}: solving by site found no plan whose yes/no decisions meet the company-wide targets (this is not "
            "a proof that none exists): try --method whole"
        ) from None
    except dw.OutOfTime:
        raise SolveError(f"{name}: no feasible solution found by site; raise --time-limit or loosen --gap") from None
    if stop.is_set():
        raise _interrupted(stop)
    t2 = time.perf_counter()
    n_int = int(sf.integer.sum())
    rounds = ", ".join(f"{k} {v}" for k, v in out.rounds.items())
    result = SolveResult(
        status="optimal" if out.gap <= max(options.mip_rel_gap, GAP_FLOOR) else "feasible",
        highs_status=f"by site ({len(sites)} sites; rounds: {rounds})",
        objective=out.objective,
        gap=out.gap,
        dual_bound=out.bound,
        n_rows=sf.shape[0],
        n_cols=sf.shape[1],
        n_integer=n_int,
    )
    warnings = numerics_warnings(sf.A.data, sf.cost, [sf.row_lower, sf.row_upper, sf.col_upper])
    return Attempt(result, columns, out.x, lambda names: _named(rows, out.row_dual, names), warnings, t1 - t0, t2 - t1)


def _interrupted(stop: threading.Event) -> Interrupted:
    return Interrupted(getattr(stop, "signum", signal.SIGINT))


def _cores() -> int:
    """The cores this process may use (a scheduler's CPU set, not the machine's count, where the system says)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def _named(rows: list, row_dual: np.ndarray, names: set[str]) -> dict[str, float]:
    duals: dict[str, float] = {}
    for i, row in enumerate(rows):
        name = row.constraint.name
        if name in names:
            duals[name] = duals.get(name, 0.0) + float(row_dual[i])
    return duals


def _set_options(h: highspy.Highs, options: SolveOptions, time_left_s: float) -> None:
    h.setOptionValue("time_limit", float(max(time_left_s, 1e-3)))
    h.setOptionValue("mip_rel_gap", float(options.mip_rel_gap))
    h.setOptionValue("threads", int(options.threads))
    h.setOptionValue("random_seed", int(options.seed))
    for key, value in options.highs_options.items():
        if h.setOptionValue(key, value) != highspy.HighsStatus.kOk:
            raise SolveError(f"HiGHS option {key}={value!r} was refused (unknown option or wrong type)")


RANGE_LIMIT = 1e10  # beyond this spread of magnitudes, double precision and HiGHS's tolerances start to bite


def numerics_warnings(coefficients: object, costs: object, limits: list) -> list[str]:
    """Plain-word warnings when the numbers handed to HiGHS (matrix entries, costs, row and column limits) span
    ranges that invite numerical trouble."""
    out = []
    for what, values in (("constraint coefficients", coefficients), ("objective coefficients (costs)", costs)):
        v = np.abs(np.asarray(values, dtype=float))
        v = v[(v > 0) & np.isfinite(v)]
        if len(v) and v.max() / v.min() > RANGE_LIMIT:
            out.append(
                f"{what} span {v.min():.1e} to {v.max():.1e} (a ratio of {v.max() / v.min():.0e}): the solution "
                "may be inaccurate; check for a unit mistake (kW vs MW, currency vs thousands) or a negligible entry"
            )
    bounds = np.abs(np.concatenate([np.asarray(b, dtype=float) for b in limits]))
    bounds = bounds[np.isfinite(bounds)]
    if len(bounds) and bounds.max() > RANGE_LIMIT:
        out.append(f"a limit of {bounds.max():.1e} is handed to the solver: check the units of loads and capacities")
    return out


def fixed_lp_duals(compiled: Compiled, names: set[str], time_limit_s: float) -> dict[str, float]:
    """Fix the integer columns at their values, re-solve the LP, return the duals of the named rows.

    Sign convention: d(objective)/d(right-hand side). Empty when the fixed LP does not solve to optimality
    (then no marginal cost is reported rather than a wrong one)."""
    h = compiled.highs
    idx = compiled.integer
    if len(idx):
        values = np.round(np.asarray(h.getSolution().col_value)[idx])
        h.changeColsIntegrality(len(idx), idx, np.zeros(len(idx), dtype=np.uint8))  # 0 = continuous
        h.changeColsBounds(len(idx), idx, values, values)
    h.setOptionValue("time_limit", float(time_limit_s))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return {}
    return _named(compiled.rows, np.asarray(h.getSolution().row_dual), names)


def _watch(h: highspy.Highs, progress: Progress | None, stop: threading.Event) -> None:
    """HiGHS calls back during simplex and branch-and-bound: report progress every half second, and ask
    HiGHS to stop cleanly when `stop` is set (Ctrl-C)."""
    start = time.perf_counter()
    last = [0.0]

    def callback(_type: object, _msg: str, out: object, data_in: object, _user: object) -> None:
        if stop.is_set():
            data_in.user_interrupt = True  # type: ignore[attr-defined]
            return
        now = time.perf_counter() - start
        if progress is not None and now - last[0] >= 0.5:
            last[0] = now
            gap = getattr(out, "mip_gap", None)
            progress(now, gap if gap is not None and np.isfinite(gap) and gap < 1e9 else None)

    h.setCallback(callback, None)
    h.startCallback(highspy.cb.HighsCallbackType.kCallbackMipInterrupt)
    h.startCallback(highspy.cb.HighsCallbackType.kCallbackSimplexInterrupt)


@contextmanager
def _ctrl_c_stops(stop: threading.Event) -> Iterator[None]:
    """While HiGHS runs, Ctrl-C (SIGINT), SIGTERM and SIGHUP set `stop` instead of raising inside the solver."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def asked(signum: int, _: object) -> None:
        stop.signum = signum  # type: ignore[attr-defined]
        stop.set()

    with handled(STOP_SIGNALS, asked):
        yield


def _outcome(h: highspy.Highs, compiled: Compiled, built: BuiltModel) -> SolveResult:
    status = h.getModelStatus()
    info = h.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    name = h.modelStatusToString(status)
    S = highspy.HighsModelStatus
    if status == S.kInfeasible:
        raise InfeasibleError(f"{built.model.name}: the targets and limits cannot all be met (HiGHS: {name})")
    if status in (S.kUnbounded, S.kUnboundedOrInfeasible):
        raise SolveError(
            f"{built.model.name}: the model is unbounded or infeasible (HiGHS: {name}); "
            "check for a lever without cost or limit"
        )
    if not has_solution:
        raise SolveError(
            f"{built.model.name}: no feasible solution found (HiGHS: {name}); raise --time-limit or loosen --gap"
        )
    gap = float(info.mip_gap) if compiled.n_integer else 0.0
    gap = 0.0 if not np.isfinite(gap) else max(gap, 0.0)
    optimal = status == S.kOptimal
    return SolveResult(
        status="optimal" if optimal else "feasible",
        highs_status=name,
        objective=float(info.objective_function_value),
        gap=gap,
        dual_bound=float(info.mip_dual_bound) if compiled.n_integer else float(info.objective_function_value),
        n_rows=compiled.n_rows,
        n_cols=len(compiled.columns),
        n_integer=compiled.n_integer,
    )


def load_values(columns: list, values: np.ndarray) -> None:
    """Write a solution into the Pyomo variables (integers rounded)."""
    for var, x in zip(columns, values, strict=True):
        if var.is_integer() or var.is_binary():
            x = round(x)
        var.set_value(float(x), skip_validation=True)


def write_mps(built: BuiltModel, path: str) -> None:
    compile_model(built).highs.writeModel(path)


__all__ = ["SolveOptions", "SolveResult", "solve", "write_mps"]
