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
    t = data.scenario.targets
    if name == "reduction_target":
        return t.reductions[int(idx)].year  # type: ignore[call-overload]
    if name == "peak_level_target":
        return t.peak.year  # type: ignore[union-attr]
    if name == "budget_target":  # told at the budget's last modelled year
        last = t.budget.to_year if t.budget and t.budget.to_year else data.years[-1]
        return max(y for y in data.years if y <= last)
    return int(idx)  # type: ignore[call-overload]


PHRASES = {  # {years}, {amount}, {unit}, {per}; `peak` and `cut` from the scenario
    "neutrality_target": "neutrality in {years} is short by {amount} {unit}{per}",
    "peak_level_target": "emissions in the peak year {years} exceed what it would emit without targets by "
    "{amount} {unit}",
    "peak_target": "emissions in {years} exceed the {peak} peak by {amount} {unit}{per}",
    "peak_non_increasing_target": "emissions in {years} rise above the year before by {amount} {unit}{per}",
    "reduction_target": "the {cut} cut against the base year by {years} is short by {amount} {unit}",
    "cap_target": "the emissions cap in {years} is exceeded by {amount} {unit}{per}",
    "budget_target": "the cumulative emissions budget is exceeded by {amount} {unit}",
    "renewable_share_target": "the renewable share in {years} is short by {amount} {unit}{per} of renewable "
    "electricity",
    "offsets_policy_target": "offsets in {years} exceed the policy cap by {amount} {unit}{per}",
    "capex_budget_target": "capex in {years} exceeds its budget by {amount} {unit}",
}


def _lines(data: ModelData, shortfalls: list[Shortfall]) -> list[str]:
    t = data.scenario.targets
    lines = []
    for _, group in groupby(shortfalls, key=lambda s: (s.target, tuple(s.reasons))):
        for run in _consecutive(data, list(group)):
            first, last = run[0], run[-1]
            low, high = min(s.amount for s in run), max(s.amount for s in run)
            text = PHRASES[first.target].format(
                years=str(first.year) if first.year == last.year else f"{first.year}-{last.year}",
                amount=f"{high:,.0f}" if round(low) == round(high) else f"{low:,.0f} to {high:,.0f}",
                unit=first.unit,
                per=" a year" if len(run) > 1 else "",
                peak=t.peak.year if t.peak else "",
                cut=f"{t.reductions[int(first.index)].vs_base:.0%}" if first.target == "reduction_target" else "",
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
