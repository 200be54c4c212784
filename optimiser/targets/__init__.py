"""The target-kind registry: every kind of target the model, the checks, the diagnosis and the reports know.

A kind is a module here declaring `KIND = TargetKind(...)` (see base.py); the registry finds the modules itself.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import Component, Purpose, Row, TargetKind


def _discover() -> list[TargetKind]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        kind = getattr(importlib.import_module(f"{__name__}.{info.name}"), "KIND", None)
        if isinstance(kind, TargetKind):
            found.append(kind)
    return sorted(found, key=lambda k: (k.order, k.field))


KINDS: list[TargetKind] = _discover()
COMPONENTS: dict[str, Component] = {c.name: c for kind in KINDS for c in kind.components}

__all__ = ["COMPONENTS", "KINDS", "Component", "Purpose", "Row", "TargetKind", "active", "component"]


def active(scenario: object) -> list[tuple[TargetKind, object]]:
    """The kinds a scenario sets, with their settings."""
    return [(kind, spec) for kind in KINDS if (spec := kind.spec(scenario)) is not None]  # type: ignore[arg-type]


def component(name: str) -> Component:
    if name not in COMPONENTS:
        raise KeyError(f"target component {name!r} is declared by no target kind (known: {', '.join(COMPONENTS)})")
    return COMPONENTS[name]
