"""One site's own rows and columns as a HiGHS model that the master prices: its costs less the master's duals
times its entries in the linking rows. Kept alive between rounds, so a re-priced LP restarts from its last basis.

Three modes: `lp` (integrality relaxed: the bound phase), `mip` (integrality kept: plans), `fixed` (the integer
columns held at a plan's values, the rest an LP: the polishing phase, whose points can be mixed freely).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal

import highspy
import numpy as np
import scipy.sparse as sp

from .standard import StandardForm, highs_lp, quiet_highs

Mode = Literal["lp", "mip", "fixed"]
S = highspy.HighsModelStatus
DOUBTFUL = (S.kUnboundedOrInfeasible, S.kUnbounded, S.kInfeasible)  # for a site whose LP at the same prices solved


class SubproblemError(RuntimeError):
    """A site's subproblem did not solve (infeasible on its own, unbounded under the prices, out of time)."""

    def __init__(self, site: str, status: str):
        super().__init__(f"site {site}: {status}")
        self.site, self.status = site, status


@dataclass
class Column:
    """A point of one site's feasible set, as the master sees it."""

    block: int
    mode: Mode
    x: np.ndarray  # the site's columns (empty for LP points: only plans and polished points are kept)
    cost: float  # cost x (the site's share of the objective)
    link: np.ndarray  # entries in the master rows, A_link x (dense)
    value: float  # priced objective (cost - y A_link x) at the prices it was made for
    bound: float  # a proven lower bound of the priced objective (MIP: HiGHS's dual bound)
    integers: np.ndarray  # values of the integer columns (rounded)


class Subproblem:
    def __init__(
        self,
        block: int,
        name: str,
        sf: StandardForm,
        cols: np.ndarray,
        rows: np.ndarray,
        master_rows: np.ndarray,
        seed: int = 0,
    ):
        self.block, self.name = block, name
        A_cols = sf.A[:, cols]
        self.A_link = sp.csc_array(A_cols[master_rows, :])
        self.abs_link_T = sp.csr_array(abs(self.A_link).T)
        local = sp.csc_array(A_cols[rows, :])
        self.cost = sf.cost[cols].astype(float)
        self.lower, self.upper = sf.col_lower[cols].copy(), sf.col_upper[cols].copy()
        self.int_idx = np.flatnonzero(sf.integer[cols]).astype(np.int32)
        self.n = len(cols)
        self.h = quiet_highs(seed=seed)
        self.h.passModel(highs_lp(local, self.cost, self.lower, self.upper, sf.row_lower[rows], sf.row_upper[rows]))
        self.mode: Mode = "lp"
        self.fixed_at: np.ndarray | None = None
        self.all_idx = np.arange(self.n, dtype=np.int32)
        self.stop: threading.Event | None = None

    def watch(self, stop: threading.Event) -> None:
        """Give up between solves once `stop` is set (Ctrl-C). No HiGHS callback: it would take the GIL in every
        simplex iteration and serialise the sites' threads (measured: 20 cold site LPs took 104 s, not 55 s)."""
        self.stop = stop

    def _set_mode(self, mode: Mode, fixed_at: np.ndarray | None) -> None:
        k = len(self.int_idx)
        same_fix = fixed_at is not None and self.fixed_at is not None and np.array_equal(fixed_at, self.fixed_at)
        if mode == self.mode and (mode != "fixed" or same_fix):
            return
        if k:
            kind = np.full(k, 1 if mode == "mip" else 0, dtype=np.uint8)  # 1 = integer, 0 = continuous
            self.h.changeColsIntegrality(k, self.int_idx, kind)
            if mode == "fixed":
                assert fixed_at is not None
                self.h.changeColsBounds(k, self.int_idx, fixed_at, fixed_at)
            elif self.mode == "fixed":
                self.h.changeColsBounds(k, self.int_idx, self.lower[self.int_idx], self.upper[self.int_idx])
        self.mode, self.fixed_at = mode, None if fixed_at is None else fixed_at.copy()

    def solve(
        self, y: np.ndarray, mode: Mode, time_limit_s: float, abs_gap: float = 0.0, fixed_at: np.ndarray | None = None
    ) -> Column:
        """The site's best point at master duals `y` (over the master rows)."""
        if self.stop is not None and self.stop.is_set():
            raise SubproblemError(self.name, "interrupted")
        self._set_mode(mode, fixed_at)
        priced = self.cost - self.A_link.T @ y
        # a cost that is zero but for rounding (a free-standing column's cost cancelled by its row's dual) must not
        # read as a tiny negative cost on an unbounded column: MIP presolve calls that unbounded
        noise = 1e-9 * (np.abs(self.cost) + self.abs_link_T @ np.abs(y))
        priced = np.where(np.abs(priced) <= noise, 0.0, priced)
        self.h.changeColsCost(self.n, self.all_idx, priced)
        self.h.setOptionValue("time_limit", float(max(time_limit_s, 1e-3)))
        if mode == "mip":
            self.h.setOptionValue("mip_rel_gap", 0.0)
            self.h.setOptionValue("mip_abs_gap", float(max(abs_gap, 1e-6)))
        self.h.run()
        status = self.h.getModelStatus()
        if mode == "mip" and status in DOUBTFUL:  # seen after re-pricing a model that was an LP: solve it afresh
            self.h.clearSolver()
            self.h.setOptionValue("presolve", "off")
            self.h.run()
            self.h.setOptionValue("presolve", "choose")
            status = self.h.getModelStatus()
        info = self.h.getInfo()
        if self.stop is not None and self.stop.is_set():
            raise SubproblemError(self.name, "interrupted")
        has_solution = info.primal_solution_status == 2
        if status != S.kOptimal and not (mode == "mip" and has_solution and status == S.kTimeLimit):
            raise SubproblemError(self.name, self.h.modelStatusToString(status))
        x = np.asarray(self.h.getSolution().col_value, dtype=float)
        integers = np.round(x[self.int_idx])
        if mode != "lp" and len(self.int_idx):
            x[self.int_idx] = integers
        value = float(priced @ x)
        bound = float(info.mip_dual_bound) if mode == "mip" and len(self.int_idx) else value
        cost, link = float(self.cost @ x), self.A_link @ x
        kept = x if mode != "lp" else np.zeros(0)  # LP points never become the plan: only their cost and link count
        return Column(self.block, mode, kept, cost, link, value, min(bound, value), integers)

    def row_duals(self) -> np.ndarray:
        return np.asarray(self.h.getSolution().row_dual, dtype=float)
