"""The report's claims section (per claim: the first year the plan supports it and what is missing before, in t
and in renewable share) and its published-figures section (each figure beside the plan's, and how it is counted)."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from ..claims import STANDARDS
from .folder import RunFolder


def claims_section(run: RunFolder, table_html: Callable[..., str]) -> list[str]:
    briefs = run.summary.claims
    if not briefs:
        return []
    out = ["<h2>Claims</h2>"]
    rows = [
        (
            b.claim,
            b.description,
            b.mode,
            "" if b.from_year is None else str(b.from_year),
            "never" if b.first_year is None else str(b.first_year) + ("" if b.holds_after else " (not every year)"),
            b.missing_t,
            f"{b.missing_share:.4f}",
        )
        for b in briefs
    ]
    columns = ["claim", "standard", "mode", "wanted from", "first supported", "missing before, t", "missing, share"]
    out.append(table_html(pd.DataFrame(rows, columns=columns)))
    table = run.tables["claims"]
    scenario = {c.id: c for c in run.scenario.claims}
    for b in briefs:
        rows_of = table[table["claim"] == b.claim]
        out.append(f'<p class="note"><b>{html.escape(b.claim)}</b>: {html.escape(_first(b.first_year))}</p>')
        missing = rows_of[~rows_of["supported"].astype(bool)]
        if b.first_year is not None:
            missing = missing[missing["year"] < b.first_year]
        out += [f'<p class="note">{html.escape(line)}</p>' for line in _missing_lines(missing)]
        notes = STANDARDS[b.standard].notes(scenario[b.claim])
        out += [f'<p class="note">{html.escape(n)}</p>' for n in notes]
    return out


def _first(year: int | None) -> str:
    return "not supported in any modelled year" if year is None else f"the plan supports it from {year}"


def _missing_lines(missing: pd.DataFrame) -> list[str]:
    lines = []
    for year, rows in missing.groupby("year"):
        parts = [
            f"{r.condition} short by {-r.margin:,.1f} t" if r.unit == "t" else f"{r.condition} short by {-r.margin:.4f}"
            for r in rows.itertuples(index=False)
        ]
        lines.append(f"{year}: " + "; ".join(parts))
    return lines


def references_section(run: RunFolder, table_html: Callable[..., str]) -> list[str]:
    refs = run.tables["references"]
    if refs.empty:
        return []
    out = [
        "<h2>Published figures</h2>",
        '<p class="note">Each published figure beside the plan\'s value for the same year, counted as stated '
        "(a reduction against business as usual, against the base year, and with offsets).</p>",
    ]
    shown = refs.assign(
        **{col: [_value(v, m) for v, m in zip(refs[col], refs["metric"], strict=True)] for col in NUMBERS}
    )
    out.append(table_html(shown))
    for r in refs.itertuples(index=False):
        out.append(
            f'<p class="note">{r.year} {html.escape(r.metric)} ({html.escape(r.counted)}): the plan gives '
            f"{_value(r.plan, r.metric)} {html.escape(r.unit)} against {_value(r.published, r.metric)} published "
            f"({html.escape(r.source)}).</p>"
        )
    return out


NUMBERS = ("published", "plan", "difference")


def _value(v: float, metric: str) -> str:
    """A share to four decimals, tonnes and MWh to two."""
    return f"{v:.4f}" if metric == "renewable_share" else f"{v:,.2f}"
