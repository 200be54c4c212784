"""Write a results folder atomically: everything goes to a hidden temporary folder that is renamed when
complete, so an interrupted run leaves nothing that looks like a result, and no run overwrites another."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import DecarbError
from ..scenario.schema import Scenario

if TYPE_CHECKING:
    from ..run import RunResult

PACKAGES = ("decarb", "pyomo", "highspy", "pandas", "numpy", "pydantic", "tsam", "pvlib", "plotly")


def scenario_digest(scenario: Scenario) -> str:
    """sha256 of the resolved scenario: equal digests, equal inputs."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def default_run_dir(scenario: Scenario, root: Path, suffix: str = "") -> Path:
    """`root/<name>/<time>-<hash8><suffix>`, numbered when two runs start in the same second."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = root / scenario.name / f"{stamp}-{scenario_digest(scenario)[:8]}{suffix}"
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def write_results(
    result: RunResult,
    target: Path,
    options: dict[str, Any],
    force: bool = False,
    finish: Callable[[Path], None] | None = None,
) -> Path:
    """Tables, summary and manifest; then `finish(folder)` (e.g. the reports, built from those files alone)
    runs on the complete temporary folder, before the rename, so a failure there leaves nothing either."""

    def fill(tmp: Path) -> None:
        for name, frame in result.tables.items():
            write_csv(frame, tmp / f"{name}.csv")
        write_json(tmp / "summary.json", result.summary.model_dump(mode="json"))
        write_json(tmp / "manifest.json", manifest(result.scenario, options, result.timings_s))
        if finish is not None:
            finish(tmp)

    return atomic_folder(target, fill, force)


def atomic_folder(target: Path, fill: Callable[[Path], None], force: bool = False) -> Path:
    """Create `target` by filling a hidden temporary sibling and renaming it: all or nothing."""
    if target.exists() and not force:
        raise DecarbError(f"{target} already exists; choose another --out or pass --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent))
    try:
        fill(tmp)
        if target.exists():  # --force: move the old folder aside first, so no moment leaves neither
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.replace(target, old / target.name)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def remove_stale_temporaries(folder: Path) -> None:
    """A run killed while writing (SIGKILL, power cut) leaves its hidden temporary folder; the next write
    in the same place removes those whose process is gone. Nothing else is ever touched."""
    for tmp in folder.glob(".*.tmp-*-*"):
        pid = tmp.name.rsplit(".tmp-", 1)[1].split("-", 1)[0]
        if tmp.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Rounded to 6 decimals so that the same run gives byte-identical files."""
    out = frame.copy()
    for col in out.select_dtypes(include="float").columns:
        out[col] = out[col].round(6) + 0.0  # + 0.0 turns -0.0 into 0.0
    out.to_csv(path, index=False, lineterminator="\n")


def write_json(path: Path, content: Any) -> None:
    path.write_text(json.dumps(content, indent=2, default=_json_default))


def manifest(scenario: Scenario, options: dict[str, Any], timings_s: dict[str, float]) -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for pkg in PACKAGES:
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {
        "scenario_hash": scenario_digest(scenario),
        "scenario": scenario.model_dump(mode="json"),
        "options": options,
        "versions": {"python": platform.python_version(), **versions},
        "timings_s": timings_s,
        "created": datetime.now().isoformat(timespec="seconds"),
    }


def _json_default(obj: Any) -> Any:
    if hasattr(obj, "item"):
        return obj.item()
    return str(obj)
