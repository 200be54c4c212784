"""Dantzig-Wolfe decomposition over sites with a proven bound (price-and-polish).

1. Bound: column generation on the LP relaxation. Sites are priced at smoothed master duals (Wentges: a step
   from the best-bound duals towards the master's); every pricing round gives a Lagrangian lower bound.
2. Plans: each site's MIP at the best-bound duals (its dual bound makes the Lagrangian bound of the MIP, often
   above the LP's); the master then picks one plan per site as a MIP.
3. Polish: each site's integer decisions held at the chosen plan, column generation on what is left (an LP,
   so any mix of its points is a plan too): every master optimum without slack is a feasible plan, the last one
   is returned. Plans whose integers leave the company short are priced again at dearer duals.

Gap = (best plan - best bound) / |best plan|: a true bound, as in a monolithic branch and bound.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import numpy as np

from .master import Master
from .partition import Partition
from .standard import StandardForm
from .subproblem import Column, Mode, Subproblem, SubproblemError

Progress = Callable[[float, float | None], None]
LOG = logging.getLogger(__name__)
REACH_GROWTH = 2.5
UNBOUNDED = ("Unbounded", "Primal infeasible or unbounded")  # HiGHS's words
UNBOUNDED_RETRIES = 12
PLAN_ATTEMPTS = 4  # rounds of site MIPs, each at dearer duals than the last
POLISH_ROUNDS = 12  # column generation rounds with the plans' integers held and the company's rows met
POLISH_SHORT_ROUNDS = 20  # rounds the held integers may leave the company short before they are given up
FEAS_TOL = 1e-6  # slack per unit of a linking row below which a master solution counts as meeting it


class Infeasible(RuntimeError):
    """The linking rows cannot be met by any mix of the sites' points (the plan is infeasible)."""


class NoPlan(RuntimeError):
    """No plan found whose integer decisions let the company-wide rows be met (not a proof that none exists)."""


