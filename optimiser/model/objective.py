"""Net present cost: yearly costs (annualised capital included) discounted over the calendar years a modelled
year stands for; the last modelled year also stands for the terminal years after the horizon (a steady state).
Cash capex (ledger.capex) is not in the objective: its annualised charge is (see vintages.add_capital)."""

from __future__ import annotations

import pyomo.environ as pyo

from ..data import ModelData
from .ledger import Ledger, lin


def objective_terms(data: ModelData, ledger: Ledger) -> list[tuple[float, object]]:
    terms: list[tuple[float, object]] = []
    for (_cat, _s, y), ts in ledger.annual.items():
        terms += [(c * data.df_annual[y], v) for c, v in ts]
    return terms


def add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger) -> None:
    # combine duplicate variables so the objective row stays short
    merged: dict[int, list] = {}
    for c, v in objective_terms(data, ledger):
        entry = merged.setdefault(id(v), [0.0, v])
        entry[0] += c
    m.net_present_cost = pyo.Objective(expr=lin([(c, v) for c, v in merged.values()]), sense=pyo.minimize)
