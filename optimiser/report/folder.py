"""A results folder read back: summary, manifest (with the resolved scenario) and the CSV tables."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from ..errors import DecarbError
from ..levers import all_shown, cost_groups
from ..scenario.schema import Scenario

TABLES = (
    "roadmap",
    "emissions",
    "pathway",
    "costs",
    "capacity",
    "dispatch",
    "heat_dispatch",
    "targets",
    "renewable_share",
    "abatement",
    "carbon_price",
    "activity",
    "capex",
    "storage",
    "validation",
    "validation_targets",
)


@dataclass
class RunFolder:
    """A results folder read back by `load_run`: its path, summary.json and manifest.json (as dicts) and the CSV
    tables by name (pandas DataFrames)."""

    path: Path
    summary: dict[str, Any]
    manifest: dict[str, Any]
    tables: dict[str, pd.DataFrame]

    @cached_property
    def scenario(self) -> Scenario:
        """The resolved scenario the run solved (from the manifest)."""
        return Scenario.model_validate(self.manifest["scenario"])

    @property
    def name(self) -> str:
        """The scenario's name."""
        return str(self.summary["scenario"])

    @property
    def currency(self) -> str:
        """The currency of every amount in the tables."""
        return str(self.summary["currency"])

    @property
    def basis(self) -> str:
        """The Scope 2 basis of the targets: "location" or "market"."""
        return str(self.summary["targets_basis"])

    def case(self, table: str, case: str = "plan") -> pd.DataFrame:
        """The rows of a stacked table (pathway, costs, emissions, activity) for one case ("bau", "economics",
        "plan"), without the `case` column."""
        frame = self.tables[table]
        return frame[frame["case"] == case].drop(columns="case")


def _known_keys(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Every lever key and cost category in the folder is one this version declares: a folder written by another
    version (or edited by hand) is refused here, not halfway through a chart."""
    known, groups = all_shown(), cost_groups()
    for table, column, allowed in (
        ("roadmap", "lever", known),
        ("activity", "lever", known),
        ("abatement", "lever", known),
        ("costs", "category", groups),
    ):
        unknown = sorted(set(tables[table][column].dropna().astype(str)) - set(allowed))
        if unknown:
            raise DecarbError(
                f"{path / (table + '.csv')}: {column}: expected one of {', '.join(sorted(allowed))}, found "
                f"{', '.join(repr(u) for u in unknown)} (a folder from another decarb version? run the scenario again)"
            )


def load_run(path: Path) -> RunFolder:
    """Read a results folder written by `decarb run`; a missing or unreadable file is a clean error."""
    path = Path(path)
    if not path.is_dir():
        raise DecarbError(f"{path}: not a results folder (no such directory)")
    try:
        summary = json.loads((path / "summary.json").read_text())
        manifest = json.loads((path / "manifest.json").read_text())
        tables = {name: pd.read_csv(path / f"{name}.csv") for name in TABLES}
    except FileNotFoundError as exc:
        raise DecarbError(f"{path}: not a complete results folder: {Path(exc.filename).name} is missing") from None
    except (json.JSONDecodeError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DecarbError(f"{path}: a results file cannot be read: {exc}") from None
    _known_keys(path, tables)
    folder = RunFolder(path, summary, manifest, tables)
    try:
        folder.scenario  # noqa: B018 - validate now, so a broken manifest fails here and not mid-report
    except (KeyError, ValidationError) as exc:
        raise DecarbError(f"{path / 'manifest.json'}: the resolved scenario is missing or invalid: {exc}") from None
    return folder
