"""The ledger: how levers contribute to the shared balances without the core knowing them.

Each lever writes linear terms `(coefficient, variable)` into the ledger; the core (energy balance,
emissions, targets, objective) sums whatever it finds. Adding a lever never touches the core.

| entry | key | unit | meaning |
| --- | --- | --- | --- |
| `bus` | (site, year, day, hour) | kW | power into the site's bus (+ supply, - demand) |
| `export_source` | (site, year, day, hour) | kW | on-site generation that may leave through the meter |
| `export_source_max_kw` | site | kW [days, 24] | the most that generation can be (bounds for either-or pairs) |
| `demand_max_kw` | site | kW | the most a lever can add to the site's demand in an hour |
| `not_while_importing` | site | kW | flows that may not run while the site imports (PV curtailment) |
| `not_while_exporting` | site | kW | flows that may not run while it exports (battery discharge: no resale) |
| `curtailment` | site | kW | on-site output thrown away, by (site, year, day, hour) |
| `design_supply` | (site, year, day, hour) | kW | bus terms the design fixes (output, load cuts): surplus hours |
| `heat` | (site, carrier, year, day, hour) | kW heat | heat into a demand's balance, by column (+ supply, - use) |
| `losses_mwh` | (site, year) | MWh/yr | electricity lost on site (storage): consumed, but not renewable |
| `fuel_mwh` | (site, fuel, year) | MWh/yr | change of fuel use against the baseline |
| `process_t` | (site, year) | t/yr | change of process emissions |
| `green_mwh` | (site, year) | MWh/yr | imports covered by green certificates or PPAs |
| `onsite_re_mwh` | (site, year) | MWh/yr | renewable electricity produced and used on site |
| `offsets_t` | (year, eligible) | t/yr | offsets retired; eligible ones count toward net emissions |
| `annual` | (category, site, year) | currency/yr | yearly costs, annualised capital included |
| `capex` | (category, site, year) | currency | investment paid in its year (cash flow, roadmap, capex budgets) |
Yearly costs are discounted over the calendar years a modelled year stands for; cash capex is not in the
objective, its annualised charge is.
`exclusive` collects the either-or pairs of flows (see exclusive.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pyomo.core.expr.numeric_expr import LinearExpression

from .exclusive import Exclusive

Term = tuple[float, Any]
Terms = list[Term]
Flows = tuple[str, dict[Any, Any], dict[Any, float]]  # (name, hourly variables by key, their upper bounds)

COMPANY = "company"  # the site key of company-wide costs (offsets)


def _terms() -> defaultdict[Any, Terms]:
    return defaultdict(list)


@dataclass
class Ledger:
    bus: defaultdict[Any, Terms] = field(default_factory=_terms)
    export_source: defaultdict[Any, Terms] = field(default_factory=_terms)
    export_source_max_kw: dict[str, np.ndarray] = field(default_factory=dict)
    demand_max_kw: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    not_while_importing: defaultdict[str, list[Flows]] = field(default_factory=lambda: defaultdict(list))
    not_while_exporting: defaultdict[str, list[Flows]] = field(default_factory=lambda: defaultdict(list))
    curtailment: defaultdict[str, dict[Any, Any]] = field(default_factory=lambda: defaultdict(dict))
    design_supply: defaultdict[Any, Terms] = field(default_factory=_terms)
    heat: defaultdict[Any, defaultdict[str, Terms]] = field(default_factory=lambda: defaultdict(_terms))
    losses_mwh: defaultdict[Any, Terms] = field(default_factory=_terms)
    fuel_mwh: defaultdict[Any, Terms] = field(default_factory=_terms)
    process_t: defaultdict[Any, Terms] = field(default_factory=_terms)
    green_mwh: defaultdict[Any, Terms] = field(default_factory=_terms)
    onsite_re_mwh: defaultdict[Any, Terms] = field(default_factory=_terms)
    offsets_t: defaultdict[Any, Terms] = field(default_factory=_terms)
    annual: defaultdict[Any, Terms] = field(default_factory=_terms)
    capex: defaultdict[Any, Terms] = field(default_factory=_terms)
    exclusive: Exclusive = field(default_factory=Exclusive)


def lin(terms: Iterable[Term], constant: float = 0.0) -> LinearExpression:
    """A linear expression built in one go: much faster than `+=` for long rows."""
    coefs, variables = [], []
    for c, v in terms:
        if c != 0.0:
            coefs.append(float(c))
            variables.append(v)
    return LinearExpression(constant=float(constant), linear_coefs=coefs, linear_vars=variables)


def value_of(terms: Iterable[Term]) -> float:
    return float(sum(c * (v.value or 0.0) for c, v in terms))
