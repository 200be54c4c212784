"""The restricted master: company columns, the master rows (linking and company rows) and, per site, a convex
weight on each site point found so far. Linking rows carry an elastic slack at `penalty` per unit, so the master
always has duals; a plan with slack left is not a plan (see dantzig_wolfe.py).

Lagrangian bound: for any master duals y (sign as HiGHS reports them: d = c - A^T y), the company columns and
slacks minimised over their bounds plus each site's least priced objective is a lower bound of the whole
programme (weak duality); `lagrangian` computes it and is -inf where y is not dual feasible for them.
"""

from __future__ import annotations

import highspy
import numpy as np
import scipy.sparse as sp

from .partition import Partition
from .standard import INF, StandardForm, highs_lp, quiet_highs
from .subproblem import Column

DUAL_TOL = 1e-7  # HiGHS's dual feasibility tolerance: a reduced cost this close to zero is zero
REL_TOL = 1e-6  # the same, relative to the terms of a reduced cost


class Master:
    def __init__(self, sf: StandardForm, part: Partition, penalty: float, seed: int = 0):
        rows = part.master_rows
        self.m, self.S = len(rows), part.n_blocks
        self.row_lower, self.row_upper = sf.row_lower[rows], sf.row_upper[rows]
        comp = part.company_cols
        self.A0 = sp.csc_array(sf.A[:, comp][rows, :])
        self.c0, self.lb0, self.ub0 = sf.cost[comp], sf.col_lower[comp], sf.col_upper[comp]
        self.int0 = sf.integer[comp]
        self.offset = sf.offset
        self.penalty = penalty
        link = np.flatnonzero(part.linking)
        up = link[np.isfinite(self.row_lower[link])]  # slack that raises the row's activity
        down = link[np.isfinite(self.row_upper[link])]
        self.slack_rows = np.concatenate([up, down])
        self.slack_sign = np.concatenate([np.ones(len(up)), -np.ones(len(down))])
        n_slack = len(self.slack_rows)
        slack = sp.csc_array((self.slack_sign, (self.slack_rows, np.arange(n_slack))), shape=(self.m + self.S, n_slack))
        A = sp.hstack([sp.vstack([self.A0, sp.csc_array((self.S, len(comp)))]), slack], format="csc")
        cost = np.concatenate([self.c0, np.full(n_slack, penalty)])
        lower = np.concatenate([self.lb0, np.zeros(n_slack)])
        upper = np.concatenate([self.ub0, np.full(n_slack, INF)])
        row_lo = np.concatenate([self.row_lower, np.ones(self.S)])
        row_up = np.concatenate([self.row_upper, np.ones(self.S)])
        self.h = quiet_highs(seed=seed)
        self.h.passModel(highs_lp(A, cost, lower, upper, row_lo, row_up, offset=self.offset))
        self.n0, self.n_slack = len(comp), n_slack
        self.columns: list[Column] = []
        self.int_idx = np.flatnonzero(self.int0).astype(np.int32)
        self.solution: np.ndarray | None = None
        self.duals = np.zeros(self.m)
        self.convexity_duals = np.zeros(self.S)

    @property
    def first_z(self) -> int:
        return self.n0 + self.n_slack

    def add(self, col: Column) -> None:
        nz = np.flatnonzero(col.link)
        idx = np.concatenate([nz, [self.m + col.block]]).astype(np.int32)
        val = np.concatenate([col.link[nz], [1.0]])
        self.h.addCol(col.cost, 0.0, INF, len(idx), idx, val)
        self.columns.append(col)

    def _restrict(self, allowed: np.ndarray | None, integer: bool) -> None:
        """Columns outside `allowed` held at 0; the weights and integer company columns integer or not."""
        n_z = len(self.columns)
        z_idx = (self.first_z + np.arange(n_z)).astype(np.int32)
        if n_z:
            upper = np.full(n_z, INF) if allowed is None else np.where(allowed, INF, 0.0)
            self.h.changeColsBounds(n_z, z_idx, np.zeros(n_z), upper)
            self.h.changeColsIntegrality(n_z, z_idx, np.full(n_z, int(integer), dtype=np.uint8))
        if len(self.int_idx):
            k = len(self.int_idx)
            self.h.changeColsIntegrality(k, self.int_idx, np.full(k, int(integer), dtype=np.uint8))

    def fix_company_integers(self, values: np.ndarray) -> None:
        """Hold the integer company columns at `values` (over the company columns)."""
        k = len(self.int_idx)
        if k:
            v = np.round(values[self.int_idx])
            self.h.changeColsBounds(k, self.int_idx, v, v)

    def solve_lp(self, time_limit_s: float) -> float:
        """Optimum of the LP over the columns so far; duals kept in `duals`."""
        self._restrict(None, integer=False)
        self.h.setOptionValue("time_limit", float(max(time_limit_s, 1e-3)))
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"restricted master: {self.h.modelStatusToString(self.h.getModelStatus())}")
        sol = self.h.getSolution()
        self.solution = np.asarray(sol.col_value)
        duals = np.asarray(sol.row_dual)
        self.duals = np.where(np.abs(duals[: self.m]) <= DUAL_TOL, 0.0, duals[: self.m])
        self.convexity_duals = duals[self.m :]
        return float(self.h.getInfo().objective_function_value)

    def solve_mip(self, allowed: np.ndarray, time_limit_s: float, rel_gap: float) -> float | None:
        """Pick one allowed column per site (and integer company columns): the objective, or None without a
        solution."""
        self._restrict(allowed, integer=True)
        self.h.setOptionValue("time_limit", float(max(time_limit_s, 1e-3)))
        self.h.setOptionValue("mip_rel_gap", float(rel_gap))
        self.h.run()
        info = self.h.getInfo()
        ok = info.primal_solution_status == 2
        self.solution = np.asarray(self.h.getSolution().col_value) if ok else None
        return float(info.objective_function_value) if ok else None

    def reduced_cost(self, col: Column) -> float:
        return float(col.cost - self.duals @ col.link - self.convexity_duals[col.block])

    def set_penalty(self, penalty: float) -> None:
        self.penalty = penalty
        idx = (self.n0 + np.arange(self.n_slack)).astype(np.int32)
        self.h.changeColsCost(self.n_slack, idx, np.full(self.n_slack, penalty))

    def slack_used(self) -> float:
        assert self.solution is not None
        return float(self.solution[self.n0 : self.first_z].sum())

    def weights(self) -> np.ndarray:
        assert self.solution is not None
        return self.solution[self.first_z :]

    def company_values(self) -> np.ndarray:
        assert self.solution is not None
        return self.solution[: self.n0]

    def lagrangian(self, y: np.ndarray, site_bounds: np.ndarray) -> float:
        """Lower bound at duals y (master rows) given each site's least priced objective at y."""
        y = np.where(np.abs(y) <= DUAL_TOL, 0.0, y)
        rows = y * _finite_or(self.row_lower, y > 0) + y * _finite_or(self.row_upper, y < 0)
        d = self.c0 - self.A0.T @ y
        # HiGHS meets dual feasibility on its scaled model: unscaled, a free column's reduced cost is zero only to
        # within the size of the terms that make it up
        scale = REL_TOL * (np.abs(self.c0) + np.abs(self.A0).T @ np.abs(y)) + DUAL_TOL
        d = np.where(np.abs(d) <= scale, 0.0, d)
        cols = d * _finite_or(self.lb0, d > 0) + d * _finite_or(self.ub0, d < 0)
        slack_d = self.penalty - self.slack_sign * y[self.slack_rows]
        if (slack_d < -DUAL_TOL * (1.0 + self.penalty)).any():
            return -np.inf
        total = float(rows.sum() + cols.sum() + site_bounds.sum()) + self.offset
        return total if np.isfinite(total) else -np.inf


def _finite_or(bound: np.ndarray, needed: np.ndarray) -> np.ndarray:
    """The bound where it is needed (an infinite one there makes the product, and so the bound, -inf), else 0."""
    return np.where(needed, bound, 0.0)
