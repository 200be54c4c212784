"""Report sections that are tables and words, not charts: those of the tables levers own (what the battery does
and why it pays), the full-year check of the plan, and the notes on what a reader might not expect."""

from __future__ import annotations

import html
from collections.abc import Callable

from ..levers import lever_tables
from .folder import RunFolder

CHECKED = {
    "energy_cost": "energy bill",
    "gross_t": "emissions",
    "net_t": "net emissions",
    "renewable_share": "renewable share",
    "peak_import_kw": "grid peak",
    "imported_mwh": "grid import",
    "exported_mwh": "export",
}


def lever_sections(run: RunFolder, table_html: Callable[..., str]) -> list[str]:
    """The sections of the tables levers own (the battery's size, use and why it pays), in registry order."""
    out: list[str] = []
    for table in lever_tables():
        if table.section is not None:
            out += table.section(run.tables[table.name], run.currency, table_html)
    return out


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
