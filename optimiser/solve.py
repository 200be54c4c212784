"""Hand the model to HiGHS and read the answer back.

The model goes through Pyomo's standard-form compiler straight into `highspy.passModel` (see
PERFORMANCE.md: the fastest Pyomo path, and it gives us HiGHS's callbacks for progress). Status words are
honest: `optimal` only when HiGHS proved it within the gap; a time limit with a solution is `feasible`
with its gap; no solution at all raises, so nothing that looks like a result is ever produced.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import highspy
import numpy as np
from pyomo.common.gc_manager import PauseGC
from pyomo.repn.plugins.standard_form import LinearStandardFormCompiler

from .errors import InfeasibleError, Interrupted, SolveError
from .model.build import BuiltModel
from .signals import handled

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)  # each stops a solve cleanly (cli: exit 128 + n)
Progress = Callable[[float, float | None], None]  # (elapsed seconds, relative gap or None)


@dataclass
class SolveOptions:
    """How HiGHS solves each case: `time_limit_s` (s, per case, re-solves included), `mip_rel_gap` (relative
    MIP gap at which a solution counts as optimal), `threads` (HiGHS threads), `seed` (HiGHS's random seed) and
    `highs_options` (any other HiGHS option by its HiGHS name)."""

    time_limit_s: float = 600.0
    mip_rel_gap: float = 1e-4
    threads: int = 1  # the MIP search is mostly serial; parallel runs are separate processes
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
    info = LinearStandardFormCompiler().write(built.model, mixed_form=True)
    n_rows, n_cols = info.A.shape
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    cost = info.c.toarray()[0] if info.c.shape[0] else np.zeros(n_cols)
    lp.col_cost_ = cost.astype(float)
    lp.offset_ = float(info.c_offset[0]) if len(info.c_offset) else 0.0
    inf = highspy.kHighsInf
    # one `bounds` call per column: reading `lb` and `ub` separately took 0.9 s on a 44k-column dispatch check
    # (0.01 s this way; the two properties re-derive the domain's bounds each time)
    bounds = [v.bounds for v in info.columns]
    lp.col_lower_ = np.array([-inf if lb is None else lb for lb, _ in bounds], dtype=float)
    lp.col_upper_ = np.array([inf if ub is None else ub for _, ub in bounds], dtype=float)
    kinds = np.array([row.bound_type for row in info.rows])
    rhs = np.asarray(info.rhs, dtype=float)
    lp.row_lower_ = np.where(kinds <= 0, rhs, -inf)
    lp.row_upper_ = np.where(kinds >= 0, rhs, inf)
    A = info.A.tocsc()
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = A.indptr.astype(np.int32)
    lp.a_matrix_.index_ = A.indices.astype(np.int32)
    lp.a_matrix_.value_ = A.data.astype(float)
    integer = [v.is_integer() or v.is_binary() for v in info.columns]
    if any(integer):
        lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integer]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    integer_idx = np.flatnonzero(integer).astype(np.int32)
    return Compiled(h, list(info.columns), list(info.rows), n_rows, integer_idx, lp.offset_)


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
    while True:
        t0 = time.perf_counter()
        compiled = compile_model(built)
        t1 = time.perf_counter()
        h = compiled.highs
        _set_options(h, options, options.time_limit_s - (t1 - start))
        _watch(h, progress, stop)
        with _ctrl_c_stops(stop):
            h.run()
        if stop.is_set():
            raise Interrupted(getattr(stop, "signum", signal.SIGINT))
        t2 = time.perf_counter()
        result = _outcome(h, compiled, built)
        load_solution(h, compiled)
        t3 = time.perf_counter()
        for key, dt in (("compile", t1 - t0), ("solve", t2 - t1), ("load", t3 - t2)):
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
    result.warnings = [*numerics_warnings(h.getLp()), *warnings]
    ex = built.ledger.exclusive
    result.exclusive_binaries, result.exclusive_rounds = ex.n_binaries, ex.rounds
    result.export_hours = ex.n_export_hours
    t3 = time.perf_counter()
    names = set(dual_rows)
    if names:
        result.duals = fixed_lp_duals(compiled, names, options.time_limit_s)
    timings["duals"] = time.perf_counter() - t3
    result.timings_s = timings
    return result


def _set_options(h: highspy.Highs, options: SolveOptions, time_left_s: float) -> None:
    h.setOptionValue("time_limit", float(max(time_left_s, 1e-3)))
    h.setOptionValue("mip_rel_gap", float(options.mip_rel_gap))
    h.setOptionValue("threads", int(options.threads))
    h.setOptionValue("random_seed", int(options.seed))
    for key, value in options.highs_options.items():
        if h.setOptionValue(key, value) != highspy.HighsStatus.kOk:
            raise SolveError(f"HiGHS option {key}={value!r} was refused (unknown option or wrong type)")


RANGE_LIMIT = 1e10  # beyond this spread of magnitudes, double precision and HiGHS's tolerances start to bite


def numerics_warnings(lp: highspy.HighsLp) -> list[str]:
    """Plain-word warnings when the numbers handed to HiGHS span ranges that invite numerical trouble."""
    out = []
    for what, values in (
        ("constraint coefficients", lp.a_matrix_.value_),
        ("objective coefficients (costs)", lp.col_cost_),
    ):
        v = np.abs(np.asarray(values, dtype=float))
        v = v[(v > 0) & np.isfinite(v)]
        if len(v) and v.max() / v.min() > RANGE_LIMIT:
            out.append(
                f"{what} span {v.min():.1e} to {v.max():.1e} (a ratio of {v.max() / v.min():.0e}): the solution "
                "may be inaccurate; check for a unit mistake (kW vs MW, currency vs thousands) or a negligible entry"
            )
    bounds = np.abs(np.concatenate([np.asarray(lp.row_lower_), np.asarray(lp.row_upper_), np.asarray(lp.col_upper_)]))
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
    row_dual = np.asarray(h.getSolution().row_dual)
    duals: dict[str, float] = {}
    for i, row in enumerate(compiled.rows):
        name = row.constraint.name
        if name in names:
            duals[name] = duals.get(name, 0.0) + float(row_dual[i])
    return duals


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


def load_solution(h: highspy.Highs, compiled: Compiled) -> None:
    values = np.asarray(h.getSolution().col_value)
    for var, x in zip(compiled.columns, values, strict=True):
        if var.is_integer() or var.is_binary():
            x = round(x)
        var.set_value(float(x), skip_validation=True)


def write_mps(built: BuiltModel, path: str) -> None:
    compile_model(built).highs.writeModel(path)


__all__ = ["SolveOptions", "SolveResult", "solve", "write_mps"]
