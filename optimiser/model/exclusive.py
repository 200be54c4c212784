"""Flows that may not run at the same time in the same hour: one meter has one net flow, a battery does not
charge and discharge at once, PV is not thrown away while the grid supplies the site, and a battery never
discharges while the site exports (anti-backflow: grid power bought cheap is never resold through it).

A linear programme runs two opposite flows together only when something rewards it (a valley price below the
export price, a target that counts consumption, an export price above the cost of stored valley power). The
exact answer is an either-or per hour, which needs a binary; binaries on every hour made solves 100 times
slower (measured on the shipped Hefei scenario: 2.4 s -> 330 s for 385 binaries), so:

- Either-or pairs (`Family`): checked on each solution; where both flows ran, a binary `z` is added for that
  hour (`a <= a_max (1 - z)`, `b <= b_max z`, with valid upper bounds: connection limits, roof-limited PV
  output, the largest storage power) and the model is solved again, until no pair runs together. Pairs the
  prices alone make profitable can get their binaries up front (`Family.upfront`, exact netting).
- Meter directions (`Directions`): battery discharge against export. An export price above the cost of stored
  valley power would pay for resale in every hour with PV surplus, and lazy binaries then chase it from hour to
  hour. So when a solution resells, the direction of every hour of that site is fixed from it: hours that
  export more than the battery put in (genuine PV surplus) may not discharge, the others may not export (both
  always feasible), and the model is solved again.
  An hour fixed to import that then curtails PV is switched to export. The first solution is a relaxation of
  the rule, so its cost is a lower bound: the summary reports how far the fixed directions are from it.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import pyomo.environ as pyo

Key = tuple[Hashable, ...]  # (site, year, day, hour)
TOLERANCE = 1e-6  # a flow counts as running above this share of the site's peak load (kW)


def _on(var: Any, tol: float) -> bool:
    return (var.value or 0.0) > tol


@dataclass
class Family:
    """One kind of exclusive pair at one site: flows `a[k]` and `b[k]` for hour keys k."""

    name: str  # e.g. "import_export"
    site: str
    a: dict[Key, Any]
    b: dict[Key, Any]
    a_max: dict[Key, float]
    b_max: dict[Key, float]
    scale_kw: float  # the site's peak load: flows below TOLERANCE x scale are solver noise
    upfront: set[Key] = field(default_factory=set)

    def running_together(self) -> list[Key]:
        tol = TOLERANCE * max(self.scale_kw, 1.0)
        return [k for k, va in self.a.items() if _on(va, tol) and _on(self.b[k], tol)]


@dataclass
class Directions:
    """The meter direction of each hour at one site, fixed once the site resells stored power."""

    site: str
    export: dict[Key, Any]
    blocked: list[dict[Key, Any]]  # flows that may not run while exporting (battery discharge)
    curtail: dict[Key, Any]  # PV thrown away: an hour fixed to import that curtails should export
    scale_kw: float
    fixed: dict[Key, str] = field(default_factory=dict)  # "export" | "import"

    def reselling(self) -> list[Key]:
        tol = TOLERANCE * max(self.scale_kw, 1.0)
        return [k for k, e in self.export.items() if _on(e, tol) and any(_on(f[k], tol) for f in self.blocked)]

    def fix(self) -> int:
        """Fix every hour from the solution (first time) or switch curtailing import hours to export."""
        tol = TOLERANCE * max(self.scale_kw, 1.0)
        changed = 0
        if not self.fixed:
            if not self.reselling():
                return 0
            for k, e in self.export.items():
                # genuine surplus: more leaves than the blocked flows put in (what the battery resold is not)
                surplus = (e.value or 0.0) - sum(f[k].value or 0.0 for f in self.blocked) > tol
                curtailing = k in self.curtail and _on(self.curtail[k], tol)
                self._set(k, "export" if surplus or curtailing else "import")
                changed += 1
            return changed
        for k, way in list(self.fixed.items()):
            if way == "import" and k in self.curtail and _on(self.curtail[k], tol):
                self._set(k, "export")
                changed += 1
        return changed

    def _set(self, k: Key, way: str) -> None:
        self.fixed[k] = way
        if way == "export":
            self.export[k].unfix()
            for f in self.blocked:
                f[k].fix(0.0)
        else:
            self.export[k].fix(0.0)
            for f in self.blocked:
                f[k].unfix()


@dataclass
class Exclusive:
    families: list[Family] = field(default_factory=list)
    directions: list[Directions] = field(default_factory=list)
    enforced: dict[tuple[str, str, Key], int] = field(default_factory=dict)  # pair -> index of its binary
    rounds: int = 0  # re-solves needed
    relaxed_objective: float | None = None  # cost of the first solution when directions had to be fixed

    @property
    def n_binaries(self) -> int:
        return len(self.enforced)

    @property
    def n_fixed_hours(self) -> int:
        return sum(len(d.fixed) for d in self.directions)

    def add(self, family: Family) -> None:
        self.families.append(family)


def attach(m: pyo.ConcreteModel, exclusive: Exclusive) -> None:
    """Create the block that holds the either-or binaries, and the up-front ones."""
    b = m.exclusive = pyo.Block()
    b.second_runs = pyo.Var(pyo.NonNegativeIntegers, domain=pyo.Binary, dense=False)
    b.first_max = pyo.ConstraintList()
    b.second_max = pyo.ConstraintList()
    for fam in exclusive.families:
        _enforce(b, exclusive, fam, sorted(fam.upfront, key=str))


def refine(m: pyo.ConcreteModel, exclusive: Exclusive, objective: float) -> int:
    """After a solve: fix meter directions where the site resold stored power, add binaries where a pair ran
    together; return how many hours changed (0: the solution stands)."""
    changed = 0
    for d in exclusive.directions:
        first = not d.fixed
        n = d.fix()
        if n and first and exclusive.relaxed_objective is None:
            exclusive.relaxed_objective = objective
        changed += n
    for fam in exclusive.families:
        changed += _enforce(m.exclusive, exclusive, fam, fam.running_together())
    if changed:
        exclusive.rounds += 1
    return changed


def _enforce(b: pyo.Block, exclusive: Exclusive, fam: Family, keys: list[Key]) -> int:
    added = 0
    for k in keys:
        tag = (fam.name, fam.site, k)
        if tag in exclusive.enforced:
            continue
        exclusive.enforced[tag] = len(exclusive.enforced)
        z = b.second_runs[exclusive.enforced[tag]]  # 1: the second flow (b) may run and the first (a) is off
        b.first_max.add(fam.a[k] <= fam.a_max[k] * (1 - z))
        b.second_max.add(fam.b[k] <= fam.b_max[k] * z)
        added += 1
    return added
