"""The contract a target kind fulfils: one declaration per kind says everything the package needs to know.

A kind is a module in this package with `KIND = TargetKind(...)` (the registry, __init__.py, finds it). It reads
its own field of `scenario.targets` (`spec`: None, or an empty list, when the scenario does not set it) and:

| hook | does | used by |
| --- | --- | --- |
| `add(m, data, ledger, ref, spec)` | its constraints, named as its `components` | model/targets.py |
| `check(scenario, yearly, spec)` | the same rules on yearly numbers: `Row`s | results/target_check.py |
| `named_years(spec)` | the years it names (checked on the full year by default) | validation/check.py |
| `describe(spec)` | a few words for `decarb validate` | present.py |
| `markers(fig, run, spec)` | its marks on the emissions pathway chart | report/charts/emissions.py |

Each `Component` (a named constraint family) gives its unit, its priority in the elastic diagnosis (limits on the
means cost 10 x more than emission targets), its purpose (which levers' limits explain a shortfall), the phrase
telling a shortfall, and the year a row index stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    import plotly.graph_objects as go
    import pyomo.environ as pyo

    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..report.folder import RunFolder
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario

Purpose = Literal["gross", "neutrality", "renewable_share"]


class Row(NamedTuple):
    """One target constraint on numbers: `value <= bound` holds (for a `>=` rule the kind swaps the sides)."""

    component: str
    index: Any
    year: int
    value: float
    bound: float
    unit: str
    years: tuple[int, ...]  # the modelled years the row depends on (a check of some years keeps only its rows)


def _index_is_year(scenario: Scenario, years: list[int], index: Any) -> int | None:
    return int(index)


@dataclass(frozen=True)
class Component:
    name: str  # the constraint component on the model, e.g. "peak_target"
    unit: Literal["t", "MWh", "currency"]
    phrase: str  # {years}, {amount}, {unit}, {per}, and the kind's own fields from `phrase_fields`
    purpose: Purpose | None = None
    priority: float = 1.0
    year_of: Callable[[Scenario, list[int], Any], int | None] = _index_is_year
    phrase_fields: Callable[[Scenario, Any], dict[str, str]] = lambda scenario, index: {}


TARGET_COLOUR = "#E45756"


def mark_points(fig: go.Figure, name: str, points: list[tuple[int, float, str]]) -> None:
    """Target points on the pathway chart: (year, t, label), drawn as labelled crosses."""
    fig.add_scatter(
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="markers+text",
        name=name,
        text=[p[2] for p in points],
        textposition="top center",
        marker={"symbol": "x", "size": 13, "color": TARGET_COLOUR, "line": {"width": 2}},
    )


def _nothing(*_: Any) -> Any:
    return None


@dataclass(frozen=True)
class TargetKind:
    field: str  # its field under `targets:` in a scenario
    components: tuple[Component, ...]
    add: Callable[[pyo.ConcreteModel, ModelData, Ledger, Reference, Any], None]
    check: Callable[[Scenario, Yearly, Any], list[Row]]
    describe: Callable[[Any], list[str]]
    named_years: Callable[[Any], set[int]] = lambda spec: set()
    markers: Callable[[go.Figure, RunFolder, Any], None] = _nothing
    order: int = 100

    def spec(self, scenario: Scenario) -> Any:
        """The scenario's setting of this kind, or None when it sets none."""
        value = getattr(scenario.targets, self.field)
        return None if value is None or (isinstance(value, list) and not value) else value
