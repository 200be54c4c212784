"""Runs as the command line does them: solve a scenario and write its results folder with its reports;
find or make the results of each input of a comparison."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from .diagnosis import Diagnosis
from .errors import DecarbError, InfeasibleError
from .report import build_reports, load_run
from .results.write import (
    atomic_folder,
    default_run_dir,
    manifest,
    scenario_digest,
    write_csv,
    write_json,
    write_results,
)
from .run import RunResult, run_scenario
from .scenario.load import load_scenario
from .scenario.schema import Scenario
from .solve import Progress, SolveOptions
from .validation.check import Which

RESULTS_ROOT = Path("results")


@dataclass
class Hooks:
    """What the caller wants to see while a run works (the CLI's progress line); all optional."""

    progress: Progress | None = None
    on_stage: Callable[[str], None] | None = None


def run_options(scenario_file: Path, overrides: list[str] | None, options: SolveOptions) -> dict[str, object]:
    return {
        "scenario_file": str(scenario_file),
        "set": overrides or [],
        "time_limit_s": options.time_limit_s,
        "mip_rel_gap": options.mip_rel_gap,
        "threads": options.threads,
        "method": options.method,
        "seed": options.seed,
    }


def solve_and_write(
    scenario_file: Path,
    overrides: list[str] | None,
    options: SolveOptions,
    out: Path | None = None,
    force: bool = False,
    hooks: Hooks | None = None,
    root: Path = RESULTS_ROOT,
    validate_years: Which = "targets",
) -> tuple[RunResult, Path]:
    hooks = hooks or Hooks()
    started = time.time()  # --force replaces only folders written before this (never a concurrent run's)
    scenario = load_scenario(scenario_file, overrides)
    options_used = {**run_options(scenario_file, overrides, options), "validate": validate_years}
    check_writable(out if out is not None else root / scenario.name, force, must_be_new=out is not None)
    try:
        result = run_scenario(scenario, options, hooks.progress, hooks.on_stage, validate_years)
    except InfeasibleError as exc:
        if not isinstance(exc.diagnosis, Diagnosis):
            raise
        target = out or default_run_dir(scenario, root, "-infeasible")
        folder = write_diagnosis(exc.diagnosis, scenario, options_used, target, force, out is None, started)
        raise InfeasibleError(f"{exc}\ndiagnosis written to {folder}", exc.diagnosis) from None
    if hooks.on_stage:
        hooks.on_stage("writing results and reports")
    target = out or default_run_dir(scenario, root)
    try:
        folder = write_results(
            result, target, options_used, force, lambda p: build_reports(load_run(p)), out is None, started
        )
    except OSError as exc:  # the disk filled up or the folder went away while solving: keep the solve
        raise DecarbError(_recovered(result, options_used, exc, target)) from None
    return result, folder


MIN_FREE_BYTES = 50 * 2**20  # a results folder with reports is 1-20 MB; less free space than this fails later


def check_writable(target: Path, force: bool, must_be_new: bool) -> None:
    """Before solving: the results can be written where they are asked to go (a folder, writable, with space)."""
    if must_be_new and target.exists() and not force:
        raise DecarbError(f"{target} already exists; choose another --out or pass --force to replace it")
    if target.exists() and not target.is_dir():
        raise DecarbError(f"{target} is a file, not a folder; choose another --out")
    parent = target if target.is_dir() else target.parent
    while not parent.exists():  # the nearest existing ancestor is where the folders will be created
        if parent.parent == parent:
            break
        parent = parent.parent
    if not parent.is_dir():
        raise DecarbError(f"{target}: {parent} is a file, not a folder; choose another --out")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DecarbError(f"{target}: no permission to write in {parent}; choose another --out")
    free = shutil.disk_usage(parent).free
    if free < MIN_FREE_BYTES:
        raise DecarbError(f"{target}: only {free / 2**20:,.0f} MB free in {parent}; at least 50 MB are needed")


def _recovered(result: RunResult, options: dict[str, object], exc: OSError, target: Path) -> str:
    """Where the solved tables went when the results folder could not be written (the reports are left out)."""
    what = f"{exc.filename}: " if exc.filename else ""
    lost = f"the run solved but {target} could not be written ({what}{exc.strerror or exc})"
    spare = Path(tempfile.gettempdir()) / "decarb-recovered"
    try:
        folder = write_results(result, default_run_dir(result.scenario, spare), options, numbered=True)
    except OSError as again:
        return f"{lost}; saving the tables to {spare} failed too ({again.strerror or again}): nothing was kept"
    return f"{lost}; the tables are kept in {folder} (rebuild the reports with `decarb report {folder}`)"


def write_diagnosis(
    diagnosis: Diagnosis,
    scenario: Scenario,
    options: dict[str, object],
    target: Path,
    force: bool,
    numbered: bool = False,
    started: float | None = None,
) -> Path:
    """An impossible plan's folder: the diagnosis (text, JSON, CSV) and the manifest; no result tables."""

    def fill(tmp: Path) -> None:
        (tmp / "diagnosis.txt").write_text("\n".join(diagnosis.lines) + "\n", encoding="utf-8")
        write_json(tmp / "diagnosis.json", diagnosis.to_dict())
        rows = [(s.target, s.index, s.year, s.amount, s.unit, "; ".join(s.reasons)) for s in diagnosis.shortfalls]
        columns = ["target", "index", "year", "shortfall", "unit", "levers_at_limits"]
        write_csv(pd.DataFrame(rows, columns=columns), tmp / "shortfalls.csv")
        write_json(tmp / "manifest.json", manifest(scenario, options, {}))

    return atomic_folder(target, fill, force, numbered, started)


def existing_run(scenario: Scenario, root: Path = RESULTS_ROOT) -> Path | None:
    """The newest complete results folder of exactly this scenario (same resolved-scenario hash) written by
    this version of decarb, if any; anything else is solved again rather than trusted."""
    digest = scenario_digest(scenario)
    found = []
    for manifest_file in (root / scenario.name).glob("*/manifest.json"):
        if manifest_file.parent.name.startswith("."):
            continue  # a temporary folder of a run in progress or killed
        try:
            manifest = json.loads(manifest_file.read_text())
            written_by = manifest.get("versions", {}).get("decarb")
            if manifest.get("scenario_hash") != digest or written_by != version("decarb"):
                continue
            load_run(manifest_file.parent)
        except (OSError, json.JSONDecodeError, DecarbError):
            continue
        found.append(manifest_file.parent)
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def comparison_inputs(
    inputs: list[Path], options: SolveOptions, hooks: Hooks | None = None, root: Path = RESULTS_ROOT
) -> list[Path]:
    """Results folders for each input: a folder as given; a scenario file's latest matching run, or a new one."""
    folders = []
    for item in inputs:
        if item.is_dir():
            folders.append(item)
        elif item.suffix in (".yaml", ".yml"):
            scenario = load_scenario(item)
            folder = existing_run(scenario, root)
            if folder is None:
                if hooks and hooks.on_stage:
                    hooks.on_stage(f"{scenario.name}: no results yet, solving")
                _, folder = solve_and_write(item, None, options, hooks=hooks, root=root)
            folders.append(folder)
        else:
            raise DecarbError(f"{item}: expected a scenario file (.yaml) or a results folder")
    return folders
