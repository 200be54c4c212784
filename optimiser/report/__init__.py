"""Reports people read, built from a results folder alone (never from the model): `report.html` (plotly,
self-contained, offline) and `roadmap.xlsx`; `compare` sets several runs side by side."""

from .excel import write_roadmap_xlsx
from .folder import RunFolder, load_run
from .html import write_report


def build_reports(folder: RunFolder, dispatch_year: int | None = None) -> None:
    """Write report.html and roadmap.xlsx into the run's folder."""
    write_report(folder, folder.path / "report.html", dispatch_year)
    write_roadmap_xlsx(folder, folder.path / "roadmap.xlsx")


__all__ = ["RunFolder", "build_reports", "load_run", "write_report", "write_roadmap_xlsx"]
