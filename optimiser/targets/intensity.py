"""Intensity: emissions per unit made, or per 10,000 of output value, of one site or several together.

`intensity_target[i]`, one row per (target, year) in `rows`: `sum_{s in S} gross_s[y] <= b x sum_{s in S} q_s[y]`,
with gross_s = Scope 1 + Scope 2 on the targets' basis + the Scope 3 categories `targets.scope3_included` adds
(model/emissions.py; the same sum as the company's gross, site by site), q_s the production or output value and
b the bound per unit: `max_t_per_unit`, or `(1 - vs_base) x E_base(S) / Q_base(S)`, the base year's intensity of
the same sites in business as usual (`targets.base_year_t` replaces E_base when the target covers every site).
Linear, because the production is data, not a decision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyomo.environ as pyo

from ..model.ledger import lin
from ..scenario.products import base_denominator, covered, denominator
from ..scenario.scope3 import included_t
from .base import Component, Row, TargetKind, mark_points

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from ..data import ModelData
    from ..model.ledger import Ledger
    from ..model.targets import Reference
    from ..report.folder import RunFolder
    from ..results.target_check import Yearly
    from ..scenario.schema import Scenario
    from ..scenario.targets import Intensity


def rows(spec: list[Intensity], years: list[int]) -> list[tuple[int, int]]:
    """(target position, year) of every constraint row: the target's year, and the later ones with `and_after`."""
    return [(k, y) for k, t in enumerate(spec) for y in years if y == t.year or (t.and_after and y > t.year)]


def bound_per_unit(scenario: Scenario, target: Intensity, base_t: float, base_site_t: dict[str, float]) -> float:
    """t CO2e per unit (or per 10,000 of output value) the covered sites may emit."""
    if target.max_t_per_unit is not None:
        return target.max_t_per_unit
    sites = covered(scenario, target)
    every_site = len(sites) == len(scenario.sites)
    base = base_t if every_site else sum(base_site_t[s.id] for s in sites)
    return (1.0 - (target.vs_base or 0.0)) * base / base_denominator(scenario, target)


def allowed_t(scenario: Scenario, target: Intensity, year: int, per_unit: float) -> float:
    """The bound in t: per-unit bound x the covered sites' production (or output value) in the year."""
    return per_unit * sum(denominator(s, target.per, year) for s in covered(scenario, target))


def _add(m: pyo.ConcreteModel, data: ModelData, ledger: Ledger, ref: Reference, spec: list[Intensity]) -> None:
    from ..model.emissions import site_gross_terms  # the model imports the targets: here to avoid a cycle

    sc = data.scenario
    keys = rows(spec, data.years)
    per_unit = [bound_per_unit(sc, t, ref.base_t, ref.base_site_t) for t in spec]

    def rule(_: pyo.Model, i: int) -> pyo.Expression:
        k, y = keys[i]
        sites = [s.id for s in covered(sc, spec[k])]
        terms = [term for s in sites for term in site_gross_terms(m, data, s, y)]
        gross = lin(terms, sum(included_t(sc, s, y) for s in sites))
        return gross <= allowed_t(sc, spec[k], y, per_unit[k])

    m.intensity_target = pyo.Constraint(range(len(keys)), rule=rule)


def _check(scenario: Scenario, q: Yearly, spec: list[Intensity]) -> list[Row]:
    base = {s.id: q.bau_site_gross_t.get((s.id, scenario.base_year), 0.0) for s in scenario.sites}
    out = []
    for i, (k, y) in enumerate(rows(spec, sorted(q.gross_t))):
        t = spec[k]
        value = sum(q.site_gross_t[(s.id, y)] for s in covered(scenario, t))
        bound = allowed_t(scenario, t, y, bound_per_unit(scenario, t, q.base_t, base))
        out.append(Row("intensity_target", i, y, value, bound, "t", (y,)))
    return out


def _markers(fig: go.Figure, run: RunFolder, spec: list[Intensity]) -> None:
    """Company-level targets only: the chart shows the company's gross emissions."""
    sc = run.scenario
    table = run.tables["intensity"]
    bau = table[(table["case"] == "bau") & (table["year"] == sc.base_year)]
    base = {str(r.site): float(r.gross_t) for r in bau.itertuples(index=False)}
    points = []
    for k, y in rows(spec, list(run.summary.years)):
        t = spec[k]
        if len(covered(sc, t)) == len(sc.sites):
            per_unit = bound_per_unit(sc, t, run.summary.base_year_t, base)
            points.append((y, allowed_t(sc, t, y, per_unit), f"{per_unit:.3g} t/{_per(sc, t)}"))
    if points:
        mark_points(fig, "Intensity targets", points)


def _per(sc: Scenario, t: Intensity) -> str:
    if t.per == "output_value":
        return f"10k {sc.currency}"
    p = covered(sc, t)[0].production
    return p.unit if p else "unit"


def _describe(spec: list[Intensity]) -> list[str]:
    out = []
    for t in spec:
        bound = f"-{t.vs_base:.0%} vs base-year intensity" if t.vs_base is not None else f"<= {t.max_t_per_unit:g} t"
        per = "per unit of product" if t.per == "product" else "per 10,000 of output value"
        where = ", ".join(t.sites) if t.sites is not None else "all sites"
        out.append(f"intensity {bound} {per} ({where}) in {t.year}{' and after' if t.and_after else ''}")
    return out


def _year(scenario: Scenario, years: list[int], index: Any) -> int:
    return rows(scenario.targets.intensity, years)[int(index)][1]


def _fields(scenario: Scenario, index: Any) -> dict[str, str]:
    k, _ = rows(scenario.targets.intensity, scenario.model_years)[int(index)]
    t = scenario.targets.intensity[k]
    bound = f"a {t.vs_base:.0%} cut of the base-year intensity" if t.vs_base is not None else f"{t.max_t_per_unit:g} t"
    where = ", ".join(s.id for s in covered(scenario, t))
    return {"what": f"{bound} per {_per(scenario, t)} at {where}"}


KIND = TargetKind(
    field="intensity",
    order=45,
    components=(
        Component(
            "intensity_target",
            "t",
            "the intensity target ({what}) in {years} is exceeded by {amount} {unit}{per}",
            purpose="gross",
            year_of=_year,
            phrase_fields=_fields,
        ),
    ),
    add=_add,
    check=_check,
    describe=_describe,
    named_years=lambda spec: {t.year for t in spec},
    markers=_markers,
)
