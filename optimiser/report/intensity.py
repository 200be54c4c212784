"""The report's section and the workbook's sheet on intensity: product carbon footprint per unit and per output
value (intensity.csv) and Scope 3 by category (emissions.csv, scope `scope3`)."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from ..scenario.scope3 import CATEGORY_NUMBER, CRADLE_TO_GATE
from .folder import RunFolder

DECIMAL, FACTOR, SHARE = "#,##0.00", "0.0000", "0.0%"


def intensity_section(run: RunFolder, table_html: Callable[..., str]) -> list[str]:
    """Footprint per unit by year and site (plan and business as usual), then Scope 3 by category; nothing when
    the scenario gives neither production nor Scope 3."""
    table = run.tables["intensity"]
    made = table[table["product"].fillna("").astype(str) != ""]
    scope3 = run.case("emissions")
    scope3 = scope3[scope3["scope"] == "scope3"]
    if made.empty and scope3.empty:
        return []
    out = ["<h2>Product carbon footprint and intensity</h2>", f'<p class="note">{html.escape(_how(run))}</p>']
    if not made.empty:
        out.append(table_html(_footprint(made, run.currency), "{:,.4g}"))
    if not scope3.empty:
        out += [
            "<h3>Scope 3 by category (t CO2e a year; the same in every case)</h3>",
            table_html(_by_category(scope3)),
        ]
    return out


def _how(run: RunFolder) -> str:
    included = run.scenario.targets.scope3_included
    counted = f" Targets count Scope 3 {', '.join(included)} too." if included else " Targets count no Scope 3."
    return (
        f"Gate-to-gate: Scope 1 + {run.basis}-based Scope 2 per unit made and per 10,000 {run.currency} of output "
        "value, the part the plant controls. Cradle-to-gate adds the Scope 3 entries of "
        f"{' and '.join(c.replace('_', ' ') for c in CRADLE_TO_GATE)}; the controlled share is gate-to-gate over "
        "cradle-to-gate." + counted + " All the emissions of a site fall on its one product (no allocation)."
    )


def _footprint(made: pd.DataFrame, currency: str) -> pd.DataFrame:
    plan = made[made["case"] == "plan"].set_index(["year", "site"])
    bau = made[made["case"] == "bau"].set_index(["year", "site"])["t_per_unit"]
    out = pd.DataFrame(
        {
            "product": plan["product"],
            "made": plan["production"],
            "unit": plan["unit"],
            "t CO2e per unit (plan)": plan["t_per_unit"],
            "t CO2e per unit (BAU)": bau.reindex(plan.index),
            f"t CO2e per 10k {currency}": plan["t_per_10k"],
            "cradle-to-gate t per unit": plan["cradle_to_gate_t_per_unit"],
            "controlled share": plan["controlled_share"],
        }
    )
    return out.reset_index()


def _by_category(scope3: pd.DataFrame) -> pd.DataFrame:
    category = scope3["source"].astype(str).str.split(":", n=1).str[0]
    named = category.map(lambda c: f"{CATEGORY_NUMBER.get(c, '?')}. {c.replace('_', ' ')}")
    wide = scope3.assign(category=named).pivot_table(index="category", columns="year", values="t", aggfunc="sum")
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


def intensity_sheet(run: RunFolder) -> tuple[pd.DataFrame, dict[str, tuple[str, str]]]:
    """intensity.csv as a sheet, every case (the `case` column), headers with units."""
    cur = run.currency
    return (
        run.tables["intensity"],
        {
            "production": ("Production (unit)", DECIMAL),
            "output_value_10k": (f"Output value (10,000 {cur})", DECIMAL),
            "scope1_t": ("Scope 1 (t CO2e)", DECIMAL),
            "scope2_t": ("Scope 2, targets' basis (t CO2e)", DECIMAL),
            "scope3_t": ("Scope 3, all (t CO2e)", DECIMAL),
            "scope3_cradle_to_gate_t": ("Scope 3, cradle-to-gate (t CO2e)", DECIMAL),
            "scope3_included_t": ("Scope 3 in the targets (t CO2e)", DECIMAL),
            "gross_t": ("Gross as targets count it (t CO2e)", DECIMAL),
            "t_per_unit": ("t CO2e per unit (Scope 1+2)", FACTOR),
            "t_per_10k": (f"t CO2e per 10,000 {cur}", FACTOR),
            "cradle_to_gate_t_per_unit": ("Cradle-to-gate t CO2e per unit", FACTOR),
            "controlled_share": ("Share the plant controls", SHARE),
        },
    )
