"""Assemble the model: reads like a table of contents. The core never names a lever; levers write to the
ledger (see ledger.py) and the core sums it.

Modes (see context.py): `bau` (existing assets only, no targets), `economics` (levers, no targets),
`targets` (levers and targets: the plan), `dispatch` (a plan's design fixed, the operation free).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyomo.environ as pyo
from pyomo.common.gc_manager import PauseGC

from ..data import ModelData
from ..levers import LEVERS, check_heat_ledger, check_ledger
from . import emissions, exclusive, grid, heat, objective, targets
from .context import Context, Design, Mode
from .ledger import Ledger
from .targets import Reference


@dataclass
class BuiltModel:
    model: pyo.ConcreteModel
    ledger: Ledger
    data: ModelData
    context: Context
    reference: Reference

    @property
    def mode(self) -> Mode:
        return self.context.mode

    def refine(self, worth_revising: float = 0.0) -> int:
        """After a solve: keep flows that ran together apart where they did (see exclusive.py); the number of
        hours changed (0: the solution stands). Meter directions are revised only if that could save more than
        `worth_revising` (currency, net present value)."""
        return exclusive.refine(self.model, self.ledger.exclusive, worth_revising)


def build_model(
    data: ModelData,
    mode: Mode = "targets",
    reference: Reference | None = None,
    design: Design | None = None,
    carbon_signal_per_t: dict[int, float] | None = None,
) -> BuiltModel:
    """`design` and `carbon_signal_per_t` (the plan's implied carbon prices, currency per t) are for `dispatch`."""
    if (mode == "dispatch") != (design is not None):
        raise ValueError("a design is given exactly in dispatch mode")
    ctx = Context(mode, design, carbon_signal_per_t or {})
    # the cyclic garbage collector rescans every Pyomo object it has seen each time a few hundred new ones
    # appear; pausing it while building cut the 36-year build from 2.4 s to 0.55 s (benchmarks/bench.py)
    with PauseGC():
        return _build(data, ctx, reference or Reference())


def _build(data: ModelData, ctx: Context, reference: Reference) -> BuiltModel:
    m = pyo.ConcreteModel(name=f"{data.scenario.name}:{ctx.mode}")
    ledger = Ledger()
    grid.add_grid(m, data, ledger)
    for lever in LEVERS:
        lever.add(m, data, ledger, ctx)
    grid.add_export(m, data, ledger, design_fixed=ctx.fixed)
    grid.add_balance(m, data, ledger)
    check_heat_ledger(ledger.heat, {(s, c) for s, sd in data.sites.items() for c in sd.heat})
    heat.add(m, data, ledger)
    emissions.add(m, data, ledger)
    if ctx.mode == "targets":
        targets.add(m, data, ledger, reference)
    for y, price in ctx.carbon_signal_per_t.items():
        if price:  # the plan's marginal cost of a tonne, so the check dispatches as the plan would
            ledger.annual[("carbon_signal", "company", y)].append((price, m.emissions.gross_t[y]))
    check_ledger(ledger.annual, ledger.capex)
    objective.add(m, data, ledger)
    exclusive.attach(m, ledger.exclusive)
    return BuiltModel(m, ledger, data, ctx, reference)
