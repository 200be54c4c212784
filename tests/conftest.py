from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ["yancheng-zero-carbon", "hefei-equipment-rooftop", "chemical-fibre-national"]


@pytest.fixture(scope="session")
def shipped_runs() -> dict:
    """Each shipped scenario solved once per test session (the real solver on the real model)."""
    from optimiser import load_scenario, run_scenario

    return {name: run_scenario(load_scenario(ROOT / "scenarios" / f"{name}.yaml")) for name in SHIPPED}
