"""The dashboard as a person uses it: ``tunesmith dashboard`` served, opened in headless Chromium.

The server is the real command in a subprocess over a real SQLite study, on a
free port; more trials come from another process while the page is open.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from dashboard_studies import STUDY_NAME

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
# Generous: CI machines are slow and share their cores; the benchmark measures speed.
WAIT_MS = 60_000


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("no chromium on PATH: apt-get install -y chromium (.ci/run does)")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def served(url: str, *options: str) -> Iterator[str]:
    """``tunesmith dashboard --storage url`` running on a free port; its base URL."""
    port = _free_port()
    command = [sys.executable, "-m", "tunesmith.cli", "dashboard", "--storage", url]
    server = subprocess.Popen([*command, "--port", str(port), *options])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT_MS / 1000
        while True:
            try:
                with urllib.request.urlopen(base + "/api/studies", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, "the dashboard exited"
                assert time.monotonic() < deadline, "the dashboard did not answer"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _run_trials(url: str, n_trials: int) -> None:
    script = HERE / "dashboard_studies.py"
    subprocess.run([sys.executable, str(script), url, str(n_trials)], check=True, env=os.environ)


DRAWN = """() => [...document.querySelectorAll('[data-plot]')].filter((div) =>
    div.querySelector('svg.main-svg') !== null && Array.isArray(div._fullData)
    && div._fullData.length > 0).length"""


KERNEL_CELLS = """(() => {
    const column = [...document.querySelectorAll('#trials thead th')]
        .findIndex((th) => th.textContent.startsWith('kernel'));
    return [...document.querySelectorAll('#trials tbody tr')]
        .map((row) => row.cells[column].textContent);
})()"""


def _scroll_through_plots(page: Page) -> None:
    """Bring each plot on screen in turn and wait until it is drawn, as a reader scrolls.

    Scrolled by the page itself: Playwright's own scrolling waits for the element to stand
    still, and the plots above it may still be growing as they draw.
    """
    plots = page.locator("[data-plot]")
    for index in range(plots.count()):
        plots.nth(index).evaluate("div => div.scrollIntoView({block: 'center'})")
        plots.nth(index).locator("svg.main-svg").first.wait_for(timeout=WAIT_MS)


def test_plots_draw_and_new_trials_appear_without_a_reload(sqlite_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with served(sqlite_url) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            # Offline: anything not served by the dashboard itself (a CDN) fails.
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            page.goto(f"{base}/studies/{STUDY_NAME}")
            page.wait_for_selector("body[data-ready=true]", timeout=WAIT_MS)
            n_plots = page.locator("[data-plot]").count()
            assert n_plots >= 6
            assert page.evaluate(DRAWN) >= 1  # the plots on screen, before the page is ready
            _scroll_through_plots(page)
            page.wait_for_function(f"({DRAWN})() === {n_plots}", timeout=WAIT_MS)
            assert page.locator("#trials tbody tr").count() == 30
            assert page.text_content("#page-info") == "1-30 of 30"
            page.evaluate("window.notReloaded = true")

            _run_trials(sqlite_url, 5)

            page.wait_for_function(
                "document.querySelector('#page-info').textContent === '1-35 of 35'",
                timeout=WAIT_MS,
            )
            assert page.evaluate("window.notReloaded") is True
            assert page.locator("#trials tbody tr[data-trial='34']").count() == 1
            assert page.text_content("#counts").startswith("35 trials")

            # A categorical hyperparameter is filtered by a choice, not a range.
            page.select_option("#range-param", "kernel")
            assert page.is_visible("#choice-value")
            assert not page.is_visible("#range-low")
            page.select_option("#choice-value", "poly")
            page.click("#filters button[type=submit]")
            page.wait_for_function(
                "!document.querySelector('#page-info').textContent.endsWith(' of 35')",
                timeout=WAIT_MS,
            )
            kernels = page.evaluate(KERNEL_CELLS)
            assert kernels
            assert set(kernels) == {"poly"}

            page.goto(base + "/")
            page.wait_for_selector(f"tr[data-study='{STUDY_NAME}']", timeout=WAIT_MS)
            assert page.locator(f"tr[data-study='{STUDY_NAME}'] svg polyline").count() == 1
        finally:
            browser.close()


def test_a_note_written_in_the_page_is_there_after_a_restart(sqlite_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            with served(sqlite_url) as base:
                page.goto(f"{base}/studies/{STUDY_NAME}/trials/2")
                page.fill("#note-editor", "C looks too small here")
                page.click("#note-save")
                page.wait_for_function(
                    "document.querySelector('#note-status').textContent.includes('saved')",
                    timeout=WAIT_MS,
                )
            with served(sqlite_url, "--read-only") as base:
                page.goto(f"{base}/studies/{STUDY_NAME}/trials/2")
                page.wait_for_function(
                    "document.querySelector('#note-text').textContent === 'C looks too small here'",
                    timeout=WAIT_MS,
                )
                assert page.locator(".editor").is_hidden()
        finally:
            browser.close()
