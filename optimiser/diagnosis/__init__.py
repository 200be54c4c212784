"""Why a plan is impossible: the elastic re-solve, the shortfall of each target and the levers at their limits."""

from .explain import Diagnosis, Shortfall, diagnose

__all__ = ["Diagnosis", "Shortfall", "diagnose"]
