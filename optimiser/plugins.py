"""Finding plug-ins: every module of a package that declares a value of a given type under a given name (levers
declare `LEVER`, target kinds `KIND`)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def discover(package: str, path: Iterable[str], attribute: str, kind: type[T]) -> list[T]:
    """The `attribute` of each module in `package` (its `__name__` and `__path__`) that is a `kind`."""
    found = []
    for info in pkgutil.iter_modules(path):
        value = getattr(importlib.import_module(f"{package}.{info.name}"), attribute, None)
        if isinstance(value, kind):
            found.append(value)
    return found
