"""Mutated real inputs (benchmarks/fuzz.py: shipped scenarios and data files, mutated at random) are accepted or
refused with a clean error, never a crash or a hang. The long run is `benchmarks/fuzz.py --minutes 15`."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT / "benchmarks"))
from fuzz import load_and_prepare, run_case, workspace


@pytest.fixture(scope="module")
def work():
    folder = workspace()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _load_only(path: Path) -> None:
    from optimiser.scenario.load import load_scenario

    load_scenario(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
def test_the_loader_accepts_or_refuses_every_mutant(work: Path, seed: int) -> None:
    outcome, detail = run_case(random.Random(seed), work, _load_only, budget_s=10.0)
    assert outcome in ("ok", "refused"), detail


@pytest.mark.slow  # the data stage clusters representative days for every mutant that loads
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
def test_the_data_stage_accepts_or_refuses_every_mutant(work: Path, seed: int) -> None:
    outcome, detail = run_case(random.Random(seed), work, load_and_prepare, budget_s=20.0)
    assert outcome in ("ok", "refused"), detail
