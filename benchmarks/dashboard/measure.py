"""Time the dashboard as a person meets it: the real command, headless Chromium, HTTP.

- the study page: from navigation to the trials table filled and the plots on
  screen drawn by plotly.js (``body[data-ready]``), in Chromium, on a first
  visit and on a later one; then until every plot is drawn (an SVG per plot);
- the delta: the changes endpoint answering the 100 trials a worker just
  stored, over HTTP, as the page polls it.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.dashboard.studies import add_trials
from tunesmith.storage import get_storage

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

# A loaded machine takes many seconds to draw 10,000 trials; the times say how many.
_WAIT_MS = 600_000
STUDY = "large"
# A study with learning curves and pruned trials, for the screenshots.
SMALL_STUDY = "pruned-demo"
# Page loads per browser profile: Chromium keeps a script's compiled code from the third load on.
VISITS = 3

DRAWN = """() => [...document.querySelectorAll('[data-plot]')].filter((div) =>
    div.querySelector('svg.main-svg') !== null && Array.isArray(div._fullData)
    && div._fullData.length > 0).length"""


@dataclass(frozen=True, slots=True)
class Timing:
    """Seconds, one per repeat, of one measure, with its target."""

    name: str
    seconds: list[float]
    target: float | None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def met(self) -> bool:
        return self.target is None or self.median < self.target


@contextlib.contextmanager
def served(url: str) -> Iterator[str]:
    """``tunesmith dashboard`` over ``url`` on a free port; its base URL once it answers."""
    command = [sys.executable, "-m", "tunesmith.cli", "dashboard", "--storage", url, "--port", "0"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as server:
        assert server.stderr is not None
        try:
            line = server.stderr.readline()
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found is None:
                raise RuntimeError(f"tunesmith dashboard did not start: {line.strip()}")
            yield f"http://127.0.0.1:{found.group(1)}"
        finally:
            server.terminate()


def get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=600) as response:
        body: dict[str, object] = json.loads(response.read())
        return body


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("no chromium on PATH: apt-get install -y chromium")
    return found


@dataclass(frozen=True, slots=True)
class PageTimes:
    """Seconds until the study page was usable, per repeat: on a first visit and a later one."""

    first_visit: list[float]
    visit_again: list[float]
    every_plot: list[float]


def _visit(context: BrowserContext, base: str, scroll: bool) -> tuple[float, float | None]:
    """Seconds until the page was usable, and (``scroll``) until every plot was drawn."""
    page = context.new_page()
    page.goto(f"{base}/studies/{STUDY}")
    page.wait_for_selector("body[data-ready=true]", timeout=_WAIT_MS)
    usable = float(page.get_attribute("body", "data-ready-ms") or "nan") / 1000
    every_plot = None
    if scroll:
        plots = page.locator("[data-plot]")
        for index in range(plots.count()):
            # The page scrolls, as for a reader; Playwright's scrolling would wait for
            # plots above to stop growing.
            plots.nth(index).evaluate("div => div.scrollIntoView({block: 'center'})")
            plots.nth(index).locator("svg.main-svg").first.wait_for(timeout=_WAIT_MS)
        page.wait_for_function(f"({DRAWN})() === {plots.count()}", timeout=_WAIT_MS)
        every_plot = page.evaluate("performance.now()") / 1000
    page.close()
    return usable, every_plot


def page_seconds(base: str, repeats: int, screenshots: Path | None = None) -> PageTimes:
    """Seconds from navigation to the study page usable, and to every plot drawn.

    Usable: the summary and the trials table filled and the plots on screen drawn
    (the page draws the others as they come near the screen). Each repeat starts
    a browser with an empty profile and opens the page ``VISITS`` times: the first
    visit loads and compiles plotly.js; by the last, the browser has it and its
    compiled code cached, as for a person who works with the dashboard. Every
    plot: on that last visit, after scrolling through them all.
    """
    from playwright.sync_api import sync_playwright

    times = PageTimes([], [], [])
    with sync_playwright() as playwright:
        for repeat in range(repeats):
            with tempfile.TemporaryDirectory() as profile:
                context = playwright.chromium.launch_persistent_context(
                    profile,
                    executable_path=_chromium(),
                    args=["--no-sandbox"],
                    viewport={"width": 1280, "height": 900},
                )
                try:
                    context.set_default_timeout(_WAIT_MS)
                    times.first_visit.append(_visit(context, base, scroll=False)[0])
                    for _ in range(VISITS - 2):
                        _visit(context, base, scroll=False)
                    usable, every_plot = _visit(context, base, scroll=True)
                    times.visit_again.append(usable)
                    assert every_plot is not None
                    times.every_plot.append(every_plot)
                    if screenshots is not None and repeat == 0:
                        _screenshots(context, base, screenshots)
                finally:
                    context.close()
    return times


def _screenshots(context: BrowserContext, base: str, folder: Path) -> None:
    """The studies page and the top of a study page, as PNG files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 330})
    page.goto(base + "/")
    page.wait_for_selector("tr[data-study]")
    page.screenshot(path=str(folder / "dashboard-studies.png"))
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.goto(f"{base}/studies/{SMALL_STUDY}")
    page.wait_for_selector("body[data-ready=true]", timeout=120_000)
    page.wait_for_function(f"({DRAWN})() >= 2", timeout=120_000)
    page.screenshot(path=str(folder / "dashboard-study.png"))
    page.close()


def delta_seconds(base: str, url: str, n_new: int, repeats: int) -> list[float]:
    """Seconds the changes endpoint takes to send the ``n_new`` trials a worker just stored."""
    since = get_json(f"{base}/api/studies/{STUDY}")["change_count"]
    storage = get_storage(url)
    try:
        add_trials(storage, STUDY, n_new, seed=1)
    finally:
        storage.close()
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        delta = get_json(f"{base}/api/studies/{STUDY}/changes?since={since}")
        seconds.append(time.perf_counter() - started)
        trials = delta["trials"]
        assert isinstance(trials, list)
        assert len(trials) == n_new, f"the delta sent {len(trials)} trials, not {n_new}"
    return seconds
