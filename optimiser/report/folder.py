"""A results folder read back: summary (validated), manifest (with the resolved scenario) and the CSV tables."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from ..errors import DecarbError
from ..levers import all_shown, cost_groups, lever_tables
from ..results.summary import RunSummary
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
    "validation",
    "validation_targets",
    "intensity",
    "claims",
    "references",
)


@dataclass
class RunFolder:
    """A results folder read back by `load_run`: its path, summary.json (a `RunSummary`, validated), manifest.json
    (a dict) and the CSV tables by name (pandas DataFrames)."""

    path: Path
    summary: RunSummary
    manifest: dict[str, Any]
    tables: dict[str, pd.DataFrame]

    @cached_property
    def scenario(self) -> Scenario:
        """The resolved scenario the run solved (from the manifest)."""
        return Scenario.model_validate(self.manifest["scenario"])

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.summary.scenario

    @property
    def currency(self) -> str:
        """The currency of every amount in the tables."""
        return self.summary.currency

    @property
    def basis(self) -> str:
        """The Scope 2 basis of the targets: "location" or "market"."""
        return self.summary.targets_basis

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


def _summary(file: Path, content: Any) -> RunSummary:
    """summary.json as this version writes it; a missing field, a wrong type or an unknown key is a clean error
    naming the file and each field."""
    try:
        return RunSummary.model_validate(content)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, err['loc'])) or '<top>'}: {err['msg']}"
            + (f" (found {err['input']!r})" if _shown(err["type"], err["input"]) else "")
            for err in exc.errors()
        )
        raise DecarbError(
            f"{file}: not a summary this version of decarb writes: {problems} (a folder from another decarb "
            "version? run the scenario again)"
        ) from None


def _shown(kind: str, found: Any) -> bool:
    """Whether an error quotes what it found: a wrong value does, a missing field or a whole object does not."""
    return kind not in ("missing", "extra_forbidden") and not isinstance(found, dict | list)


def load_run(path: Path) -> RunFolder:
    """Read a results folder written by `decarb run`; a missing or unreadable file is a clean error."""
    path = Path(path)
    if not path.is_dir():
        raise DecarbError(f"{path}: not a results folder (no such directory)")
    try:
        summary_json = json.loads((path / "summary.json").read_text())
        manifest = json.loads((path / "manifest.json").read_text())
        names = [*TABLES, *(t.name for t in lever_tables())]
        tables = {name: pd.read_csv(path / f"{name}.csv") for name in names}
    except FileNotFoundError as exc:
        raise DecarbError(f"{path}: not a complete results folder: {Path(exc.filename).name} is missing") from None
    except (json.JSONDecodeError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DecarbError(f"{path}: a results file cannot be read: {exc}") from None
    summary = _summary(path / "summary.json", summary_json)
    _known_keys(path, tables)
    folder = RunFolder(path, summary, manifest, tables)
    try:
        folder.scenario  # noqa: B018 - validate now, so a broken manifest fails here and not mid-report
    except (KeyError, ValidationError) as exc:
        raise DecarbError(f"{path / 'manifest.json'}: the resolved scenario is missing or invalid: {exc}") from None
    return folder
