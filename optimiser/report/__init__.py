"""Reports people read, built from a results folder alone (never from the model): `report.html` (plotly,
self-contained, offline) and `roadmap.xlsx`; `compare` sets several runs side by side."""

import os
from collections.abc import Callable
from pathlib import Path

from .excel import write_roadmap_xlsx
from .folder import RunFolder, load_run
from .html import write_report


def build_reports(folder: RunFolder, dispatch_year: int | None = None) -> None:
    """Write report.html and roadmap.xlsx into the run's folder; each replaces the old file only when complete, so
    `decarb report` stopped or failing halfway leaves the earlier reports as they were."""
    _replace(folder.path / "report.html", lambda p: write_report(folder, p, dispatch_year))
    _replace(folder.path / "roadmap.xlsx", lambda p: write_roadmap_xlsx(folder, p))


def _replace(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.stem}.tmp-{os.getpid()}{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


__all__ = ["RunFolder", "build_reports", "load_run", "write_report", "write_roadmap_xlsx"]
