"""Conditions several standards share: the renewable share, a cut against the base year, the residual covered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Accept, Condition, Quantities, scaled

if TYPE_CHECKING:
    from ..scenario.market import Offset


def renewable_share(q: Quantities, y: int, share: float, basis: str) -> Condition:
    renewable, consumed = q.renewable(y, basis)
    return Condition(
        "renewable_share",
        renewable + scaled(consumed, -share),
        0.0,
        "share",
        f"renewable share ({basis} basis) at least {share:.4f}",
        per=consumed,
    )


def reduction(q: Quantities, y: int, cut: float) -> Condition:
    """gross <= (1 - cut) base_t, written as (1 - cut) base_t - gross >= 0."""
    allowed = (1.0 - cut) * q.base_t
    return Condition(
        "reduction",
        scaled(q.gross(y), -1.0),
        -allowed,
        "t",
        f"gross emissions at most {allowed:,.1f} t ({cut:.1%} below {q.base_year})",
    )


def residual_covered(q: Quantities, y: int, accept: Accept, what: str) -> Condition:
    """Retired credits of the accepted products >= the residual gross emissions (credits beyond it count for
    nothing: the margin says how many retired credits the claim does not use)."""
    return Condition(
        "residual",
        q.retired(y, accept) + scaled(q.gross(y), -1.0),
        0.0,
        "t",
        f"{what} retired cover the residual Scope 1+2 (credits beyond it do not count)",
    )


def removal(o: Offset) -> bool:
    return o.kind == "removal"


def permanent_removal(o: Offset) -> bool:
    return o.kind == "removal" and o.permanent


def both(a: Accept, b: Accept) -> Accept:
    return lambda o: a(o) and b(o)
