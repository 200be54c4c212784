"""Assemble the model: reads like a table of contents. The core never names a lever; levers write to the
ledger (see ledger.py) and the core sums it.

Modes: `bau` (no new levers: existing assets only, no targets), `economics` (levers, no targets),
`targets` (levers and targets: the plan).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pyomo.environ as pyo
from pyomo.common.gc_manager import PauseGC

from ..data import ModelData
from . import emissions, exclusive, grid, market, objective, pv, retrofits, storage, targets
from .ledger import Ledger
from .targets import Reference

Mode = Literal["bau", "economics", "targets"]
LEVERS = (pv.add, storage.add, retrofits.add, market.add_green, market.add_offsets)


@dataclass
class BuiltModel:
    model: pyo.ConcreteModel
    ledger: Ledger
    data: ModelData
    mode: Mode
    reference: Reference

    def refine(self, objective: float) -> int:
        """After a solve: keep flows that ran together apart where they did (see exclusive.py); the number of
        hours changed (0: the solution stands)."""
        return exclusive.refine(self.model, self.ledger.exclusive, objective)


def build_model(data: ModelData, mode: Mode = "targets", reference: Reference | None = None) -> BuiltModel:
    # the cyclic garbage collector rescans every Pyomo object it has seen each time a few hundred new ones
    # appear; pausing it while building cut the 36-year build from 2.4 s to 0.55 s (benchmarks/bench.py)
    with PauseGC():
        return _build(data, mode, reference or Reference())


def _build(data: ModelData, mode: Mode, reference: Reference) -> BuiltModel:
    m = pyo.ConcreteModel(name=f"{data.scenario.name}:{mode}")
    ledger = Ledger()
    grid.add_grid(m, data, ledger)
    for add_lever in LEVERS:
        add_lever(m, data, ledger, allow_new=mode != "bau")
    grid.add_export(m, data, ledger)
    grid.add_balance(m, data, ledger)
    emissions.add(m, data, ledger)
    if mode == "targets":
        targets.add(m, data, ledger, reference)
    objective.add(m, data, ledger)
    exclusive.attach(m, ledger.exclusive)
    return BuiltModel(m, ledger, data, mode, reference)
