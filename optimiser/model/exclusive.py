"""Flows that may not run at the same time in the same hour: one meter has one net flow, a battery does not
charge and discharge at once, PV is not thrown away while the grid supplies the site, and a battery never
discharges while the site exports (anti-backflow: grid power bought cheap is never resold through it).

A linear programme runs two opposite flows together only when something rewards it (a valley price below the
export price, a target that counts consumption, an export price above the cost of stored valley power). The
exact answer is an either-or per hour, which needs a binary; binaries on every hour made solves 100 times
slower (measured on the shipped Hefei scenario: 2.4 s -> 330 s for 385 binaries), so:

- Either-or pairs (`Family`): checked on each solution; where both flows ran, a binary `z` is added for that
  hour (`a <= a_max (1 - z)`, `b <= b_max z`, with valid upper bounds: connection limits, roof-limited PV
  output, the largest storage power) and the model is solved again, until no pair runs together. A pair that
  runs together again in a year already given binaries gets them on every hour of that year: a target that
  rewards waste (a peak level to raise) otherwise moves the waste one hour per solve (27 solves, 23 s, on a
  generated two-year case; 3 solves and 3 s after). Pairs the prices alone make profitable can get their binaries up
  front (`Family.upfront`, exact netting).
- Meter directions (`Directions`): battery discharge against export. An export price above the cost of stored
  valley power would pay for resale in every hour with PV surplus. Which hours have a surplus follows from the
  design: on-site output (PV capacity x profile) above the load after measures. In those hours the battery may
  not discharge (it would be resold), in the others the site may not export (it could only export what the
  battery resells). So each hour's direction is set from the design before the first solve (PV filling the
  roof, no measures: the plans' usual shape) and checked against the solution's own design afterwards; where
  they disagree in a way that matters (PV curtailed in an hour barred from export, a barred battery next to
  imports) the hour is switched and the model solved again. For a fixed design (a dispatch check) the
  directions are exact from the start.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import pyomo.environ as pyo

Key = tuple[str, int, int, int]  # (site, year, day, hour)
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
    """The meter direction of each hour at one site, from the design: export hours (on-site output above the
    load: no discharge) or import hours (no export)."""

    site: str
    export: dict[Key, Any]
    blocked: list[dict[Key, Any]]  # flows that may not run while exporting (battery discharge)
    curtail: dict[Key, Any]  # output thrown away: an import hour that curtails should export
    imports: dict[Key, Any]
    supply: dict[Key, list]  # design-level bus terms (output and measures), kW
    load_kw: dict[Key, float]  # baseline load
    scale_kw: float
    blocked_max_kw: float  # the most the blocked flows can be (the battery's largest power)
    worth: dict[Key, tuple[float, float, float]]  # per kWh in a year: (import price, export value, cheapest
    # import price of the year), each times the hours its representative hour stands for
    exact: bool = False  # a fixed design: nothing to revise
    fixed: dict[Key, str] = field(default_factory=dict)  # "export" | "import"

    def surplus(self) -> dict[Key, bool]:
        """Hours in which the design's output exceeds the load, at the variables' current values."""
        tol = TOLERANCE * max(self.scale_kw, 1.0)
        return {
            k: sum(c * (v.value or 0.0) for c, v in self.supply.get(k, ())) > self.load_kw[k] + tol for k in self.export
        }

    def preset(self) -> None:
        for k, surplus in self.surplus().items():
            self._set(k, "export" if surplus else "import")

    def revisions(self) -> tuple[list[tuple[Key, str]], float]:
        """After a solve: the hours where the solution's design disagrees with the direction, and an upper
        bound of what switching them could save a year (currency): PV curtailed in an hour barred from export
        at its export value; imports next to a barred battery at their price above the year's cheapest."""
        if self.exact:
            return [], 0.0
        tol = TOLERANCE * max(self.scale_kw, 1.0)
        out, gain = [], 0.0
        for k, surplus in self.surplus().items():
            way = self.fixed[k]
            price, export_value, cheapest = self.worth[k]
            if way == "import" and surplus and k in self.curtail and _on(self.curtail[k], tol):
                out.append((k, "export"))
                gain += export_value * self.curtail[k].value
            elif way == "export" and not surplus and _on(self.imports[k], tol):
                out.append((k, "import"))
                gain += max(0.0, price - cheapest) * min(self.imports[k].value, self.blocked_max_kw)
        return out, gain

    def switch(self, hours: list[tuple[Key, str]]) -> None:
        for k, way in hours:
            self._set(k, way)

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
    years_seen: set[tuple[str, str, Hashable]] = field(default_factory=set)  # (pair, site, year) given binaries
    rounds: int = 0  # re-solves needed

    @property
    def n_binaries(self) -> int:
        return len(self.enforced)

    @property
    def n_export_hours(self) -> int:
        return sum(way == "export" for d in self.directions for way in d.fixed.values())

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
    for d in exclusive.directions:
        d.preset()


def refine(m: pyo.ConcreteModel, exclusive: Exclusive, worth_revising: float) -> int:
    """After a solve: revise meter directions if that could save more than `worth_revising` (the solver's own
    tolerance on the objective), add binaries where a pair ran together; the number of hours changed (0: the
    solution stands)."""
    revisions = [d.revisions() for d in exclusive.directions]
    changed = 0
    if sum(gain for _, gain in revisions) > worth_revising:
        for d, (hours, _) in zip(exclusive.directions, revisions, strict=True):
            d.switch(hours)
            changed += len(hours)
    for fam in exclusive.families:
        changed += _enforce(m.exclusive, exclusive, fam, _widen(exclusive, fam, fam.running_together()))
    if changed:
        exclusive.rounds += 1
    return changed


def _widen(exclusive: Exclusive, fam: Family, keys: list[Key]) -> list[Key]:
    """The hours to give binaries: those that ran together, and every hour of a year that did so before."""
    years = {k[1] for k in keys}
    again = {y for y in years if (fam.name, fam.site, y) in exclusive.years_seen}
    exclusive.years_seen |= {(fam.name, fam.site, y) for y in years}
    return keys + [k for k in fam.a if k[1] in again]


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
