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
    """`root/<name>/<time>-<hash8><suffix>`. Two runs in the same second get the same name here; the writer then
    numbers the second one (`-2`, `-3`, ...) when it claims the name (see `atomic_folder`), so ids never collide."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return root / scenario.name / f"{stamp}-{scenario_digest(scenario)[:8]}{suffix}"


def write_results(
    result: RunResult,
    target: Path,
    options: dict[str, Any],
    force: bool = False,
    finish: Callable[[Path], None] | None = None,
    numbered: bool = False,
    started: float | None = None,
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

    return atomic_folder(target, fill, force, numbered, started)


RESULT_MARKERS = ("manifest.json", "compare.html")  # a folder holding one of these was written by decarb


def atomic_folder(
    target: Path,
    fill: Callable[[Path], None],
    force: bool = False,
    numbered: bool = False,
    started: float | None = None,
) -> Path:
    """Create `target` by filling a hidden temporary sibling and renaming it: all or nothing, and never over
    anything this run did not replace on purpose.

    The rename claims the name: it fails when a folder with content is there, so two runs that picked the same
    name (the same second, the same scenario) cannot overwrite each other. A `numbered` target (a default run id)
    then takes the next free `-2`, `-3`, ...; an explicit one keeps the solved results beside it under such a name
    and says so. `force` replaces only an earlier decarb results folder: one with a manifest, last written before
    this run `started` (time.time()); a folder a concurrent run wrote meanwhile, or any other folder, is kept."""
    if target.exists() and not force:
        raise DecarbError(f"{target} already exists; choose another --out or pass --force to replace it")
    if force and target.exists():
        _may_replace(target, started)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent))
    os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; a results folder follows the user's umask
    try:
        fill(tmp)
        if force and target.exists():  # move the old folder aside first, so no moment leaves neither
            _may_replace(target, started)
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.rename(target, old / target.name)
            _claim(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
            return target
        return _claim_free(tmp, target, numbered)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _claim(tmp: Path, target: Path) -> None:
    """Rename `tmp` to `target`; fails (FileExistsError) when `target` holds anything."""
    try:
        os.rename(tmp, target)
    except OSError as exc:
        if target.exists():
            raise FileExistsError(str(target)) from exc
        raise


def _claim_free(tmp: Path, target: Path, numbered: bool) -> Path:
    """`target`, or when a concurrent run took it, the next free `<target>-N`."""
    for n in range(1, 1000):
        candidate = target if n == 1 else target.with_name(f"{target.name}-{n}")
        try:
            _claim(tmp, candidate)
        except FileExistsError:
            continue
        if candidate != target and not numbered:
            raise DecarbError(
                f"{target} was written by another run while this one solved; this run's results are kept in {candidate}"
            )
        return candidate
    raise DecarbError(f"{target}: no free name (-2 to -999 are taken)")


def _may_replace(target: Path, started: float | None) -> None:
    if not target.is_dir() or not any((target / m).exists() for m in RESULT_MARKERS):
        raise DecarbError(
            f"{target} is not a decarb results folder (no manifest.json or compare.html); --force replaces only "
            "results: choose another --out"
        )
    if started is not None and target.stat().st_mtime >= started:
        raise DecarbError(
            f"{target} was written by another run after this one started; --force does not replace a concurrent "
            "run's results: choose another --out"
        )


def write_new_csv(frame: pd.DataFrame, target: Path, numbered: bool, force: bool) -> Path:
    """Write a CSV that never destroys an earlier one: complete under a temporary name, then linked to `target`
    (a hard link fails when the name exists, so two runs never take one name); when `target` exists, the next free
    `<stem>-N.csv` if `numbered`, else an error unless `force` (which replaces it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a result follows the user's umask
        write_csv(frame, tmp)
        if force:
            tmp.replace(target)
            return target
        for n in range(1, 1000):
            candidate = target if n == 1 else target.with_name(f"{target.stem}-{n}{target.suffix}")
            try:
                os.link(tmp, candidate)
                return candidate
            except FileExistsError:
                if not numbered:
                    raise DecarbError(f"{target} exists; --force replaces it, or choose another --out") from None
        raise DecarbError(f"{target}: no free name (-2 to -999 are taken)")
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
