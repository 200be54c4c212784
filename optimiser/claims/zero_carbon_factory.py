"""T/CECA-G 0171-2022 零碳工厂评价规范 (China Energy Conservation Association), the standard TÜV Rheinland certifies
zero-carbon factories against: after the plant's own reductions, the residual Scope 1+2 (market-based) of a year
is offset with carbon credits (Type I) or removed by removal projects outside the boundary (Type II), with
renewable electricity. The standard gives no numeric renewable share (the star grade follows an overall score):
the share is the user's `min_renewable_share`.

| condition | rule in year y |
| --- | --- |
| `renewable_share` | renewable >= share x consumption (basis electricity or energy) |
| `residual` | credits retired of accepted products >= gross (Type II: removals only); beyond it they do not count |
| `reduction` (optional) | gross <= (1 - min_reduction_vs_base) x base-year emissions |
"""

from __future__ import annotations

from ..scenario.claims import ZeroCarbonFactory
from .base import Condition, Quantities, Standard, accepts
from .common import both, reduction, removal, renewable_share, residual_covered


def _conditions(claim: ZeroCarbonFactory, q: Quantities, y: int) -> list[Condition]:
    accept = accepts(claim) if claim.type == "I" else both(accepts(claim), removal)
    what = "carbon credits" if claim.type == "I" else "removals"
    out = [
        renewable_share(q, y, claim.min_renewable_share, claim.basis),
        residual_covered(q, y, accept, what),
    ]
    if claim.min_reduction_vs_base is not None:
        out.append(reduction(q, y, claim.min_reduction_vs_base))
    return out


STANDARD = Standard(
    name="cn_zero_carbon_factory",
    conditions=_conditions,
    describe=lambda c: (
        f"zero-carbon factory Type {c.type} (T/CECA-G 0171-2022), renewable share "
        f"{c.min_renewable_share:.2%} on the {c.basis} basis"
    ),
    notes=lambda c: [
        "T/CECA-G 0171-2022 sets no renewable-share number: the share checked is the scenario's choice.",
        "Only the quantitative conditions are checked (renewable share, residual offset or removed); the "
        "standard's other indicators (management system, products, infrastructure) are outside the model.",
    ],
)
