"""Reading solved variable values: small helpers shared by the table builders."""

from __future__ import annotations

import numpy as np
import pyomo.environ as pyo


def val(var: pyo.Var) -> float:
    """The solved value, with solver noise below 1e-9 (and unset values) read as zero."""
    x = var.value
    return 0.0 if x is None or abs(x) < 1e-9 else float(x)


def hourly(var: pyo.Var, y: int, n_days: int) -> np.ndarray:
    """An hourly variable indexed [year, day, hour] as a [days, 24] array for one year."""
    return np.array([[val(var[y, d, h]) for h in range(24)] for d in range(n_days)])


def site_hourly(var: pyo.Var, site: str, y: int, n_days: int) -> np.ndarray:
    """An hourly variable indexed [site, year, day, hour] as a [days, 24] array; zeros where it does not exist."""
    return np.array(
        [[val(var[site, y, d, h]) if (site, y, d, h) in var else 0.0 for h in range(24)] for d in range(n_days)]
    )
