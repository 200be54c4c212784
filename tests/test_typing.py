"""mypy finds no error in optimiser/ with the project's configuration ([tool.mypy] in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # run from the project root so that `files = ["optimiser"]` in the configuration is what gets checked, exactly
    # as `.venv/bin/mypy` does there; a fresh cache keeps the result independent of earlier runs
    monkeypatch.chdir(ROOT)
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path)])
    assert status == 0, f"mypy found errors (exit status {status}):\n{stdout}{stderr}"
    assert stdout.startswith("Success: no issues found"), stdout
