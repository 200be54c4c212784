"""Which levers sit at their limits in a year of the solved elastic plan: the reasons a target is missed.

Each check reads the solved model and returns plain phrases ("the roof at plant is full (2,000 m2)") for the
levers that could have helped and could do no more."""

from __future__ import annotations

import pyomo.environ as pyo

from ..model.build import BuiltModel
from ..model.retrofits import allowed_years
from ..results.values import val

TOL = 1e-6


def _at_most(value: float, limit: float) -> bool:
    return value >= limit - TOL * max(1.0, abs(limit))


GROSS = {
    "peak_level_target",
    "peak_target",
    "peak_non_increasing_target",
    "reduction_target",
    "cap_target",
    "budget_target",
}


def levers_at_limits(b: BuiltModel, target: str, year: int) -> list[str]:
    """The reasons that matter for this target: offsets only count toward neutrality, certificates toward
    market-based emissions and the renewable share, retrofits toward emissions."""
    if target in GROSS:
        return [*_roof(b, year), *_retrofits(b, year), *_green(b, year, for_emissions=True)]
    if target == "neutrality_target":
        return [*_roof(b, year), *_retrofits(b, year), *_green(b, year, for_emissions=True), *_offsets(b, year)]
    if target == "renewable_share_target":
        return [*_roof(b, year), *_green(b, year, for_emissions=False)]
    return []


def _roof(b: BuiltModel, y: int) -> list[str]:
    m, d = b.model, b.data
    out = []
    for s, sd in d.sites.items():
        pv, roof = sd.site.pv, sd.site.roof_area_m2
        if pv is None:
            continue
        if sd.site.roof_area_m2 <= 0:
            out.append(f"{s} has no roof area for PV")
        elif pv.earliest_year is not None and y < pv.earliest_year:
            out.append(f"PV at {s} cannot be built before {pv.earliest_year}")
        elif hasattr(m, "pv") and s in m.pv and _at_most(val(m.pv[s].cap_kw[y]) * pv.area_m2_per_kw, roof):
            out.append(f"the roof at {s} is full ({sd.site.roof_area_m2:,.0f} m2)")
    return out


def _retrofits(b: BuiltModel, y: int) -> list[str]:
    m, d = b.model, b.data
    out = []
    for s, sd in d.sites.items():
        offered = [r for r in sd.site.retrofits if y in allowed_years(r, d)]
        if not offered or not hasattr(m, "retrofits") or s not in m.retrofits:
            continue
        groups: dict[str, float] = {}
        alone = []
        for r in offered:
            on = val(m.retrofits[s].on[r.id, y])
            if r.group:
                groups[r.group] = groups.get(r.group, 0.0) + on
            else:
                alone.append(on)
        if all(on > 1 - TOL for on in alone) and all(v > 1 - TOL for v in groups.values()):
            out.append(f"all retrofits offered at {s} are adopted")
    return out


def _green(b: BuiltModel, y: int, for_emissions: bool) -> list[str]:
    m, d = b.model, b.data
    spec = d.scenario.green_electricity
    location = for_emissions and d.scenario.targets.basis == "location"
    if spec is None:
        return [] if location else ["green electricity is not offered"]
    if location:
        return ["green certificates do not lower location-based emissions (the targets' basis)"]
    if not hasattr(m, "green") or (next(iter(d.sites)), y) not in m.green.mwh:
        return [f"green electricity cannot be bought in {y}"]
    bought = sum(val(v) for (_, yy), v in m.green.mwh.items() if yy == y)
    if spec.max_mwh_per_year and _at_most(bought, spec.max_mwh_per_year):
        return [f"green electricity is at its yearly cap ({spec.max_mwh_per_year:,.0f} MWh)"]
    covered = all(_at_most(val(v), val(m.grid.imported_mwh[s, yy])) for (s, yy), v in m.green.mwh.items() if yy == y)
    return ["every MWh imported from the grid is already covered by certificates"] if covered else []


def _offsets(b: BuiltModel, y: int) -> list[str]:
    m, d = b.model, b.data
    products = d.scenario.offsets
    if not products:
        return ["no offsets are offered"]
    out = []
    if not any(o.eligible_for_neutrality for o in products):
        out.append("no offset product counts toward neutrality")
    policy = getattr(m, "offsets_policy_target", None)
    if policy is not None and y in policy and _at_most(pyo.value(policy[y].body), pyo.value(policy[y].upper)):
        share = d.scenario.targets.offsets.max_share_of_base  # type: ignore[union-attr]
        out.append(f"offsets are capped at {share:.0%} of base-year emissions ({pyo.value(policy[y].upper):,.0f} t)")
    if hasattr(m, "offsets"):
        for (oid, yy), var in m.offsets.retired_t.items():
            if yy == y and var.ub is not None and _at_most(val(var), var.ub):
                out.append(f"offsets '{oid}' are at their yearly availability ({var.ub:,.0f} t)")
    return out
