"""The shipped scenarios solve and their key figures match stored values (tests/expected/key_figures.json).

Regenerate after a deliberate model change with `python tests/expected/update.py`, and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHIPPED

pytestmark = pytest.mark.slow  # every test checks the shipped runs (session fixture shipped_runs)

EXPECTED = json.loads((Path(__file__).parent / "expected" / "key_figures.json").read_text())
KEYS = ["net_present_cost", "net_present_cost_bau", "net_present_cost_economics", "base_year_t"]


@pytest.mark.parametrize("name", SHIPPED)
def test_key_figures(shipped_runs: dict, name: str) -> None:
    summary = shipped_runs[name].summary
    stored = EXPECTED[name]
    assert summary.status == "optimal"
    for key in KEYS:  # MIP gap 1e-4: objective values agree to that
        assert getattr(summary, key) == pytest.approx(stored[key], rel=2e-4), key
    assert summary.peak_year == stored["peak_year"]
    assert summary.first_net_zero_year == stored["first_net_zero_year"]


def test_flagship_reaches_zero_carbon_factory_figures(shipped_runs: dict) -> None:
    s = shipped_runs["yancheng-zero-carbon"].summary
    assert s.first_net_zero_year == 2027  # the scenario's neutrality year (targets.neutrality.year)
    # base year by hand: 120,000 MWh x 0.530 t/MWh + 18,000 MWh gas x 0.2 t/MWh
    assert s.base_year_t == pytest.approx(120000 * 0.530 + 18000 * 0.2, rel=1e-9)
    assert s.cost_of_targets >= 0
