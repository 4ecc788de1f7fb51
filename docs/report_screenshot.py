"""Screenshot a tunesmith HTML report in headless Chromium (the README's picture).

    python docs/report_screenshot.py report.html docs/report-svm-breast-cancer.png

Opens the report offline with the system's Chromium (Debian's ``chromium``)
through Playwright, waits until plotly has drawn every plot, and saves the top
of the page: the summary and the first plots.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def screenshot(report: Path, image: Path, height: int = 2000) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("No chromium on PATH: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": height})
        page.goto(report.resolve().as_uri())
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-plot] .js-plotly-plot')]"
            ".every((graph) => graph.querySelector('svg.main-svg') !== null)"
        )
        page.screenshot(path=str(image))
        browser.close()


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
