"""China national ETS (碳排放权交易管理办法(试行), MEE 2021): CCERs may cover at most 5 % of the allowances due.

| condition | rule in year y |
| --- | --- |
| `offset_limit` | credits retired of the compliance schemes <= max_offset_share x covered emissions |
The covered emissions are those `carbon_price.covered_scopes` name (default Scope 1). The model does not net
credits against the carbon-price bill, so every credit of a compliance scheme the plan retires is counted as
surrendered for compliance (the strict reading).
"""

from __future__ import annotations

from ..scenario.claims import NationalEts
from .base import Condition, Quantities, Standard, scaled


def _conditions(claim: NationalEts, q: Quantities, y: int) -> list[Condition]:
    schemes = {s.casefold() for s in claim.schemes}
    used = q.retired(y, lambda o: (o.scheme or "").casefold() in schemes)
    return [
        Condition(
            "offset_limit",
            scaled(q.covered(y), claim.max_offset_share) + scaled(used, -1.0),
            0.0,
            "t",
            f"{'/'.join(claim.schemes)} credits at most {claim.max_offset_share:.0%} of the covered emissions",
        )
    ]


STANDARD = Standard(
    name="cn_ets",
    conditions=_conditions,
    describe=lambda c: f"China national ETS: {'/'.join(c.schemes)} at most {c.max_offset_share:.0%} of emissions due",
    notes=lambda c: ["Every credit of a compliance scheme the plan retires counts as surrendered (strict reading)."],
)
