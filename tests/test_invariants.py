"""Invariants recomputed from the results tables of every shipped scenario (not from the model)."""

from __future__ import annotations

import pytest
from conftest import SHIPPED
from invariants import CHECKS

from optimiser.claims import constrained

pytestmark = pytest.mark.slow  # every test checks the shipped runs (session fixture shipped_runs)


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__.removeprefix("check_") for c in CHECKS])
@pytest.mark.parametrize("name", SHIPPED)
def test_invariant(shipped_runs: dict, name: str, check) -> None:
    check(shipped_runs[name])


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_have_targets_to_check(shipped_runs: dict, name: str) -> None:
    run = shipped_runs[name]
    assert len(run.tables["targets"]) > 0 or constrained(run.scenario)  # targets, or claims the plan must support


def test_renewable_share_meets_target(shipped_runs: dict) -> None:
    # the plant's published renewable energy use rate, 69.61 % on the energy basis from the certification year
    # 2023 on (the zero-carbon factory claim of scenarios/yancheng-zero-carbon.yaml; source in scenarios/SOURCES.md)
    run = shipped_runs["yancheng-zero-carbon"]
    share = run.tables["renewable_share"].set_index("year")
    later = share[share.index >= 2023]
    assert len(later) == 10
    assert (later["renewable_mwh"] / later["energy_consumption_mwh"] >= 0.6961 - 1e-6).all()
