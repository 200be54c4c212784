"""The contract a claim standard fulfils, and the quantities its rules are written on.

A standard is a module in this package with `STANDARD = Standard(...)` (the registry, __init__.py, finds it). Its
rule is written once, as `conditions(claim, q, y)`: the conditions the claim needs in year y, each a linear
inequality `sum(terms) >= bound` on the quantities `q` gives. `q` is either `ModelQuantities` (terms on the model's
variables: the registry adds each condition as a constraint for a claim in mode `constraint`) or `TableQuantities`
(terms on the numbers of the results tables: the registry evaluates each condition for every modelled year and
writes a row of claims.csv). So the constraint and the check cannot drift apart.

| quantity | meaning | unit |
| --- | --- | --- |
| `gross(y)` | Scope 1+2, Scope 2 on the targets' basis (no offsets: what reductions are measured on) | t |
| `renewable(y, basis)` | (renewable, consumption) on the "electricity" or "energy" basis | MWh |
| `retired(y, accept)` | offsets retired in y of the products `accept(offset)` admits | t |
| `covered(y)` | the emissions due under the carbon price (`carbon_price.covered_scopes`) | t |
| `base_t`, `base_year` | base-year emissions and year, as the targets use them | t |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from ..model.ledger import Terms
    from ..scenario.claims import Claim
    from ..scenario.market import Offset
    from ..scenario.schema import Scenario

Accept = Callable[["Offset"], bool]


class Quantities(Protocol):
    base_t: float
    base_year: int
    scenario: Scenario

    def gross(self, y: int) -> Terms: ...
    def renewable(self, y: int, basis: str) -> tuple[Terms, Terms]: ...
    def retired(self, y: int, accept: Accept) -> Terms: ...
    def covered(self, y: int) -> Terms: ...


@dataclass(frozen=True)
class Condition:
    """`sum(terms) >= bound`. The margin shown is `(value - bound) / per` (per: the consumption, for a share);
    `requirement` says the rule in words (the row's reason adds whether it holds and by how much)."""

    name: str
    terms: Terms
    bound: float
    unit: Literal["t", "share"]
    requirement: str
    per: Terms | None = None


def scaled(terms: Terms, factor: float) -> Terms:
    return [(factor * c, v) for c, v in terms]


class ClaimRow(NamedTuple):
    """One condition of one claim in one year; `margin` >= 0 where it holds (how far inside), < 0 what is missing."""

    year: int
    claim: str
    standard: str
    condition: str
    supported: bool
    margin: float
    unit: str
    reason: str


def _nothing(claim: Any) -> list[str]:
    return []


@dataclass(frozen=True)
class Standard:
    name: str  # the `standard:` of a claim in a scenario
    conditions: Callable[[Any, Quantities, int], list[Condition]]
    describe: Callable[[Any], str]  # a few words for the report and `decarb validate`
    notes: Callable[[Any], list[str]] = _nothing  # what the model simplifies, told under the claim in the report


def accepts(claim: Claim) -> Accept:
    """The offset quality rules a claim names (schemes, vintage): a product lacking the attribute asked for fails, and
    so does one the scenario marks `eligible_for_neutrality: false`. Schemes match without regard to case."""
    schemes = getattr(claim, "eligible_schemes", None)
    wanted = None if schemes is None else {s.casefold() for s in schemes}
    vintage = getattr(claim, "min_vintage_year", None)

    def accept(o: Offset) -> bool:
        if not o.eligible_for_neutrality:
            return False
        if wanted is not None and (o.scheme or "").casefold() not in wanted:
            return False
        return vintage is None or (o.vintage_year is not None and o.vintage_year >= vintage)

    return accept
