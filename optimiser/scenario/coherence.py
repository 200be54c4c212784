"""Checks across fields that only the whole scenario can make: years against the modelled horizon, forced
measures that could never be adopted, targets that contradict each other.

`check` raises ValueError ("field.path: message") for what makes a run meaningless or impossible;
`warnings` lists what is merely suspicious (the run still means something) for `decarb validate` to print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from .schema import Scenario
    from .site import Site

# levers with a build calendar: (field name, label)
FLEETS = ("pv", "wind", "storage", "heat_pump", "electric_boiler", "chp", "heat_storage")


def check(sc: Scenario) -> None:
    """Raise ValueError naming every field involved when the scenario cannot mean what it says."""
    ys = sc.model_years
    start, end = ys[0], ys[-1]
    horizon = f"the modelled years {start}-{end}"
    for i, site in enumerate(sc.sites):
        _check_fleets(f"sites[{i}]", site, start, end, horizon)
        _check_forced_retrofits(f"sites[{i}]", site, start, end, horizon)
    for path, value in _year_maps(sc):
        window_end = end + sc.terminal_years if path.split(".")[-1].startswith("capex") else end
        keys = list(value)
        if min(keys) > window_end and len(set(value.values())) > 1:
            reach = (
                f"{end} (+ terminal_years {sc.terminal_years} for renewals: {window_end})"
                if window_end > end
                else str(end)
            )
            raise ValueError(
                f"{path}: the path changes only from {min(keys)}, after the last year it is used, {reach}; "
                f"in every year it would be its first value {value[min(keys)]:g}. Expected keys within {start}-"
                f"{window_end}, found {keys}"
            )
    _check_targets(sc, start, end, horizon)


def _check_fleets(prefix: str, site: Site, start: int, end: int, horizon: str) -> None:
    span = end - start + 1
    for name in FLEETS:
        spec = getattr(site, name)
        if spec is None:
            continue
        where = f"{prefix}.{name}"
        built = getattr(spec, "existing_built_year", None)
        if built is not None and built > start:
            raise ValueError(
                f"{where}.existing_built_year: {built} is after horizon start {start}; existing capacity "
                f"(existing_kw/existing_kwh) stands at the start, so expected {start} or earlier. For a later build "
                "use earliest_year"
            )
        if spec.build_every_years > span:
            raise ValueError(
                f"{where}.build_every_years: {spec.build_every_years} is longer than {horizon} ({span} years); "
                f"expected at most {span} (with more, only one round would ever be built)"
            )
    pv = site.pv
    if pv is not None and pv.force_kw and pv.earliest_year is not None and pv.earliest_year > end:
        raise ValueError(
            f"{prefix}.pv.earliest_year: {pv.earliest_year} is after {horizon}, so pv.force_kw ({pv.force_kw:g} kWp) "
            f"could never be built; expected earliest_year {end} or earlier"
        )


def _check_forced_retrofits(prefix: str, site: Site, start: int, end: int, horizon: str) -> None:
    by_id = {r.id: (j, r) for j, r in enumerate(site.retrofits)}

    def first_possible(rid: str) -> tuple[int, str]:
        """First year a measure can be active, given its own earliest year and its prerequisites'; and which
        measure sets it."""
        _, r = by_id[rid]
        year, why = max(r.earliest_year or start, start), rid
        for p in r.requires:
            py, pwhy = first_possible(p)
            if py > year:
                year, why = py, pwhy
        return year, why

    for j, r in enumerate(site.retrofits):
        if not r.force:
            continue
        where = f"{prefix}.retrofits[{j}]"
        if r.earliest_year is not None and r.earliest_year > end:
            raise ValueError(
                f"{where}.earliest_year: {r.earliest_year} is after {horizon}, so the forced measure '{r.id}' "
                f"(force: true) could never be adopted; expected earliest_year {end} or earlier"
            )
        own = max(r.earliest_year or start, start)
        year, why = first_possible(r.id)
        if year > own:
            k, blocker = by_id[why]
            found = f"{blocker.earliest_year}" if blocker.earliest_year else "?"
            raise ValueError(
                f"{where}.requires: the forced measure '{r.id}' must be active from {own} but requires '{why}' "
                f"({prefix}.retrofits[{k}].earliest_year {found}), which cannot start before {year}; expected "
                f"'{r.id}'.earliest_year {year} or later, or '{why}' available by {own}"
            )


def _check_targets(sc: Scenario, start: int, end: int, horizon: str) -> None:
    t = sc.targets
    if t.budget is not None:
        b = t.budget
        for name, year in (("from_year", b.from_year), ("to_year", b.to_year)):
            if year is not None and not start <= year <= end:
                raise ValueError(f"targets.budget.{name}: {year} is outside {horizon}; expected a year within it")
        if b.from_year is not None and b.to_year is not None and b.from_year > b.to_year:
            raise ValueError(
                f"targets.budget: from_year {b.from_year} is after to_year {b.to_year}; expected from_year <= to_year"
            )
    base = sc.base_year
    seen: dict[int, int] = {}
    for i, r in enumerate(t.reductions):
        where = f"targets.reductions[{i}]"
        if r.year in seen:
            k = seen[r.year]
            raise ValueError(
                f"{where}.year: {r.year} already has a reduction (targets.reductions[{k}], vs_base "
                f"{t.reductions[k].vs_base:g}, found vs_base {r.vs_base:g} here); expected one reduction per year"
            )
        seen[r.year] = i
        if r.vs_base > 0 and r.year < base:
            raise ValueError(
                f"{where}.year: a cut of {r.vs_base:g} in {r.year}, before the base year it is measured against "
                f"(targets.base_year {base}); expected a year from {base} on"
            )
        if t.peak is not None and r.vs_base > 0 and r.year < t.peak.year:
            raise ValueError(
                f"{where}.year: a cut of {r.vs_base:g} below the base year in {r.year}, before targets.peak.year "
                f"{t.peak.year}: emissions are to fall before they peak. Expected the reduction in {t.peak.year} or "
                "later, or an earlier peak year"
            )


def warnings(sc: Scenario) -> list[str]:
    """What is suspicious but still means something: `decarb validate` prints it, the run goes on."""
    ys = sc.model_years
    start, end = ys[0], ys[-1]
    out: list[str] = []
    for path, value in _year_maps(sc):
        window_end = end + sc.terminal_years if path.split(".")[-1].startswith("capex") else end
        keys = list(value)
        if max(keys) < start:
            out.append(
                f"{path}: every year {keys} is before {start}; only its last value "
                f"{value[max(keys)]:g} is used, in every modelled year"
            )
        elif min(keys) > window_end:
            out.append(
                f"{path}: every year {keys} is after {window_end}; its value {value[min(keys)]:g} holds throughout"
            )
    for i, site in enumerate(sc.sites):
        for name in FLEETS:
            spec = getattr(site, name)
            early = getattr(spec, "earliest_year", None) if spec is not None else None
            if early is not None and early > end:
                out.append(f"sites[{i}].{name}.earliest_year: {early} is after {end}; it is offered but never built")
        pv, st = site.pv, site.storage
        if pv is not None and pv.min_build_kw > 0 and pv.min_build_kw * pv.area_m2_per_kw > site.roof_area_m2:
            out.append(
                f"sites[{i}].pv.min_build_kw: the smallest build, {pv.min_build_kw:,.0f} kWp, needs "
                f"{pv.min_build_kw * pv.area_m2_per_kw:,.0f} m2 but roof_area_m2 is {site.roof_area_m2:,.0f}; "
                "no PV can be built"
            )
        if st is not None and st.max_energy_kwh is not None and st.min_build_kwh > st.max_energy_kwh - st.existing_kwh:
            out.append(
                f"sites[{i}].storage.min_build_kwh: the smallest build, {st.min_build_kwh:,.0f} kWh, does not fit in "
                f"max_energy_kwh {st.max_energy_kwh:,.0f} less existing_kwh {st.existing_kwh:,.0f}; no storage can "
                "be built"
            )
        for j, r in enumerate(site.retrofits):
            if not r.force and r.earliest_year is not None and r.earliest_year > end:
                out.append(
                    f"sites[{i}].retrofits[{j}].earliest_year: {r.earliest_year} is after {end}; "
                    f"'{r.id}' is offered but can never be adopted"
                )
    products: list[tuple[str, Any]] = [(f"offsets[{k}]", o) for k, o in enumerate(sc.offsets)]
    if sc.green_electricity is not None:
        products.append(("green_electricity", sc.green_electricity))
    for where, p in products:
        if p.earliest_year is not None and p.earliest_year > end:
            out.append(f"{where}.earliest_year: {p.earliest_year} is after {end}; it is never available")
    if sc.targets.offsets is not None:
        eligible = [o.id for o in sc.offsets if o.eligible_for_neutrality]
        if not eligible:
            out.append(
                "targets.offsets: a cap on offsets, but no offsets counting toward net emissions are offered "
                f"(offsets: {[o.id for o in sc.offsets]}); the cap has no effect (the run still means something, "
                "so this is a warning)"
            )
    return out


def _year_maps(sc: Scenario) -> list[tuple[str, dict[int, float]]]:
    """Every year map in the scenario outside `targets` (those are checked against the horizon already)."""
    out: list[tuple[str, dict[int, float]]] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                if path == "" and name == "targets":
                    continue
                walk(getattr(node, name), f"{path}.{name}" if path else name)
        elif isinstance(node, dict) and node:
            if all(isinstance(k, int) for k in node):
                out.append((path, node))
            else:
                for k, v in node.items():
                    walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for k, v in enumerate(node):
                walk(v, f"{path}[{k}]")

    walk(sc, "")
    return out
