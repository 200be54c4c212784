"""Every generated page opened in headless Chromium with the network cut off: each figure drawn, no console
errors, no request leaving the machine; a screenshot of each is kept in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import render
from conftest import ROOT, SHIPPED

ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("name", SHIPPED)
def test_report_renders_offline_in_chromium(shipped_folders: dict, name: str) -> None:
    shot = ARTIFACTS / f"report-{name}.png"
    result = render(shipped_folders[name] / "report.html", shot)
    assert result.figures == 8
    assert result.drawn == result.figures, f"{result.figures - result.drawn} figure(s) not drawn"
    assert result.errors == []
    assert result.outside_requests == []
    assert shot.stat().st_size > 50_000


def test_comparison_renders_offline_in_chromium(comparison: Path) -> None:
    shot = ARTIFACTS / "compare-chemical-fibre.png"
    result = render(comparison / "compare.html", shot)
    assert (result.figures, result.drawn, result.errors, result.outside_requests) == (3, 3, [], [])
    assert shot.stat().st_size > 20_000


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
    assert result.figures == 9 and result.drawn < 9
    assert any("undefined_function" in e for e in result.errors)
    assert result.outside_requests == ["https://example.com/tracker.png"]
