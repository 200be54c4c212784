"""Open a generated page in headless Chromium (Debian's package) with the network cut off, and report what
rendered: plot containers, those holding a drawn SVG, console errors, and any request that tried to leave."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DRAWN = """() => {
  const divs = [...document.querySelectorAll('.plotly-graph-div')];
  return [divs.length, divs.filter(d => d.querySelector('svg.main-svg g.trace') !== null).length];
}"""


@dataclass
class Rendered:
    figures: int
    drawn: int
    errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


def chromium() -> str:
    path = os.environ.get("DECARB_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise AssertionError(
            "headless Chromium not found: the browser tests need it (Debian: apt-get install chromium; "
            "`bash scripts/setup.sh --browser` and .ci/run install it)"
        )
    return path


def render(page: Path, screenshot: Path, timeout_s: float = 30.0) -> Rendered:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, offline=True)
        tab = context.new_page()
        result = Rendered(0, 0)
        tab.on("console", lambda msg: result.errors.append(msg.text) if msg.type == "error" else None)
        tab.on("pageerror", lambda exc: result.errors.append(f"uncaught: {exc}"))

        def gate(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            if url.startswith(("file:", "data:", "blob:", "about:")):
                route.continue_()  # type: ignore[attr-defined]
            else:
                result.outside_requests.append(url)
                route.abort()  # type: ignore[attr-defined]

        tab.route("**/*", gate)
        tab.goto(page.resolve().as_uri(), wait_until="load")
        deadline = timeout_s * 1000
        waited = 0
        while waited < deadline:
            figures, drawn = tab.evaluate(DRAWN)
            if figures and drawn == figures:
                break
            tab.wait_for_timeout(250)
            waited += 250
        result.figures, result.drawn = tab.evaluate(DRAWN)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    return result
