"""Coherence across fields that only warns (the run still means something), and the all-zero retrofit shape."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from optimiser.cli import app
from optimiser.data import build_model_data
from optimiser.errors import ScenarioError
from optimiser.scenario.load import validate_raw

BAD = Path(__file__).parent / "bad_inputs"


def base() -> dict[str, Any]:
    raw = yaml.safe_load((BAD / "05-unknown-top-key.yaml").read_text(encoding="utf-8"))
    raw["discount_rate"] = raw.pop("discount_rat")
    return dict(raw)


def test_year_maps_outside_the_horizon_warn_but_validate(tmp_path: Path) -> None:
    raw = copy.deepcopy(base())
    site = raw["sites"][0]
    site["pv"]["capex_per_kw"] = {2010: 5000, 2015: 3000}  # only the last value counts: a warning
    site["storage"]["capex_per_kwh"] = {2035: 900, 2040: 700}  # renewals in the terminal years use it: fine
    raw["offsets"] = []
    raw["targets"] = {"offsets": {"max_share_of_base": 0.1}}
    sc = validate_raw(raw, tmp_path / "s.yaml")
    warnings = sc.warnings()
    assert any(w.startswith("sites[0].pv.capex_per_kw: every year [2010, 2015] is before 2025") for w in warnings)
    assert not any("storage" in w for w in warnings)
    assert any(w.startswith("targets.offsets: a cap on offsets") for w in warnings)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "warning: sites[0].pv.capex_per_kw" in result.output and "valid" in result.output


def test_capex_step_after_the_terminal_years_is_refused(tmp_path: Path) -> None:
    raw = copy.deepcopy(base())
    raw["terminal_years"] = 5
    raw["sites"][0]["storage"]["capex_per_kwh"] = {2036: 900, 2040: 700}
    with pytest.raises(ScenarioError, match=r"capex_per_kwh: the path changes only from 2036.*terminal_years 5"):
        validate_raw(raw, tmp_path / "s.yaml")


def test_all_zero_retrofit_shape_is_refused(tmp_path: Path) -> None:
    raw = copy.deepcopy(base())
    raw["sites"][0]["retrofits"][0]["profile"] = str(BAD / "data" / "coh-zeros.csv")
    sc = validate_raw(raw, tmp_path / "s.yaml")
    with pytest.raises(ScenarioError, match=r"retrofits\[0\]\.profile: expected the hourly shape of 'led'.*only zeros"):
        build_model_data(sc)


def test_shipped_scenarios_raise_no_coherence_warning() -> None:
    from optimiser.scenario import load_scenario

    for path in sorted((Path(__file__).parents[1] / "scenarios").glob("*.yaml")):
        assert load_scenario(path).warnings() == [], path.name


def test_a_smallest_build_beyond_the_limit_only_warns(tmp_path: Path) -> None:
    """PV or storage that can never be built still leaves a meaningful run (see test_levers): a warning."""
    raw = copy.deepcopy(base())
    raw["sites"][0]["pv"]["min_build_kw"] = 5000
    raw["sites"][0]["storage"].update(min_build_kwh=6000, max_energy_kwh=5000)
    warnings = validate_raw(raw, tmp_path / "s.yaml").warnings()
    assert any(
        w.startswith("sites[0].pv.min_build_kw: the smallest build, 5,000 kWp, needs 27,500 m2") for w in warnings
    )
    assert any(w.startswith("sites[0].storage.min_build_kwh: the smallest build, 6,000 kWh") for w in warnings)
