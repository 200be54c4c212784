"""ISO 14068-1:2023 carbon neutrality of the organisation (Scope 1+2): reductions first, then offsets for the
residual, of the quality the user names. The standard sets the hierarchy, not numbers: the cut, the schemes, the
removal share and the vintage are inputs.

| condition | rule in year y |
| --- | --- |
| `reduction` | gross <= (1 - min_reduction_vs_base) x base-year emissions |
| `residual` | credits retired of accepted products (schemes, vintage) >= gross |
| `removal_share` | min_removal_share > 0: accepted removals retired >= min_removal_share x gross |
"""

from __future__ import annotations

from ..scenario.claims import CarbonNeutrality
from .base import Condition, Quantities, Standard, accepts, scaled
from .common import both, reduction, removal, residual_covered


def _conditions(claim: CarbonNeutrality, q: Quantities, y: int) -> list[Condition]:
    accept = accepts(claim)
    out = [reduction(q, y, claim.min_reduction_vs_base), residual_covered(q, y, accept, "accepted credits")]
    if claim.min_removal_share > 0:
        removals = q.retired(y, both(accept, removal))
        out.append(
            Condition(
                "removal_share",
                removals + scaled(q.gross(y), -claim.min_removal_share),
                0.0,
                "t",
                f"removals at least {claim.min_removal_share:.0%} of the residual",
            )
        )
    return out


STANDARD = Standard(
    name="iso_14068",
    conditions=_conditions,
    describe=lambda c: f"ISO 14068-1 carbon neutrality after a {c.min_reduction_vs_base:.0%} cut",
    notes=lambda c: ["ISO 14068-1 gives the hierarchy, not numbers: the cut and the credit quality are inputs."],
)
