"""Dantzig-Wolfe decomposition over sites with a proven bound (price-and-polish).

1. Bound: column generation on the LP relaxation. Sites are priced at smoothed master duals (Wentges: a step
   from the best-bound duals towards the master's); every pricing round gives a Lagrangian lower bound.
2. Plans: each site's MIP at the best-bound duals (its dual bound makes the Lagrangian bound of the MIP, often
   above the LP's); the master then picks one plan per site as a MIP. Where no choice meets the linking rows
   without slack, sites are priced again as MIPs at the master's duals over plans only.
3. Polish: each site's integer decisions held at the chosen plan, column generation on what is left (an LP,
   so any mix of its points is a plan too): every master optimum is a feasible plan, the last one is returned.

Gap = (best plan - best bound) / |best plan|: a true bound, as in a monolithic branch and bound.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from .master import Master
from .partition import Partition
from .standard import StandardForm
from .subproblem import Column, Mode, Subproblem

Progress = Callable[[float, float | None], None]
LOG = logging.getLogger(__name__)
REACH_GROWTH = 2.5
FEAS_TOL = 1e-6  # slack per unit of a linking row below which a master solution counts as meeting it


class Infeasible(RuntimeError):
    """The linking rows cannot be met by any mix of the sites' points (the plan is infeasible)."""


class OutOfTime(RuntimeError):
    """No plan that meets the linking rows was found within the time limit."""


@dataclass
class Settings:
    rel_gap: float = 1e-3  # wanted relative gap between the plan and the bound
    time_limit_s: float = 600.0
    workers: int = 2  # sites priced at once (threads; HiGHS releases the GIL while it solves)
    seed: int = 0
    smoothing: float = 0.5  # weight of the best-bound duals in the pricing duals
    penalty: float = 1e6  # cost per unit of slack on a linking row (raised while slack remains)
    max_rounds: int = 300
    first_reach: float = 100.0  # largest pricing dual while the master still needs slack (currency per unit)


@dataclass
class Outcome:
    x: np.ndarray  # the plan, every column
    objective: float
    bound: float
    row_dual: np.ndarray  # master rows from the master, site rows from each site's last LP
    rounds: dict[str, int] = field(default_factory=dict)
    timings_s: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        return max(self.objective - self.bound, 0.0) / max(abs(self.objective), 1e-9)


