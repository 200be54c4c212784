"""`decarb compare`: the chemical-fibre company with neutrality in 2060 (national), in 2050, and without
offsets; results of a run are reused, scenarios without results are solved."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # every test uses the comparison runs (session fixture comparison)

FIBRE = ROOT / "scenarios"
NAMES = ["chemical-fibre-national", "chemical-fibre-neutral-2050", "chemical-fibre-no-offsets"]


def test_key_figures_side_by_side(comparison) -> None:
    key = pd.read_csv(comparison / "key_figures.csv").set_index("figure")
    # the neutrality years the scenario files set: 2060 (national, and no-offsets extends it), 2050
    assert key.loc["First year of net zero", NAMES].astype(float).tolist() == [2060, 2050, 2060]
    assert float(key.loc["Offsets bought in total", "chemical-fibre-no-offsets"]) == 0.0
    cost = key.loc["Cost of the targets (plan - economics only)", NAMES].astype(float)
    # tighter targets never cost less (same company, same levers)
    assert cost["chemical-fibre-national"] <= cost["chemical-fibre-neutral-2050"] + 1.0
    assert cost["chemical-fibre-national"] <= cost["chemical-fibre-no-offsets"] + 1.0


def test_decisions_that_differ_match_the_roadmaps(comparison) -> None:
    differ = pd.read_csv(comparison / "decisions_differ.csv")
    assert list(differ.columns[:4]) == ["site", "action", "unit", "year"]
    # the 2050 run retires offsets in 2050; the national run does not
    row = differ.query("action == 'retire ccer' and year == 2050")
    assert len(row) == 1
    assert row["chemical-fibre-neutral-2050"].iloc[0] > 0 and row["chemical-fibre-national"].iloc[0] == 0
    # independently: a decision one run takes and another does not must be listed
    national = comparison_roadmap(comparison, "chemical-fibre-national")
    no_offsets = comparison_roadmap(comparison, "chemical-fibre-no-offsets")
    key = ["site", "action", "year"]
    only_one = set(map(tuple, national[key].values)) ^ set(map(tuple, no_offsets[key].values))
    listed = set(map(tuple, differ[key].values))
    assert only_one <= listed


def comparison_roadmap(comparison, name: str) -> pd.DataFrame:
    folder = pd.read_csv(comparison / "runs.csv").set_index("run").loc[name, "folder"]
    return pd.read_csv(f"{folder}/roadmap.csv")


def test_second_compare_reuses_results(comparison, compare_again) -> None:
    assert "no results yet" not in compare_again.stderr
    assert compare_again.exit_code == 0


@pytest.fixture(scope="module")
def compare_again(comparison, comparison_env):
    runner, app, workdir = comparison_env
    return runner.invoke(
        app, ["compare", *[str(FIBRE / f"{n}.yaml") for n in NAMES[1:]], "--out", str(workdir / "again")]
    )
