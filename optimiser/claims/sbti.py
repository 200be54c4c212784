"""SBTi Corporate Net-Zero Standard (v1.2, 2024), Scope 1+2. Carbon credits count for nothing toward progress:
every condition is on gross emissions. The near-term line is
followed until the near-term year; later years stay at or below its level.

| condition | rule in year y |
| --- | --- |
| `near_term` | y > base_year: gross <= base x (1 - rate x (min(y, near_term_year) - base_year)) |
| `long_term` | y >= long_term_year: gross <= (1 - long_term_cut_share) x base |
| `coverage` | every year: the share of Scope 1+2 covered (1: the model covers all of it) >= min_coverage_share |
| `residual` | net_zero and y >= long_term_year: permanent removals retired >= gross (neutralised) |
"""

from __future__ import annotations

from ..scenario.claims import ScienceBased
from .base import Condition, Quantities, Standard, scaled
from .common import permanent_removal, residual_covered

COVERED_SHARE = 1.0  # the model holds all of the company's Scope 1+2


def _cut(q: Quantities, y: int, name: str, cut: float, why: str) -> Condition:
    allowed = (1.0 - cut) * q.base_t
    return Condition(
        name, scaled(q.gross(y), -1.0), -allowed, "t", f"gross emissions at most {allowed:,.1f} t ({cut:.1%} {why})"
    )


def _conditions(claim: ScienceBased, q: Quantities, y: int) -> list[Condition]:
    out = [
        Condition(
            "coverage",
            [],
            claim.min_coverage_share - COVERED_SHARE,
            "share",
            f"the target covers at least {claim.min_coverage_share:.0%} of Scope 1+2 (the model covers all of it)",
        )
    ]
    if y > q.base_year:
        years = min(y, claim.near_term_year) - q.base_year
        cut = claim.annual_reduction_share * years
        out.append(_cut(q, y, "near_term", cut, f"below {q.base_year}, {claim.annual_reduction_share:.1%} a year"))
    if claim.long_term_year is not None and y >= claim.long_term_year:
        out.append(_cut(q, y, "long_term", claim.long_term_cut_share, f"below {q.base_year}"))
        if claim.net_zero:
            out.append(residual_covered(q, y, permanent_removal, "permanent removals"))
    return out


CRITERIA = {"annual_reduction_share": 0.042, "long_term_cut_share": 0.90, "min_coverage_share": 0.95}  # 1.5 °C, CNZS


def _weaker(c: object) -> list[str]:
    """The parameters set below the SBTi criteria: the claim is then not an SBTi-valid target, and says so."""
    return [f"{name} {getattr(c, name):g} < {low:g}" for name, low in CRITERIA.items() if getattr(c, name) < low]


STANDARD = Standard(
    name="sbti",
    conditions=_conditions,
    describe=lambda c: (
        ("NOT SBTi-valid (" + ", ".join(_weaker(c)) + "): " if _weaker(c) else "")
        + f"SBTi Scope 1+2: {c.annual_reduction_share:.1%} a year to {c.near_term_year}"
        + (f", {c.long_term_cut_share:.0%} cut by {c.long_term_year}" if c.long_term_year else "")
        + (", net zero with permanent removals" if c.net_zero else "")
    ),
    notes=lambda c: [
        *(
            ["Parameters below the SBTi criteria: " + ", ".join(_weaker(c)) + "; the plan supports a weaker target."]
            if _weaker(c)
            else []
        ),
        "Credits count for nothing toward SBTi progress: every SBTi condition is on gross emissions.",
        "Coverage is reported as 100 %: the model holds all of the company's Scope 1+2.",
    ],
)