class DantzigWolfe:
    def __init__(
        self,
        sf: StandardForm,
        part: Partition,
        settings: Settings,
        stop: threading.Event | None = None,
        progress: Progress | None = None,
    ):
        self.sf, self.part, self.set = sf, part, settings
        self.stop = stop or threading.Event()
        self.progress = progress
        self.start = time.perf_counter()
        self.pool = ThreadPoolExecutor(max(1, settings.workers))
        make = lambda s: Subproblem(  # noqa: E731
            s, part.names[s], sf, part.block_cols[s], part.block_rows[s], part.master_rows, settings.seed
        )
        self.subs = list(self.pool.map(make, range(part.n_blocks)))
        for sub in self.subs:
            sub.watch(self.stop)
        self.best_bound = -math.inf
        self.rounds: dict[str, int] = {"lp": 0, "mip": 0, "polish": 0}
        self.timings: dict[str, float] = {}

    def left(self) -> float:
        return self.set.time_limit_s - (time.perf_counter() - self.start)

    def _report(self, upper: float | None) -> None:
        if self.progress is None:
            return
        gap = None
        if upper is not None and math.isfinite(self.best_bound):
            gap = max(upper - self.best_bound, 0.0) / max(abs(upper), 1e-9)
        self.progress(time.perf_counter() - self.start, gap)

    def price(
        self, y: np.ndarray, mode: Mode, abs_gap: float = 0.0, fixed: list[np.ndarray] | None = None
    ) -> list[Column]:
        limit = self.left()
        if limit <= 0:
            raise OutOfTime
        return list(
            self.pool.map(
                lambda s: self.subs[s].solve(y, mode, limit, abs_gap, None if fixed is None else fixed[s]),
                range(self.part.n_blocks),
            )
        )

    def bound_at(self, master: Master, y: np.ndarray, cols: list[Column], valid: bool = True) -> float:
        value = master.lagrangian(y, np.array([c.bound for c in cols]))
        if valid and value > self.best_bound:
            self.best_bound = value
        return value

    def run(self) -> Outcome:
        try:
            t0 = time.perf_counter()
            master = Master(self.sf, self.part, self.set.penalty, self.set.seed)
            center = self._bound_phase(master)
            t1 = time.perf_counter()
            chosen, company = self._plan_phase(master, center)
            t2 = time.perf_counter()
            outcome = self._polish_phase(chosen, company)
            outcome.timings_s = {"bound": t1 - t0, "plans": t2 - t1, "polish": time.perf_counter() - t2}
            return outcome
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    # 1. the LP bound
    def _bound_phase(self, master: Master) -> np.ndarray:
        y = np.zeros(master.m)
        cols = self.price(y, "lp")
        self.bound_at(master, y, cols)
        center = y
        for c in cols:
            master.add(c)
        alpha = self.set.smoothing
        tol = self.set.rel_gap / 4
        reach = self.set.first_reach
        while self.rounds["lp"] < self.set.max_rounds and self.left() > 0:
            self.rounds["lp"] += 1
            z = master.solve_lp(self.left())
            y_rmp = master.duals
            slack = master.slack_used()
            LOG.debug(
                "lp round %d at %.1f s: master %.6g, bound %.6g, slack %.3g",
                self.rounds["lp"],
                time.perf_counter() - self.start,
                z,
                self.best_bound,
                slack,
            )
            self._report(z if slack <= FEAS_TOL else None)
            if z - self.best_bound <= tol * abs(z):
                if slack <= FEAS_TOL:
                    break
                if master.penalty >= 1e12:
                    raise Infeasible("the company-wide rows cannot be met by any mix of the sites' plans")
                master.set_penalty(master.penalty * 100)  # slack was cheaper than meeting the row: dearer
                self.best_bound = -math.inf  # bounds so far were of the cheaper relaxation
                continue
            if slack > FEAS_TOL:  # duals at the slack's penalty would price sites to extremes: cap them, raising
                y_sep = np.clip(y_rmp, -reach, reach)  # the cap each round (the plans the master lacks come gradually)
                reach *= REACH_GROWTH
            elif math.isfinite(self.best_bound):
                y_sep = alpha * center + (1 - alpha) * y_rmp
            else:
                y_sep = y_rmp
            cols = self.price(y_sep, "lp")
            before = self.best_bound
            self.bound_at(master, y_sep, cols)
            if self.best_bound > before:
                center = y_sep
            improving = [master.reduced_cost(c) < -1e-9 * max(abs(z), 1.0) for c in cols]
            for c in cols:
                master.add(c)
            alpha = self.set.smoothing if any(improving) else 0.0  # mispriced: step to the master's duals
        return center

    # 2. plans: one MIP per site, one choice per site
    def _plan_phase(self, master: Master, center: np.ndarray) -> tuple[list[Column], np.ndarray]:
        z_lp = master.solve_lp(self.left())
        abs_gap = self.set.rel_gap * abs(z_lp) / (4 * self.part.n_blocks)
        y = center
        plans: list[int] = []
        for attempt in range(4):
            self.rounds["mip"] += 1
            cols = self.price(y, "mip", abs_gap)
            self.bound_at(master, y, cols)
            for c in cols:
                plans.append(len(master.columns))
                master.add(c)
            allowed = np.zeros(len(master.columns), dtype=bool)
            allowed[plans] = True
            value = master.solve_mip(allowed, self.left(), self.set.rel_gap / 4)
            if value is not None and master.slack_used() <= FEAS_TOL:
                self._report(value)
                weights = master.weights()
                chosen = [master.columns[k] for k in plans if weights[k] > 0.5]
                return sorted(chosen, key=lambda c: c.block), master.company_values()
            if attempt == 3 or self.left() <= 0:
                break
            master.solve_lp(self.left(), allowed)  # prices at which the plans so far fall short
            y = master.duals
        if master.penalty < 1e12 and self.left() > 0:
            raise OutOfTime
        raise Infeasible("no choice of the sites' plans meets the company-wide rows")

    # 3. polish: integers held, the rest re-optimised jointly
    def _polish_phase(self, chosen: list[Column], company: np.ndarray) -> Outcome:
        fixed = [c.integers for c in chosen]
        master = Master(self.sf, self.part, self.set.penalty * 1e3, self.set.seed)
        master.fix_company_integers(company)
        for c in chosen:
            master.add(c)
        tol = self.set.rel_gap / 10
        z = master.solve_lp(self.left())
        best = z
        while self.left() > 0 and self.rounds["polish"] < self.set.max_rounds:
            self.rounds["polish"] += 1
            self._report(z)
            cols = self.price(master.duals, "fixed", fixed=fixed)
            lower = master.lagrangian(master.duals, np.array([c.bound for c in cols]))
            for c in cols:
                master.add(c)
            if z - lower <= tol * abs(z):
                break
            z = master.solve_lp(self.left())
            best = min(best, z)
        if master.slack_used() > FEAS_TOL:
            raise OutOfTime
        z = master.solve_lp(max(self.left(), 1.0))
        x = np.zeros(self.sf.shape[1])
        x[self.part.company_cols] = master.company_values()
        weights = master.weights()
        for k, col in enumerate(master.columns):
            if weights[k] > 0:
                x[self.part.block_cols[col.block]] += weights[k] * col.x
        row_dual = np.zeros(self.sf.shape[0])
        row_dual[self.part.master_rows] = master.duals
        for s, sub in enumerate(self.subs):
            row_dual[self.part.block_rows[s]] = sub.row_duals()
        return Outcome(x, z, self.best_bound, row_dual, dict(self.rounds))


def solve(
    sf: StandardForm,
    part: Partition,
    settings: Settings,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Solve `sf` by sites (see the module docstring)."""
    return DantzigWolfe(sf, part, settings, stop, progress).run()