class SlackLeft(RuntimeError):
    """The chosen plans' integer decisions leave a linking row unmet even with the rest re-optimised."""


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
        self.best_y = np.zeros(0)  # duals of the best bound
        self.safe_y: np.ndarray | None = None  # the last duals at which every site was bounded
        self.plans: list[int] = []  # master columns that are MIP plans
        self.rounds: dict[str, int] = {"lp": 0, "mip": 0, "polish": 0}

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
    ) -> tuple[list[Column], np.ndarray]:
        """Every site's best point at duals y, and the duals they were priced at. Duals can reward a site without
        limit (a negative carbon price where a decline row makes a higher earlier year worth something, and fuel may
        be burnt beyond need): then y is moved halfway back towards the last duals at which every site was bounded
        (y = 0 is: every cost is a cost), as often as needed. Any duals give a valid bound."""
        for _ in range(UNBOUNDED_RETRIES):
            limit = self.left()
            if limit <= 0:
                raise OutOfTime
            try:
                cols = self._all(y, mode, limit, abs_gap, fixed)
            except SubproblemError as e:
                safe = self.safe_y if self.safe_y is not None else np.zeros_like(y)
                if e.status not in UNBOUNDED or not np.any(y != safe):
                    raise
                LOG.debug("site %s unbounded at these duals: halfway back to bounded ones", e.site)
                y = 0.5 * (y + safe)
                continue
            self.safe_y = y
            return cols, y
        raise SubproblemError(self.part.names[0], "Unbounded")

    def _all(
        self, y: np.ndarray, mode: Mode, limit: float, abs_gap: float, fixed: list[np.ndarray] | None
    ) -> list[Column]:
        """Every site solved at y, in the pool; every solve has ended before this returns or raises (a site's HiGHS
        must never be re-priced while an earlier solve of it still runs: that crashed HiGHS)."""
        futures = [
            self.pool.submit(sub.solve, y, mode, limit, abs_gap, None if fixed is None else fixed[s])
            for s, sub in enumerate(self.subs)
        ]
        wait(futures)
        return [f.result() for f in futures]

    def bound_at(self, master: Master, y: np.ndarray, cols: list[Column]) -> float:
        """The Lagrangian bound at y, kept with its duals when it is the best so far."""
        value = master.lagrangian(y, np.array([c.bound for c in cols]))
        if value > self.best_bound:
            self.best_bound, self.best_y = value, y
        return value

    def run(self) -> Outcome:
        try:
            t0 = time.perf_counter()
            master = Master(self.sf, self.part, self.set.penalty, self.set.seed)
            y_best = self._bound_phase(master)
            t1 = time.perf_counter()
            z_lp = master.solve_lp(self.left())
            abs_gap = self.set.rel_gap * abs(z_lp) / (4 * self.part.n_blocks)
            plans_s = polish_s = 0.0
            for attempt in range(PLAN_ATTEMPTS):
                # plans priced at the best-bound duals first; if their integers leave the company short even after
                # polishing, at dearer carbon (more abatement in every site's plan)
                t2 = time.perf_counter()
                chosen, company, y_plan = self._plan_phase(master, y_best * (1.0 + 0.5 * attempt), abs_gap)
                t3 = time.perf_counter()
                plans_s += t3 - t2
                try:
                    outcome = self._polish_phase(chosen, company, y_plan)
                except SlackLeft:
                    polish_s += time.perf_counter() - t3
                    continue
                polish_s += time.perf_counter() - t3
                outcome.timings_s = {"bound": t1 - t0, "plans": plans_s, "polish": polish_s}
                return outcome
            raise NoPlan
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    # 1. the LP bound
    def _bound_phase(self, master: Master) -> np.ndarray:
        y = np.zeros(master.m)
        cols, y = self.price(y, "lp")
        self.bound_at(master, y, cols)
        for c in cols:
            master.add(c)
        alpha, centred = self.set.smoothing, False
        tol = self.set.rel_gap / 3
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
                self.best_bound = (
                    -math.inf
                )  # bounds so far were of the cheaper relaxation (their duals stay the centre)
                continue
            if slack > FEAS_TOL:  # duals at the slack's penalty would price sites to extremes: cap them, raising
                y_sep = np.clip(y_rmp, -reach, reach)  # the cap each round (the plans the master lacks come gradually)
                reach *= REACH_GROWTH
            elif not centred:  # the first master that needs no slack: a full step to its duals
                y_sep, centred = y_rmp, True
            else:  # Wentges smoothing: a step from the best-bound duals towards the master's
                y_sep = alpha * self.best_y + (1 - alpha) * y_rmp
            cols, y_sep = self.price(y_sep, "lp")
            at_sep = self.bound_at(master, y_sep, cols)
            LOG.debug("  priced at %s duals: bound there %.6g", "capped" if slack > FEAS_TOL else "smoothed", at_sep)
            improving = [master.reduced_cost(c) < -1e-9 * max(abs(z), 1.0) for c in cols]
            for c in cols:
                master.add(c)
            alpha = self.set.smoothing if any(improving) else 0.0  # mispriced: step to the master's duals
        return self.best_y

    # 2. plans: one MIP per site, one choice per site
    def _plan_phase(self, master: Master, y: np.ndarray, abs_gap: float) -> tuple[list[Column], np.ndarray, np.ndarray]:
        """One MIP per site at duals y; the master's choice of one plan per site among all plans so far (it may
        still need slack: polishing moves the continuous decisions)."""
        self.rounds["mip"] += 1
        cols, y = self.price(y, "mip", abs_gap)
        self.bound_at(master, y, cols)
        for c in cols:
            self.plans.append(len(master.columns))
            master.add(c)
        allowed = np.zeros(len(master.columns), dtype=bool)
        allowed[self.plans] = True
        value = master.solve_mip(allowed, self.left(), self.set.rel_gap / 4)
        if value is None:
            raise OutOfTime
        LOG.debug("plans chosen: master %.6g, slack %.3g", value, master.slack_used())
        weights = master.weights()
        chosen = [master.columns[k] for k in self.plans if weights[k] > 0.5]
        return sorted(chosen, key=lambda c: c.block), master.company_values(), y

    # 3. polish: integers held, the rest re-optimised jointly
    def _polish_phase(self, chosen: list[Column], company: np.ndarray, y_plan: np.ndarray) -> Outcome:
        """Column generation with each site's integers held at its plan, priced within a box around the plans'
        duals (the master's own duals swing to the slack's penalty on degenerate rows), until the plan is within
        the wanted gap of the bound or POLISH_ROUNDS have run after the rows were first met."""
        fixed = [c.integers for c in chosen]
        master = Master(self.sf, self.part, self.set.penalty, self.set.seed)
        master.fix_company_integers(company)
        for c in chosen:
            master.add(c)
        self.safe_y = y_plan  # the plans were bounded there, so is every site with its integers held
        box = 0.25 * np.abs(y_plan) + 0.05 * float(np.abs(y_plan).max(initial=0.0)) + 1.0
        short_rounds = feasible_rounds = 0
        while self.left() > 0 and feasible_rounds < POLISH_ROUNDS:
            self.rounds["polish"] += 1
            z = master.solve_lp(self.left())
            LOG.debug("polish round %d: master %.6g, slack %.3g", self.rounds["polish"], z, master.slack_used())
            if master.slack_used() <= FEAS_TOL:
                feasible_rounds += 1
                self._report(z)
                if z - self.best_bound <= self.set.rel_gap * abs(z) / 2:
                    break
            else:
                short_rounds += 1
                if short_rounds > POLISH_SHORT_ROUNDS:
                    raise SlackLeft
            y = np.clip(master.duals, y_plan - box, y_plan + box)
            cols, _ = self.price(y, "fixed", fixed=fixed)
            for c in cols:
                master.add(c)
        z = master.solve_lp(max(self.left(), 1.0))
        if master.slack_used() > FEAS_TOL:
            raise SlackLeft
        self._report(z)
        x = np.zeros(self.sf.shape[1])
        x[self.part.company_cols] = master.company_values()
        weights = master.weights()
        for k, col in enumerate(master.columns):
            if weights[k] > 0:
                x[self.part.block_cols[col.block]] += weights[k] * col.x
        row_dual = np.zeros(self.sf.shape[0])
        row_dual[self.part.master_rows] = master.duals
        for s_, sub in enumerate(self.subs):
            row_dual[self.part.block_rows[s_]] = sub.row_duals()
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
