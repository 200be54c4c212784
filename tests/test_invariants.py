"""Invariants recomputed from the results tables of every shipped scenario (not from the model)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SHIPPED
from invariants import CHECKS


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__.removeprefix("check_") for c in CHECKS])
@pytest.mark.parametrize("name", SHIPPED)
def test_invariant(shipped_runs: dict, name: str, check) -> None:
    check(shipped_runs[name])


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_have_targets_to_check(shipped_runs: dict, name: str) -> None:
    assert len(shipped_runs[name].tables["targets"]) > 0


def test_renewable_share_meets_target(shipped_runs: dict) -> None:
    run = shipped_runs["yancheng-zero-carbon"]
    share = run.tables["renewable_share"].set_index("year")["renewable_share"]
    assert (share[share.index >= 2027] >= 0.6961 - 1e-6).all()
    assert isinstance(share, pd.Series)
