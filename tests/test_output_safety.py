"""Where results go is checked before anything is solved, and a write that fails after the solve keeps the solved
tables and says where (issue 11, output safety)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from helpers import tiny
from typer.testing import CliRunner

import optimiser.results.write as write
from optimiser.cli import app

runner = CliRunner()


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(tiny()))
    return path


def test_an_out_that_is_a_file_is_refused_before_solving(scenario: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me")
    out = runner.invoke(app, ["run", str(scenario), "--out", str(target / "run")])
    assert out.exit_code == 1 and "is a file, not a folder" in out.output
    assert "solving" not in out.output  # refused before the first solve
    assert target.read_text() == "keep me"


def test_an_existing_out_is_refused_before_solving_not_after(scenario: Path, tmp_path: Path) -> None:
    target = tmp_path / "run"
    target.mkdir()
    out = runner.invoke(app, ["run", str(scenario), "--out", str(target)])
    assert out.exit_code == 1 and "already exists" in out.output and "solving" not in out.output


def test_too_little_free_space_is_refused_before_solving(scenario: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(10**9, 10**9 - 10**6, 10**6))
    out = runner.invoke(app, ["run", str(scenario), "--out", str(tmp_path / "run")])
    assert out.exit_code == 1 and "only 1 MB free" in out.output and "solving" not in out.output


def test_a_write_failing_after_the_solve_keeps_the_tables_and_says_where(
    scenario: Path, tmp_path: Path, monkeypatch
) -> None:
    spare = tmp_path / "spare"
    spare.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spare))
    real = write.write_csv
    target = tmp_path / "run"

    def disk_full_in_target(frame: pd.DataFrame, path: Path) -> None:
        if str(target.name) in path.parent.name:  # the run's own (temporary) folder fills up
            raise OSError(28, "No space left on device", str(path))
        real(frame, path)

    monkeypatch.setattr(write, "write_csv", disk_full_in_target)
    out = runner.invoke(app, ["run", str(scenario), "--out", str(target), "--validate", "none", "--quiet"])
    assert out.exit_code == 1 and "No space left on device" in out.output
    kept = next((spare / "decarb-recovered" / "tiny").iterdir())
    assert f"kept in {kept}" in out.output
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    # the solved plan, whole: the same tables a run that could write gives
    monkeypatch.setattr(write, "write_csv", real)
    normal = tmp_path / "normal"
    assert (
        runner.invoke(app, ["run", str(scenario), "--out", str(normal), "--validate", "none", "--quiet"]).exit_code == 0
    )
    for name in ("roadmap.csv", "emissions.csv", "costs.csv", "dispatch.csv"):
        assert (kept / name).read_bytes() == (normal / name).read_bytes(), name
