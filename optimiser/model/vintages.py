"""Capacity built in vintages: build decisions per year, active capacity per year, its capital cost.

For a build `B[v]` in year `v` with lifetime `L`, the active capacity in year `y` is
`C[y] = existing(y) + sum_{v <= y < v + L} B[v]` (an existing fleet counts until its own end of life).
With `min_build > 0` a binary `is_built[v]` makes each build zero or between `min_build` and `max_build`.
Capital is annualised: `capex[v] x CRF(r, L) x B[v]` is paid in every calendar year the build serves (each
modelled year it is active in stands for several), so a build is paid for exactly as long as it is used.
Where a modelled period or the terminal years run past its life, it is renewed at that year's capex (the
trajectory, held flat after its last key): the annuity changes to `capex[v + L] x CRF`. So the last modelled
year stands for a steady state, nothing is credited back as salvage and nothing pays to be built only to be
sold back, and an early build is not charged its own price forever.
The cash paid in the build year, `capex[v] x B[v]`, goes to `ledger.capex` for the roadmap and capex budgets.
Existing capacity is sunk: it has no capital cost. Once a vintage ends, capacity is rebuilt (at that year's
capex) only if a new build is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyomo.environ as pyo

from ..data import ModelData
from ..scenario.trajectory import Trajectory, at
from .ledger import Ledger, lin


@dataclass(frozen=True)
class Fleet:
    name: str  # component prefix on the block, e.g. "kw" -> build_kw, cap_kw
    site: str
    lifetime: int
    capex_at: Callable[[int], float]  # per unit, by calendar year
    build_years: list[int]  # modelled years in which a build is allowed
    max_build: float | None  # per year; None = unbounded
    min_build: float = 0.0
    existing: float = 0.0
    existing_built: int | None = None


def add_fleet(block: pyo.Block, fleet: Fleet, data: ModelData, ledger: Ledger, category: str) -> None:
    """Adds build_<name>[y], cap_<name>[y] (and is_built_<name>[y]) to `block`."""
    years = data.years
    allowed = set(fleet.build_years)
    build = pyo.Var(years, domain=pyo.NonNegativeReals, bounds=(0, fleet.max_build))
    block.add_component(f"build_{fleet.name}", build)
    for y in years:
        if y not in allowed or fleet.max_build == 0:
            build[y].fix(0.0)
    if fleet.min_build > 0 and allowed:
        big_m = fleet.max_build
        is_built = pyo.Var(years, domain=pyo.Binary)
        block.add_component(f"is_built_{fleet.name}", is_built)
        for y in years:
            if y not in allowed:
                is_built[y].fix(0)
        block.add_component(
            f"build_{fleet.name}_min",
            pyo.Constraint(
                [y for y in years if y in allowed], rule=lambda b, y: build[y] >= fleet.min_build * is_built[y]
            ),
        )
        block.add_component(
            f"build_{fleet.name}_max",
            pyo.Constraint([y for y in years if y in allowed], rule=lambda b, y: build[y] <= big_m * is_built[y]),
        )
    cap = pyo.Var(years, domain=pyo.NonNegativeReals)
    block.add_component(f"cap_{fleet.name}", cap)
    existing_life = fleet.existing_built if fleet.existing_built is not None else years[0]

    def cap_def(b: pyo.Block, y: int) -> pyo.Expression:
        old = fleet.existing if data.active(existing_life, y, fleet.lifetime) else 0.0
        vintages = [(1.0, build[v]) for v in years if v in allowed and data.active(v, y, fleet.lifetime)]
        return cap[y] == lin(vintages, old)

    block.add_component(f"cap_{fleet.name}_def", pyo.Constraint(years, rule=cap_def))
    add_capital(data, ledger, category, fleet.site, {v: build[v] for v in allowed}, fleet.capex_at, fleet.lifetime)


def add_om(
    data: ModelData, ledger: Ledger, category: str, site: str, price_per_unit: Trajectory, capacity: pyo.Var
) -> None:
    """Fixed O&M: `price_per_unit` (currency per unit of capacity and year, by year) x `capacity[y]`."""
    for y in data.years:
        price = at(price_per_unit, y)
        if price > 0:
            ledger.annual[(category, site, y)].append((price, capacity[y]))


def add_capital(
    data: ModelData,
    ledger: Ledger,
    category: str,
    site: str,
    builds: dict[int, object],
    capex_at: Callable[[int], float],
    lifetime: int,
) -> None:
    """Cash capex in the build year and the annualised capital charge in every modelled year the build serves.
    `builds` maps a build year to the variable counting the units built; `capex_at` is the capex per unit in
    any calendar year."""
    crf = data.annuity_factor(lifetime)
    for v, var in builds.items():
        capex = capex_at(v)
        if capex <= 0:
            continue
        ledger.capex[(category, site, v)].append((capex, var))
        for y in data.years:
            if not data.active(v, y, lifetime):
                continue
            # per calendar year: its own annuity while it lasts, then that of its renewals at their year's capex
            renewed = (capex_at(v + lifetime * ((t - v) // lifetime)) for t in data.calendar_years(y))
            paid = sum(data.discount(t) * c for t, c in zip(data.calendar_years(y), renewed, strict=True))
            ledger.annual[(f"capital_{category}", site, y)].append((crf * paid / data.df_annual[y], var))


def build_years(data: ModelData, earliest: int | None, every: int = 1) -> list[int]:
    """Modelled years in which a build is allowed: from `earliest`, then every `every` calendar years (a
    modelled year counts when it falls on that grid; with 5-year steps and every=5 that is every step)."""
    first = max(earliest or data.years[0], data.years[0])
    return [y for y in data.years if y >= first and (y - first) % every == 0]


def fixed_capacity(block: pyo.Block, data: ModelData, values: dict[str, float]) -> None:
    """A dispatch check's capacities: a fixed variable per name (e.g. cap_kw) and modelled year."""
    for name, value in values.items():
        var = pyo.Var(data.years, domain=pyo.NonNegativeReals)
        block.add_component(name, var)
        for y in data.years:
            var[y].fix(max(float(value), 0.0))
