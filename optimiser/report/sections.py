"""Report sections that are tables and words, not charts: what the battery does and why it pays, the full-year
check of the plan, and the notes on what a reader might not expect."""

from __future__ import annotations

import html
from collections.abc import Callable

from .folder import RunFolder

STORAGE_COLUMNS = {
    "year": "year",
    "site": "site",
    "energy_kwh": "energy, kWh",
    "power_kw": "power, kW",
    "cycles": "full cycles a year",
    "charged_from_pv_mwh": "charged from PV, MWh",
    "charged_from_grid_mwh": "charged from the grid, MWh",
    "peak_import_kw": "grid peak, kW",
    "peak_import_without_storage_kw": "grid peak with the battery idle, kW",
    "arbitrage_value": "arbitrage, {cur}/yr",
    "self_consumption_value": "self-consumption, {cur}/yr",
    "demand_charge_value": "demand charge, {cur}/yr",
    "wear_cost": "wear, {cur}/yr",
    "reason": "pays through",
}
CHECKED = {
    "energy_cost": "energy bill",
    "gross_t": "emissions",
    "net_t": "net emissions",
    "renewable_share": "renewable share",
    "peak_import_kw": "grid peak",
    "imported_mwh": "grid import",
    "exported_mwh": "export",
}


def storage_section(run: RunFolder, table_html: Callable[..., str]) -> list[str]:
    st = run.tables["storage"]
    if st.empty:
        return []
    years = sorted(set(st["year"]))
    shown = st[st["year"].isin({years[0], years[len(years) // 2], years[-1]})]
    cols = {k: v.format(cur=run.currency) for k, v in STORAGE_COLUMNS.items()}
    return [
        "<h2>Battery storage: size, use and why it pays</h2>",
        '<p class="note">Full cycles count the energy taken from the cells over the usable window; the values '
        "split what the battery earns by where its energy came from (grid power bought cheap, or PV surplus "
        "kept for later) and what a lower peak saves in demand charges.</p>",
        table_html(shown[list(cols)].rename(columns=cols)),
    ]


def validation_section(run: RunFolder, table_html: Callable[..., str]) -> list[str]:
    check = run.summary.validation
    if not check.years:
        return ["<h2>Full-year check</h2>", '<p class="note">Not run (--validate none).</p>']
    table = run.tables["validation"]
    table = table[table["quantity"].isin(list(CHECKED))].assign(quantity=lambda f: f["quantity"].map(CHECKED))
    years = ", ".join(map(str, check.years))
    out = [
        "<h2>Full-year check</h2>",
        f'<p class="note">The design of the plan re-dispatched on all 8,760 hours of {years} and compared with '
        "what the representative days said (difference in % of the representative days).</p>",
    ]
    out += [f'<p class="warning">{html.escape(w)}</p>' for w in check.warnings]
    out.append(
        table_html(
            table.rename(
                columns={"rep_days": "representative days", "full_year": "full year", "difference_pct": "difference, %"}
            ),
            "{:,.2f}",
        )
    )
    return out


def notes_section(run: RunFolder) -> list[str]:
    notes = run.summary.notes
    return ["<h2>Notes</h2>", *(f'<p class="note">{html.escape(n)}</p>' for n in notes)] if notes else []
