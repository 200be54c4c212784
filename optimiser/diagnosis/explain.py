"""Explain an impossible plan in plain words.

The elastic plan (see model/elastic.py) is solved; every target with a shortfall becomes a `Shortfall`
(target, year, amount, unit); the levers at their limits in that year are the reasons. Consecutive years
with the same target and the same reasons are told as one line:
"neutrality in 2027-2032 is short by 3,580 to 3,600 t a year: offsets are capped at 10 % of base-year
emissions (458 t); the roof at plant is full (2,000 m2)".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import groupby

from ..data import ModelData
from ..model.build import build_model
from ..model.elastic import UNITS, relax
from ..model.targets import Reference
from ..results.values import val
from ..solve import SolveOptions, solve
from ..targets import component
from .limits import levers_at_limits

TOL_T = 1e-3  # shortfalls below a kilogram (or a kWh, or a currency unit) are solver noise


@dataclass
class Shortfall:
    target: str
    index: str
    year: int | None
    amount: float
    unit: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class Diagnosis:
    scenario: str
    shortfalls: list[Shortfall]
    lines: list[str]

    def to_dict(self) -> dict:
        return {"scenario": self.scenario, "lines": self.lines, "shortfalls": [asdict(s) for s in self.shortfalls]}


def diagnose(data: ModelData, reference: Reference, options: SolveOptions) -> Diagnosis:
    built = build_model(data, "targets", reference)
    elastic = relax(built)
    solve(built, options)
    currency = data.scenario.currency
    shortfalls = []
    for (name, idx), slack in elastic.slacks.items():
        amount = val(slack)
        if amount > TOL_T:
            year = _year(data, name, idx)
            unit = currency if UNITS[name] == "currency" else UNITS[name]
            reasons = levers_at_limits(built, name, year) if year is not None else []
            shortfalls.append(Shortfall(name, str(idx), year, amount, unit, reasons))
    return Diagnosis(data.scenario.name, shortfalls, _lines(data, shortfalls))


def _year(data: ModelData, name: str, idx: object) -> int | None:
    return component(name).year_of(data.scenario, data.years, idx)


def _lines(data: ModelData, shortfalls: list[Shortfall]) -> list[str]:
    lines = []
    for _, group in groupby(shortfalls, key=lambda s: (s.target, tuple(s.reasons))):
        for run in _consecutive(data, list(group)):
            first, last = run[0], run[-1]
            low, high = min(s.amount for s in run), max(s.amount for s in run)
            kind = component(first.target)
            text = kind.phrase.format(
                years=str(first.year) if first.year == last.year else f"{first.year}-{last.year}",
                amount=f"{high:,.0f}" if round(low) == round(high) else f"{low:,.0f} to {high:,.0f}",
                unit=first.unit,
                per=" a year" if len(run) > 1 else "",
                **kind.phrase_fields(data.scenario, first.index),
            )
            reasons = "; ".join(first.reasons) if first.reasons else "no lever is at a limit the model can name"
            lines.append(f"{text}: {reasons}")
    return lines


def _consecutive(data: ModelData, items: list[Shortfall]) -> list[list[Shortfall]]:
    """Split into runs of consecutive modelled years."""
    position = {y: i for i, y in enumerate(data.years)}
    runs: list[list[Shortfall]] = []
    for s in items:
        previous = runs[-1][-1].year if runs else None
        if previous is not None and s.year is not None and position[s.year] == position[previous] + 1:
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs
