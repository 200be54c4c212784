"""The two readings of the quantities claim rules are written on (base.py): terms on the model's variables, for a
claim that is a constraint, and terms on the numbers of the results tables, for the check of every claim.

`gross` is Scope 1 + 2 on the targets' basis, purchased heat included, without the Scope 3 categories targets may
include and without the deduction for exported electricity: every standard here claims on Scope 1+2 and none
credits power sold against a reduction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .base import Accept

if TYPE_CHECKING:
    import pyomo.environ as pyo

    from ..data import ModelData
    from ..model.ledger import Ledger, Terms
    from ..scenario.schema import Scenario


def _scope2(scenario: Scenario) -> str:
    return f"scope2_{scenario.targets.basis}"


def _covered_scopes(scenario: Scenario) -> list[str]:
    cp = scenario.carbon_price
    return [] if cp is None else list(cp.covered_scopes)


class ModelQuantities:
    """On the model (mode `targets`): `m.emissions`, the ledger's renewable and offset terms."""

    def __init__(self, m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, base_t: float) -> None:
        self.m, self.data, self.ledger = m, data, ledger
        self.scenario, self.base_t, self.base_year = data.scenario, base_t, data.base_year
        self.products = {o.id: o for o in data.scenario.offsets}

    def gross(self, y: int) -> Terms:
        from ..model.emissions import site_gross_terms  # the model imports the claims: here to avoid a cycle

        return [t for s in self.data.sites for t in site_gross_terms(self.m, self.data, s, y, exports=False)]

    def renewable(self, y: int, basis: str) -> tuple[Terms, Terms]:
        from ..model.targets import renewable_terms  # the targets' accounting; imported here to avoid a cycle

        return renewable_terms(self.m, self.data, self.ledger, y, basis)

    def retired(self, y: int, accept: Accept) -> Terms:
        # each offsets_t term is (1, retired_t[offset id, year]): the variable's index names the product
        return [
            (c, v)
            for (year, _), terms in self.ledger.offsets_t.items()
            if year == y
            for c, v in terms
            if accept(self.products[v.index()[0]])
        ]

    def covered(self, y: int) -> Terms:
        from ..model.emissions import grid_scope2  # the model imports the claims: here to avoid a cycle

        e, sites = self.m.emissions, list(self.data.sites)
        by_scope = {"scope1": [e.scope1_t], "scope2": [grid_scope2(self.m, self.data), e.scope2_heat_t]}
        return [(1.0, v[s, y]) for scope in _covered_scopes(self.scenario) for v in by_scope[scope] for s in sites]


class TableQuantities:
    """On a run's tables (the plan's rows): pathway, renewable_share, activity (offsets retired), emissions."""

    def __init__(self, scenario: Scenario, tables: dict[str, pd.DataFrame], base_t: float) -> None:
        self.scenario, self.base_t, self.base_year = scenario, base_t, scenario.base_year
        self.share = tables["renewable_share"].set_index("year")
        act = tables["activity"]
        retired = act[(act["case"] == "plan") & (act["quantity"] == "retired_t")]
        self.retired_t = retired.groupby(["item", "year"])["value"].sum().to_dict()
        em = tables["emissions"]
        em = em[(em["case"] == "plan") & (em["source"] != "export:grid")]  # claims never credit exports
        self.gross_t = scope12_t(em, scenario)
        names = {"scope1": "scope1", "scope2": _scope2(scenario)}
        wanted = [names[s] for s in _covered_scopes(scenario)]
        self.covered_t = em[em["scope"].isin(wanted)].groupby("year")["t"].sum().to_dict()
        self.products = {o.id: o for o in scenario.offsets}

    def gross(self, y: int) -> Terms:
        return [(1.0, float(self.gross_t.get(y, 0.0)))]

    def renewable(self, y: int, basis: str) -> tuple[Terms, Terms]:
        row = self.share.loc[y]
        return [(1.0, float(row["renewable_mwh"]))], [(1.0, float(row[f"{basis}_consumption_mwh"]))]

    def retired(self, y: int, accept: Accept) -> Terms:
        return [
            (1.0, float(t)) for (oid, year), t in self.retired_t.items() if year == y and accept(self.products[oid])
        ]

    def covered(self, y: int) -> Terms:
        return [(1.0, float(self.covered_t.get(y, 0.0)))]


def scope12_t(emissions: pd.DataFrame, scenario: Scenario) -> dict[int, float]:
    """Scope 1 + 2 by year as claims count it, from one case's emissions table: the targets' basis, purchased heat
    included, no export deduction, no Scope 3."""
    em = emissions[emissions["source"] != "export:grid"]
    return em[em["scope"].isin(["scope1", _scope2(scenario)])].groupby("year")["t"].sum().to_dict()


def claims_base_t(scenario: Scenario, bau_emissions: pd.DataFrame, base_t: float) -> float:
    """The base-year emissions claims measure reductions from: `targets.base_year_t` when the user states it,
    else business as usual's base-year Scope 1 + 2 as claims count it."""
    if scenario.targets.base_year_t is not None:
        return base_t
    return float(scope12_t(bau_emissions, scenario).get(scenario.base_year, 0.0))


def number(terms: Terms) -> float:
    """The value of terms on numbers (TableQuantities)."""
    return float(sum(c * v for c, v in terms))
