"""The contract a lever fulfils: one declaration says everything the rest of the package needs to know.

A lever is a `Lever` value in the registry (levers/__init__.py). The model core never names it (it writes to the
ledger, see model/ledger.py); results, diagnosis, report and workbook iterate the registry and call its hooks.
Every hook receives the lever's block on the solved model (`None` when the scenario gives the lever nowhere to
act) and returns plain rows:

| hook | returns | used by |
| --- | --- | --- |
| `profiles(site, field)` | hourly series [8760] the data stage clusters with the load: {name: (series, cap)} | data/ |
| `add(m, data, ledger, ctx)` | creates the block `m.<name>` (or nothing) | model/build.py |
| `design(block, year)` | the yearly decisions a dispatch check holds fixed | validation/dispatch.py |
| `roadmap(built, block)` | `RoadmapRow`s: what is built, adopted or bought | roadmap.csv |
| `capacity(built, block, year)` | `(site, quantity, unit, value)` | capacity.csv; `panels` of them charted |
| `activity(built, block)` | `(year, site, lever, item, quantity, unit, value)` | activity.csv, wedges |
| `emissions(built, block)` | emissions rows the lever adds itself (offsets retired) | emissions.csv |
| `dispatch(built, block, site, year)` | hourly columns [days, 24] named in `dispatch_columns` | dispatch.csv |
| (ledger) | heat into each heat demand's balance, under the columns of `heat_series` | heat_dispatch.csv |
| `series` | (label, column of dispatch.csv, sign, colour): bars in the hourly dispatch chart | report |
| `load_change_kw(built, block, site, year)` | [days, 24] change of the site's load (negative: saved) | dispatch.csv |
| `offered(scenario, site)` | what the scenario offers of it at a site (site None: company-wide) | `describe` |
| `limits(built, block, purpose, year)` | phrases: why it could do no more for a missed target | diagnosis |
| `tables` | `LeverTable`s: tables it owns (from the plan's), headline, report section, sheet | results, report |

`shown` names every lever key the lever writes in tables (roadmap `lever`, activity `lever`, wedges) with its
display names and colour; `costs` maps every cost category it writes in the ledger to its cost-stack group. An
unknown key is an error when the model is built or the tables are made, never a silent "other".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyomo.environ as pyo

    from ..data import ModelData
    from ..model.build import BuiltModel
    from ..model.context import Context
    from ..model.ledger import Ledger
    from ..scenario.schema import Scenario
    from ..scenario.site import Site

Purpose = Literal["gross", "neutrality", "renewable_share"]  # what a missed target needed more of


class Shown(NamedTuple):
    """How a lever key is presented: English and Chinese names, colour, the unit of its size."""

    en: str
    zh: str
    colour: str
    unit: str = ""


class RoadmapRow(NamedTuple):
    year: int
    site: str
    lever: str
    action: str
    size: float
    unit: str
    capex: float  # paid once, in its year
    annual_cost: float  # a yearly purchase
    power_kw: float = 0.0  # the power of an energy-sized build (storage)


class LeverTable(NamedTuple):
    """A results table a lever owns (e.g. storage.csv), made from the plan's tables after the solve, and how the
    run presents it: headline lines (CLI summary and summary.json), a reason when the plan emits more than business
    as usual, a report section and a workbook sheet. Columns and formats are the lever's own."""

    name: str  # <name>.csv in the results folder
    columns: tuple[str, ...]  # its columns (the header of an empty table)
    build: Callable[[ModelData, dict[str, pd.DataFrame]], pd.DataFrame]  # from the plan's tables by name
    headline: Callable[[pd.DataFrame], list[tuple[str, int, str]]] = lambda frame: []  # (site, year, text)
    why_more: Callable[[ModelData, pd.DataFrame, int], str] = lambda data, frame, year: ""  # ": because ..."
    section: Callable[[pd.DataFrame, str, Callable[..., str]], list[str]] | None = None  # (frame, currency,
    # table_html) -> HTML for report.html
    sheet: tuple[str, dict[str, tuple[str, str]]] | None = None  # (title, {column: (header with {cur}, format)});
    # format "integer", "decimal", "share" or ""


Block = Any  # a Pyomo block (or a component holding the lever's variables); None when absent
Hourly = dict[str, "np.ndarray"]


def _nothing(*_: Any) -> list:
    return []


@dataclass(frozen=True)
class Lever:
    name: str  # the model block's attribute and the lever's key in the tables
    add: Callable[[pyo.ConcreteModel, ModelData, Ledger, Context], None]
    shown: dict[str, Shown]
    costs: dict[str, str] = field(default_factory=dict)  # cost category -> cost-stack group (English)
    operating_costs: tuple[str, ...] = ()  # its categories that follow the dispatch (the full-year check re-counts)
    order: int = 100  # position in tables, legends and charts (registry order)
    profiles: Callable[[Site, str], dict[str, tuple[np.ndarray, float | None]]] = lambda site, field: {}
    design: Callable[[Block, int], dict[str, float]] | None = None
    roadmap: Callable[[BuiltModel, Block], list[RoadmapRow]] = _nothing
    capacity: Callable[[BuiltModel, Block, int], list[tuple[str, str, str, float]]] = _nothing
    panels: tuple[tuple[str, str], ...] = ()  # (capacity quantity, chart title with unit) in the build-out chart
    activity: Callable[[BuiltModel, Block], list[tuple]] = _nothing
    emissions: Callable[[BuiltModel, Block], list[tuple]] = _nothing
    dispatch_columns: tuple[str, ...] = ()
    dispatch: Callable[[BuiltModel, Block, str, int], Hourly] | None = None
    series: tuple[tuple[str, str, float, str], ...] = ()
    generation_columns: tuple[str, str] | None = None  # (output, curtailed) of an on-site renewable generator
    storage_columns: tuple[str, str] | None = None  # (charge, discharge) of an energy store: losses = difference
    heat_series: tuple[tuple[str, str, str], ...] = ()  # (label, column of heat_dispatch.csv, colour): what it
    # writes to ledger.heat, signed as in the balance (a use < 0); bars of the heat dispatch chart
    load_change_kw: Callable[[BuiltModel, Block, str, int], np.ndarray] | None = None
    limits: Callable[[BuiltModel, Block, Purpose, int], list[str]] = _nothing
    offered: Callable[[Scenario, Site | None], list[str]] = _nothing
    per_site: bool = True  # the block is indexed by site (a site without the lever has no entry)
    tables: tuple[LeverTable, ...] = ()  # results tables it owns (storage.csv)

    @property
    def heat_columns(self) -> tuple[str, ...]:
        return tuple(column for _, column, _ in self.heat_series)

    def at(self, block: Block, site: str) -> Block:
        """The lever's block at one site, or None."""
        if block is None or not self.per_site:
            return block
        return block[site] if site in block else None  # noqa: SIM401 (a Pyomo block has no .get)
