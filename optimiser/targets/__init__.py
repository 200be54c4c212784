"""The target-kind registry: every kind of target the model, the checks, the diagnosis and the reports know.

A kind is a module here declaring `KIND = TargetKind(...)` (see base.py); the registry finds the modules itself.
"""

from __future__ import annotations

from ..plugins import discover
from .base import Component, Purpose, Row, TargetKind

KINDS: list[TargetKind] = sorted(discover(__name__, __path__, "KIND", TargetKind), key=lambda k: (k.order, k.field))
COMPONENTS: dict[str, Component] = {c.name: c for kind in KINDS for c in kind.components}

__all__ = ["COMPONENTS", "KINDS", "Component", "Purpose", "Row", "TargetKind", "active", "component"]


def active(scenario: object) -> list[tuple[TargetKind, object]]:
    """The kinds a scenario sets, with their settings."""
    return [(kind, spec) for kind in KINDS if (spec := kind.spec(scenario)) is not None]  # type: ignore[arg-type]


def component(name: str) -> Component:
    """A target kind's constraint family, or a claim's (optimiser/claims/components.py), by name."""
    from ..claims.components import COMPONENTS as CLAIMS  # claims build on this package: imported when asked

    known = {**COMPONENTS, **{c.name: c for c in CLAIMS}}
    if name not in known:
        raise KeyError(f"target component {name!r} is declared by no target kind (known: {', '.join(known)})")
    return known[name]
