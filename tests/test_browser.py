"""Every generated page opened in headless Chromium with the network cut off: each figure drawn, no console
errors, no request leaving the machine; a screenshot of each is kept in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import render
from conftest import REPORT_FIGURES, ROOT, SHIPPED, report_figures

pytestmark = pytest.mark.slow  # every test opens the shipped reports or the comparison (session fixtures)

ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("name", SHIPPED)
def test_report_renders_offline_in_chromium(shipped_folders: dict, name: str) -> None:
    shot = ARTIFACTS / f"report-{name}.png"
    result = render(shipped_folders[name] / "report.html", shot)
    assert result.figures == len(report_figures(name))
    assert result.drawn == result.figures, f"{result.figures - result.drawn} figure(s) not drawn"
    assert result.errors == []
    assert result.outside_requests == []
    assert shot.stat().st_size > 50_000  # a blank page at this viewport is ~6 KB; the reports are 0.7-1.5 MB


def test_comparison_renders_offline_in_chromium(comparison: Path) -> None:
    shot = ARTIFACTS / "compare-chemical-fibre.png"
    result = render(comparison / "compare.html", shot)
    # three charts: the pathways, then cost and cumulative emissions side by side (optimiser/report/compare.py)
    assert (result.figures, result.drawn, result.errors, result.outside_requests) == (3, 3, [], [])
    assert shot.stat().st_size > 20_000  # a blank page at this viewport is ~6 KB; this one is ~340 KB


def test_the_check_catches_a_broken_page(tmp_path: Path, shipped_folders: dict) -> None:
    # the same checks on a page that is broken three ways must fail three ways
    good = (shipped_folders["hefei-equipment-rooftop"] / "report.html").read_text(encoding="utf-8")
    broken = good.replace(
        "</main>",
        '<div id="bad" class="plotly-graph-div"></div>'
        '<script>Plotly.newPlot("bad", "not a list of traces"); undefined_function();</script>'
        '<img src="https://example.com/tracker.png"></main>',
    )
    page = tmp_path / "broken.html"
    page.write_text(broken, encoding="utf-8")
    result = render(page, tmp_path / "broken.png", timeout_s=3)
    assert result.figures == len(REPORT_FIGURES) + 1 and result.drawn < result.figures  # the report's and the bad one
    assert any("undefined_function" in e for e in result.errors)
    assert result.outside_requests == ["https://example.com/tracker.png"]
