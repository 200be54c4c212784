"""Plain-text views for the terminal: what a scenario describes, a run's summary, the inventory."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .levers import LEVERS
from .results.summary import RunSummary
from .scenario.schema import Scenario
from .targets import active

if TYPE_CHECKING:
    from .inventory import Inventory


def _fmt(x: float | None, unit: str = "") -> str:
    if x is None:
        return "n/a"
    return f"{x:,.0f}{(' ' + unit) if unit else ''}"


def describe(scenario: Scenario, bau: pd.DataFrame) -> str:
    years = scenario.model_years
    lines = [
        f"Scenario {scenario.name}: {scenario.description or ''}".rstrip(),
        f"  years: {years[0]}-{years[-1]} ({len(years)} modelled: {_years(years)}), "
        f"discount rate {scenario.discount_rate:.1%}, {scenario.time.representative_days} representative days",
        f"  sites ({len(scenario.sites)}):",
    ]
    for s in scenario.sites:
        levers = [item for lever in LEVERS for item in lever.offered(scenario, s)]
        fuels = ", ".join(s.fuels) or "none"
        lines.append(f"    {s.id}: roof {s.roof_area_m2:,.0f} m2, fuels {fuels}; levers: {', '.join(levers) or 'none'}")
        if s.heat:
            demands = [f"{d.id} {d.temperature_c:g} deg C ({d.fuel_share:.0%} of {d.fuel})" for d in s.heat]
            lines.append(f"      heat: {', '.join(demands)}")
    company = [item for lever in LEVERS for item in lever.offered(scenario, None)]
    lines.append(f"  company levers: {', '.join(company) or 'none'}")
    lines.append(f"  targets ({scenario.targets.basis}-based Scope 2): {describe_targets(scenario) or 'none'}")
    lines += [f"  {line}" for line in describe_claims(scenario)]
    lines.append("  business-as-usual gross emissions (t CO2e):")
    path = bau.set_index("year")["gross_t"]
    lines += [f"    {y}: {path[y]:>14,.0f}" for y in years]
    return "\n".join(lines)


def _range(bounds: tuple[float, float], currency: str) -> str:
    """The range the solver gaps leave, when it is wider than rounding."""
    low, high = bounds
    return "" if high - low < 0.5 else f" (within {_fmt(low)} to {_fmt(high, currency)} given the MIP gaps)"


def _years(years: list[int]) -> str:
    return ", ".join(map(str, years)) if len(years) <= 8 else f"{years[0]}, {years[1]}, ..., {years[-1]}"


def describe_claims(scenario: Scenario) -> list[str]:
    """One line per claim: what it asks and whether it binds the plan (constraint) or is only checked."""
    from .claims import standard  # the claims import the model; `decarb validate` needs them only here

    out = []
    for c in scenario.claims:
        how = f"a constraint from {c.from_year}" if c.mode == "constraint" else "checked"
        out.append(f"claim {c.id}: {standard(c).describe(c)} ({how})")
    return out


def describe_targets(scenario: Scenario) -> str:
    return "; ".join(part for kind, spec in active(scenario) for part in kind.describe(spec))


def validation_lines(summary: RunSummary, table: pd.DataFrame | None) -> list[str]:
    """The full-year check in two lines: the years, the largest differences, and any target that fails there."""
    check = summary.validation
    if not check.years:
        return ["  full-year check: not run (--validate none)"]
    parts = []
    if table is not None and not table.empty:
        for quantity, label in (("energy_cost", "energy bill"), ("gross_t", "emissions"), ("peak_import_kw", "peak")):
            diff = table[(table["quantity"] == quantity) & (table["site"] != "company")]["difference_pct"].abs()
            if diff.notna().any():
                parts.append(f"{label} within {diff.max():.1f} %")
    head = f"  full-year check ({', '.join(map(str, check.years))}; {check.seconds:.1f} s): "
    lines = [head + (", ".join(parts) if parts else "done") + " of the representative days"]
    lines += [f"  warning: {w}" for w in check.warnings]
    return lines


def run_summary(
    summary: RunSummary, roadmap: pd.DataFrame, folder: str | None = None, validation: pd.DataFrame | None = None
) -> str:
    s, cur = summary, summary.currency
    lines = [
        f"{s.scenario}: {s.status_label}",
        f"  net present cost        {_fmt(s.net_present_cost, cur)}",
        f"  economics-only plan     {_fmt(s.net_present_cost_economics, cur)}",
        f"  business as usual       {_fmt(s.net_present_cost_bau, cur)}",
        f"  cost of the targets     {_fmt(s.cost_of_targets, cur)}" + _range(s.cost_of_targets_range, cur),
        f"  base year {s.base_year}: {_fmt(s.base_year_t, 't')}; peak year {s.peak_year}; "
        f"first net-zero year {s.first_net_zero_year or 'none'}; "
        f"offsets {_fmt(s.offsets_total_t, 't')}",
        f"  emissions (t CO2e)       gross          net          bau   implied carbon price ({cur}/t)",
    ]
    for k in s.emissions_key_years:
        lines.append(
            f"    {k.year}          {k.gross_t:>12,.0f} {k.net_t:>12,.0f} {k.bau_t:>12,.0f}"
            f"   {_fmt(k.implied_price_per_t)}"
        )
    lines.append("  roadmap (first years):")
    first = sorted(roadmap["year"].unique())[:3] if len(roadmap) else []
    for _, r in roadmap[roadmap["year"].isin(first)].iterrows():
        money = f"capex {_fmt(r['capex'], cur)}" if r["capex"] else f"{_fmt(r['annual_cost'], cur)}/yr"
        action = r["action"] + (f" ({r['power_kw']:,.0f} kW)" if r.get("power_kw", 0.0) >= 0.5 else "")
        lines.append(f"    {r['year']} {r['site']:<10} {action:<32} {r['size']:>12,.0f} {r['unit']:<8} {money}")
    if not len(roadmap):
        lines.append("    nothing to build or buy")
    lines += [f"  {h.lever} at {h.site} ({h.year}): {h.text}" for h in s.highlights]
    lines += validation_lines(s, validation)
    lines += [f"  note: {n}" for n in s.notes]
    lines += [f"  warning: {w}" for w in s.warnings]
    if folder:
        lines.append(f"  results: {folder}")
    return "\n".join(lines)


def inventory_text(inv: Inventory) -> str:
    """The inventory as a reader checks it: each row with its activity, factor and result, the totals by scope,
    and the total against what the plan counts for the base year."""
    rows = inv.rows
    w = {c: max(len(c), *(len(str(v)) for v in rows[c])) + 2 for c in ("site", "scope", "source", "gas", "unit")}
    w["factor_unit"] = max(len("factor unit"), *(len(v) for v in rows["factor_unit"])) + 1
    lines = [
        f"Base-year carbon inventory {inv.year} (GB/T 32150-2015; targets use {inv.basis}-based Scope 2)",
        f"  {'site':<{w['site']}}{'scope':<{w['scope']}}{'source':<{w['source']}}{'gas':<{w['gas']}}{'activity':>15}"
        f" {'unit':<{w['unit']}}{'factor':>11} {'factor unit':<{w['factor_unit']}}{'t CO2e':>13}",
    ]
    for r in rows.itertuples():
        mark = "" if r.counted else "  (not counted)"
        lines.append(
            f"  {r.site:<{w['site']}}{r.scope:<{w['scope']}}{r.source:<{w['source']}}{r.gas:<{w['gas']}}"
            f"{r.activity:>15,.2f} {r.unit:<{w['unit']}}{r.factor:>11.5g} {r.factor_unit:<{w['factor_unit']}}"
            f"{r.t_co2e:>13,.2f}{mark}"
        )
    for scope in dict.fromkeys(rows["scope"]):
        part = rows[rows["scope"] == scope]
        note = "" if part["counted"].any() else " (reported, not counted)"
        lines.append(f"  total {scope:<24}{part['t_co2e'].sum():>14,.2f} t CO2e{note}")
    co2 = rows[rows["counted"] & (rows["gas"] == "CO2")]["t_co2e"].sum()
    lines.append(f"  counted: {inv.total_t:,.2f} t CO2e, of which CO2 {co2:,.2f} t")
    lines.append(
        f"  the plan's base year {inv.year} (business as usual) counts {inv.plan_base_t:,.2f} t CO2e: the rows agree"
    )
    if inv.stated_base_t is not None:
        lines.append(
            f"  note: the targets use targets.base_year_t = {inv.stated_base_t:,.2f} t CO2e instead "
            f"({inv.stated_base_t - inv.total_t:+,.2f} t against this inventory)"
        )
    lines.append("  factor sources: see the factor_source column of the CSV")
    return "\n".join(lines)
