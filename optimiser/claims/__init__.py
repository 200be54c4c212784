"""The claim-standard registry: the standards a scenario's `claims:` may name (one module here each, declaring
`STANDARD = Standard(...)`; see base.py), their constraints on the plan and their check on the results tables.

| constraint | rule |
| --- | --- |
| `claims_t_target[claim, condition, y]` | a condition in tonnes of a claim in mode `constraint`, y >= from_year |
| `claims_mwh_target[claim, condition, y]` | a renewable-share condition in MWh: renewable - share x consumption >= 0 |
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import pyomo.environ as pyo

from ..plugins import discover
from .base import ClaimRow, Condition, Standard
from .quantities import ModelQuantities, TableQuantities, number

if TYPE_CHECKING:
    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..scenario.claims import Claim
    from ..scenario.schema import Scenario

STANDARDS: dict[str, Standard] = {s.name: s for s in discover(__name__, __path__, "STANDARD", Standard)}
COLUMNS = list(ClaimRow._fields)
TOL = {"t": 1e-3, "share": 1e-6}  # a kilogram, a millionth of the share: solver noise

__all__ = ["COLUMNS", "STANDARDS", "claims_table", "constrained", "standard"]


def standard(claim: Claim) -> Standard:
    return STANDARDS[claim.standard]


def constrained(scenario: Scenario) -> list[Claim]:
    """The claims the plan must support (mode `constraint`)."""
    return [c for c in scenario.claims if c.mode == "constraint"]


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, base_t: float) -> None:
    """Each condition of each constrained claim, in every modelled year from its `from_year`, as a constraint."""
    q = ModelQuantities(m, data, ledger, base_t)
    rows: dict[str, dict[tuple[str, str, int], Any]] = {"t": {}, "share": {}}
    for claim in constrained(data.scenario):
        assert claim.from_year is not None  # the schema requires it of a constraint
        for y in (y for y in data.years if y >= claim.from_year):
            for c in standard(claim).conditions(claim, q, y):
                if c.terms:  # a condition on no variable (SBTi coverage) is a fact, not a constraint
                    rows[c.unit][(claim.id, c.name, y)] = _row(c)
    for unit, name in (("t", "claims_t_target"), ("share", "claims_mwh_target")):
        if rows[unit]:
            m.add_component(name, pyo.Constraint(list(rows[unit]), rule=_rule(rows[unit])))


def _rule(found: dict[tuple[str, str, int], Any]) -> Any:
    return lambda _, claim, condition, y: found[(claim, condition, y)]


def _row(c: Condition) -> Any:
    from ..model.ledger import lin

    return lin(c.terms) >= c.bound


def claims_table(scenario: Scenario, tables: dict[str, pd.DataFrame], base_t: float) -> pd.DataFrame:
    """claims.csv: every condition of every claim in every modelled year, on the plan's tables (year, claim,
    standard, condition, supported, margin, unit, reason); margin >= 0 how far inside, < 0 what is missing."""
    q = TableQuantities(scenario, tables, base_t)
    rows = []
    for claim in scenario.claims:
        for y in scenario.model_years:
            for c in standard(claim).conditions(claim, q, y):
                margin = number(c.terms) - c.bound
                if c.per is not None:
                    per = number(c.per)
                    margin = margin / per if per > 1e-9 else 0.0
                ok = margin >= -TOL[c.unit]
                told = f"{margin:,.4f}" if c.unit == "share" else f"{margin:,.1f} t"
                reason = f"{c.requirement}: {'holds' if ok else 'short'} by {told.lstrip('-')}"
                rows.append(ClaimRow(y, claim.id, claim.standard, c.name, ok, margin, c.unit, reason))
    return pd.DataFrame(rows, columns=COLUMNS)
