"""The README's examples are code that runs: its Python example is executed, and every `decarb` command it
shows exists with the options it uses."""

from __future__ import annotations

import re

import pandas as pd
from conftest import ROOT
from typer.testing import CliRunner

from optimiser.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_example_runs_and_gives_tables(monkeypatch) -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    monkeypatch.chdir(ROOT)
    scope: dict = {}
    exec(compile(block.group(1), "README.md", "exec"), scope)
    result = scope["result"]
    assert result.summary["net_present_cost"] > 0
    assert isinstance(result.tables["roadmap"], pd.DataFrame) and not result.tables["roadmap"].empty


def test_every_command_shown_exists_with_its_options() -> None:
    runner = CliRunner()
    shown = re.findall(r"^decarb (\w+)(.*?)(?:#|$)", README, re.M)
    assert {c for c, _ in shown} >= {"validate", "run", "report", "compare", "inventory", "schema"}
    for command, rest in shown:
        help_text = runner.invoke(app, [command, "--help"]).output
        assert "Usage" in help_text, command
        for option in re.findall(r"(--[a-z-]+)", rest):
            assert option in help_text, f"decarb {command} has no {option}"
