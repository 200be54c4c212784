"""Scenario files: schema, loading and year paths."""

from .load import load_scenario
from .schema import Scenario
from .trajectory import at

__all__ = ["Scenario", "at", "load_scenario"]
