"""Renewable share: renewable supply at least the share of consumption, on the electricity or energy basis
(the accounting is model/targets.py `renewable_terms`; docs/modelling.md section 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyomo.environ as pyo

from ..model.ledger import lin
from ..scenario.trajectory import at, first_year
from .base import Component, Row, TargetKind

if TYPE_CHECKING:
    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario
    from ..scenario.targets import RenewableShare


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: RenewableShare) -> None:
    from ..model.targets import renewable_terms  # the shared accounting; imported here to avoid a cycle

    start = first_year(spec.min_share) or data.years[0]

    def rule(_: pyo.Model, y: int) -> pyo.Expression:
        renewable, consumed = renewable_terms(m, data, ledger, y)
        return lin(renewable + [(-at(spec.min_share, y) * c, v) for c, v in consumed]) >= 0.0

    m.renewable_share_target = pyo.Constraint([y for y in data.years if y >= start], rule=rule)


def _check(scenario: Scenario, q: Yearly, spec: RenewableShare) -> list[Row]:
    start = first_year(spec.min_share) or min(q.gross_t)
    return [  # need <= renewable
        Row(
            "renewable_share_target",
            y,
            y,
            at(spec.min_share, y) * q.consumption_mwh[y],
            q.renewable_mwh[y],
            "MWh",
            (y,),
        )
        for y in sorted(q.gross_t)
        if y >= start
    ]


KIND = TargetKind(
    field="renewable_share",
    order=60,
    components=(
        Component(
            "renewable_share_target",
            "MWh",
            "the renewable share in {years} is short by {amount} {unit}{per} of renewable electricity",
            purpose="renewable_share",
        ),
    ),
    add=_add,
    check=_check,
    describe=lambda spec: [f"renewable share {spec.min_share} ({spec.basis} basis)"],
    named_years=lambda spec: set(spec.min_share) if isinstance(spec.min_share, dict) else set(),
)
