"""The lever registry: every lever the model, results, diagnosis, report and workbook know of.

A lever is one module here declaring `LEVER = Lever(...)` (see base.py for the contract); the registry finds the
modules itself, so adding one means writing its module (and its model block and schema entry) and nothing else.
Tests may add one for a while with `registered(...)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from ..plugins import discover
from .base import Block, Lever, LeverTable, Purpose, RoadmapRow, Shown

V = TypeVar("V")


def _discover() -> list[Lever]:
    found = discover(__name__, __path__, "LEVER", Lever)
    _check_unique(found)
    return sorted(found, key=lambda lever: (lever.order, lever.name))


def _check_unique(levers: list[Lever]) -> None:
    """Names, table keys and dispatch columns belong to one lever each (a clash would overwrite silently)."""
    for what, of in (
        ("name", lambda lv: [lv.name]),
        ("table key", lambda lv: list(lv.shown)),
        ("dispatch column", lambda lv: list(lv.dispatch_columns)),
        ("heat column", lambda lv: list(lv.heat_columns)),
        ("cost category", lambda lv: list(lv.costs)),
        ("table", lambda lv: [t.name for t in lv.tables]),
    ):
        seen: dict[str, str] = {}
        for lever in levers:
            for key in of(lever):
                if key in seen:
                    raise RuntimeError(f"levers {seen[key]!r} and {lever.name!r} both declare the {what} {key!r}")
                seen[key] = lever.name


LEVERS: list[Lever] = _discover()

# keys the core writes itself (not a lever's): the meter and the part of the wedges no lever explains
CORE_SHOWN = {
    "grid": Shown("Grid", "电网", "#7F7F7F", "MWh"),
    "other": Shown("Other (timing, interactions)", "其他（时序、交互）", "#BAB0AC", "t"),
}
CORE_COSTS = {
    "electricity": "Electricity",
    "export_revenue": "Export revenue",
    "demand_charge": "Demand charges",
    "fuel": "Fuel",
    "carbon_price": "Carbon price",
    "carbon_signal": "Carbon price",  # only in a dispatch check: the plan's implied price, never reported
}
COST_COLOURS = {
    "Capital (annualised)": "#4C78A8",
    "Battery wear": "#D6A5C9",
    "O&M": "#9ECAE9",
    "Electricity": "#F58518",
    "Export revenue": "#FFBF79",
    "Demand charges": "#E45756",
    "Fuel": "#9D755D",
    "Certificates": "#54A24B",
    "Offsets": "#88D27A",
    "Carbon price": "#B279A2",
}

__all__ = ["LEVERS", "Block", "Lever", "LeverTable", "Purpose", "RoadmapRow", "Shown", "present", "registered", "shown"]


@contextmanager
def registered(lever: Lever) -> Iterator[Lever]:
    """`lever` in the registry for the duration (tests: a lever defined outside the package)."""
    _check_unique([*LEVERS, lever])
    LEVERS.append(lever)
    try:
        yield lever
    finally:
        LEVERS.remove(lever)


def block_of(m: Any, lever: Lever) -> Block:
    """The lever's block on a model, or None when the scenario gives it nowhere to act."""
    return getattr(m, lever.name, None)


def present(m: Any) -> list[tuple[Lever, Block]]:
    """Every registered lever with its block on `m` (None when absent), in registry order."""
    return [(lever, block_of(m, lever)) for lever in LEVERS]


def lever_tables() -> list[LeverTable]:
    """The results tables levers own, in registry order."""
    return [table for lever in LEVERS for table in lever.tables]


def all_shown() -> dict[str, Shown]:
    out = dict(CORE_SHOWN)
    for lever in LEVERS:
        out.update(lever.shown)
    return out


def _declared(table: dict[str, V], key: str, what: str) -> V:
    if key not in table:
        raise KeyError(f"{what} {key!r} is declared by no lever (known: {', '.join(table)})")
    return table[key]


def shown(key: str) -> Shown:
    """How a lever key of the tables is presented; an unknown key is an error (never lumped into 'other')."""
    return _declared(all_shown(), key, "lever key")


def undeclared(keys: Iterable[object]) -> list[str]:
    """The lever keys among `keys` that no lever declares."""
    return sorted({str(k) for k in keys} - set(all_shown()))


def check_declared(keys: Iterable[object], table: str) -> None:
    """Every lever key a results table holds is declared: an unknown one is a bug, never 'other'."""
    unknown = undeclared(keys)
    if unknown:
        raise ValueError(f"{table}: lever keys {', '.join(map(repr, unknown))} are declared by no lever")


def cost_groups() -> dict[str, str]:
    out = dict(CORE_COSTS)
    for lever in LEVERS:
        out.update(lever.costs)
    return out


def cost_group(category: str) -> str:
    """The cost-stack group of a cost category; an unknown category is an error."""
    return _declared(cost_groups(), category, "cost category")


def cost_colour(group: str) -> str:
    """The colour of a cost-stack group: the shared palette, else the colour of the lever declaring it."""
    if group in COST_COLOURS:
        return COST_COLOURS[group]
    for lever in LEVERS:
        if group in lever.costs.values():
            return next(iter(lever.shown.values())).colour
    raise KeyError(f"cost group {group!r} is declared by no lever")


def cost_group_order() -> list[str]:
    """Every cost-stack group, the shared ones first."""
    groups = list(COST_COLOURS)
    return groups + [g for g in dict.fromkeys(cost_groups().values()) if g not in groups]


def check_heat_ledger(heat: Any, carriers: set[tuple[str, str]]) -> None:
    """At build time: heat goes only to heat demands the scenario declares, under columns a lever declares (an
    unknown carrier would be dropped from every balance, an unknown column missing from heat_dispatch.csv)."""
    unknown = sorted({(k[0], k[1]) for k in heat} - carriers)
    if unknown:
        found = ", ".join(f"{c!r} at {s!r}" for s, c in unknown)
        raise ValueError(f"heat written to carriers no site declares: {found} (add them to sites[].heat)")
    columns = sorted(
        {c for by_column in heat.values() for c in by_column} - {c for lv in LEVERS for c in lv.heat_columns}
    )
    if columns:
        raise ValueError(f"undeclared heat columns in the ledger: {', '.join(columns)} (declare them in heat_series)")


def check_ledger(annual: Any, capex: Any) -> None:
    """At build time: every cost category and capex lever written to the ledger is declared."""
    groups = cost_groups()
    unknown = sorted({cat for cat, _, _ in annual} - set(groups))
    unknown += sorted({cat for cat, _, _ in capex} - {lever.name for lever in LEVERS})
    if unknown:
        raise ValueError(f"undeclared cost categories in the ledger: {', '.join(unknown)} (declare them on a Lever)")
