"""The ledger: how levers contribute to the shared balances without the core knowing them.

Each lever writes linear terms `(coefficient, variable)` into the ledger; the core (energy balance,
emissions, targets, objective) sums whatever it finds. Adding a lever never touches the core.

| entry | key | unit | meaning |
| --- | --- | --- | --- |
| `bus` | (site, year, day, hour) | kW | power into the site's bus (+ supply, - demand) |
| `fuel_mwh` | (site, fuel, year) | MWh/yr | change of fuel use against the baseline |
| `process_t` | (site, year) | t/yr | change of process emissions |
| `green_mwh` | (site, year) | MWh/yr | imports covered by green certificates or PPAs |
| `onsite_re_mwh` | (site, year) | MWh/yr | renewable electricity produced and used on site |
| `offsets_t` | (year, eligible) | t/yr | offsets retired; eligible ones count toward net emissions |
| `annual` | (category, site, year) | currency/yr | yearly costs (discounted over the years a year stands for) |
| `once` | (category, site, year) | currency | one-off costs at the start of a year (capex) |
| `salvage` | (category, site) | currency | value left at the horizon end (credited, discounted once) |
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pyomo.core.expr.numeric_expr import LinearExpression

Term = tuple[float, Any]
Terms = list[Term]

COMPANY = "company"  # the site key of company-wide costs (offsets)


def _terms() -> defaultdict[Any, Terms]:
    return defaultdict(list)


@dataclass
class Ledger:
    bus: defaultdict[Any, Terms] = field(default_factory=_terms)
    fuel_mwh: defaultdict[Any, Terms] = field(default_factory=_terms)
    process_t: defaultdict[Any, Terms] = field(default_factory=_terms)
    green_mwh: defaultdict[Any, Terms] = field(default_factory=_terms)
    onsite_re_mwh: defaultdict[Any, Terms] = field(default_factory=_terms)
    offsets_t: defaultdict[Any, Terms] = field(default_factory=_terms)
    annual: defaultdict[Any, Terms] = field(default_factory=_terms)
    once: defaultdict[Any, Terms] = field(default_factory=_terms)
    salvage: defaultdict[Any, Terms] = field(default_factory=_terms)
    levers: list[str] = field(default_factory=list)


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
