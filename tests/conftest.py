from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ["yancheng-zero-carbon", "hefei-equipment-rooftop", "chemical-fibre-national"]


@pytest.fixture(scope="session")
def shipped_runs() -> dict:
    """Each shipped scenario solved once per test session (the real solver on the real model); `_progress`
    holds the progress callbacks HiGHS made for each."""
    from optimiser import load_scenario, run_scenario

    runs: dict = {"_progress": {}}
    for name in SHIPPED:
        calls: list[tuple[float, float | None]] = runs["_progress"].setdefault(name, [])
        runs[name] = run_scenario(
            load_scenario(ROOT / "scenarios" / f"{name}.yaml"), progress=lambda t, g, c=calls: c.append((t, g))
        )
    return runs
