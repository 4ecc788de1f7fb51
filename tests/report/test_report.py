"""The HTML report: written from the command line or Python, opened offline in headless Chromium."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import tunesmith
from tunesmith.cli import main

EXAMPLE = Path(__file__).parents[2] / "examples" / "svm_breast_cancer.yaml"


def _plot_titles(page: str) -> list[str]:
    return re.findall(r'data-plot="([^"]+)"', page)


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """A short run of the SVM example, then ``tunesmith report`` of its study."""
    folder = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{folder / 'studies.db'}"
    runner = CliRunner()
    ran = runner.invoke(
        main, ["run", str(EXAMPLE), "--n-trials", "8", "--storage", url], catch_exceptions=False
    )
    assert ran.exit_code == 0, ran.output
    path = folder / "report.html"
    written = runner.invoke(
        main,
        ["report", "svm-breast-cancer", "--storage", url, "-o", str(path)],
        catch_exceptions=False,
    )
    assert written.exit_code == 0, written.output
    return path, ran


def test_run_ends_by_printing_the_command_that_writes_the_report(
    example_report: tuple[Path, Result],
) -> None:
    _, ran = example_report
    assert "tunesmith report svm-breast-cancer --storage sqlite:///" in ran.output
    assert "-o report.html" in ran.output


def test_the_report_is_one_file_with_the_summary_and_every_plot_that_applies(
    example_report: tuple[Path, Result],
) -> None:
    path, _ = example_report
    page = path.read_text(encoding="utf-8")

    # No script or stylesheet from the network: plotly.js is inside the file.
    assert not re.search(r"<script[^>]+src=", page)
    assert len(page) > 3_000_000  # plotly.js itself
    for heading in ["Trials", "Best trial", "Selected model", "Honest estimate", "Overfitting"]:
        assert f"<dt>{heading}</dt>" in page
    assert "8 trials: 8 complete." in page
    assert _plot_titles(page) == [
        "History",
        "Importance",
        "Contour",
        "Parallel coordinates",
        "Slice",
        "Intermediate values",
        "Fit over model size",
        "Overfitting",
        "Timeline",
    ]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("no chromium on PATH: apt-get install -y chromium (.ci/run does)")
    return found


def rendered_plots(path: Path, screenshot: Path | None = None) -> tuple[int, int]:
    """Open ``path`` offline in headless Chromium: (plots in the page, plots plotly drew)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            # Offline: any request that is not the file itself fails.
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith("file:") else route.abort()
                ),
            )
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            expected = page.locator("[data-plot]").count()
            # Drawn: plotly built the figure's SVG and holds a trace for it.
            drawn_script = """() => [...document.querySelectorAll('[data-plot]')].filter((div) => {
                const graph = div.querySelector('.js-plotly-plot');
                return graph !== null && graph.querySelector('svg.main-svg') !== null
                    && Array.isArray(graph._fullData) && graph._fullData.length > 0;
            }).length"""
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(f"({drawn_script})() === {expected}", timeout=20_000)
            drawn = page.evaluate(drawn_script)
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return expected, int(drawn)


@pytest.mark.slow
def test_every_plot_of_the_report_renders_offline_in_chromium(
    example_report: tuple[Path, Result],
) -> None:
    path, _ = example_report

    expected, drawn = rendered_plots(path)

    assert expected == 9
    assert drawn == expected


def pruned_two_objectives(trial: tunesmith.Trial) -> tuple[float, float]:
    x = trial.suggest_float("x", 0.0, 1.0)
    for step in range(5):
        trial.report(x + 1.0 / (step + 1), step=step)
        if trial.should_prune():
            raise tunesmith.TrialPruned()
    return x, 1.0 - x


@pytest.mark.slow
def test_a_pruned_study_of_two_objectives_reports_its_front_and_savings(tmp_path: Path) -> None:
    study = tunesmith.create_study(
        directions=["minimize", "minimize"], sampler="random", pruner="median", seed=0
    )
    study.optimize(pruned_two_objectives, n_trials=30)

    path = tunesmith.report(study, tmp_path / "front.html")

    page = path.read_text(encoding="utf-8")
    assert "<dt>Pareto front</dt>" in page
    assert "<dt>Pruning savings</dt>" in page
    assert "Intermediate values" in _plot_titles(page)
    assert "Pareto front" in _plot_titles(page)
    expected, drawn = rendered_plots(path)
    assert drawn == expected == len(_plot_titles(page))


def test_report_of_an_unknown_study_is_refused_with_its_name(tmp_path: Path) -> None:
    storage_url = f"sqlite:///{tmp_path / 'studies.db'}"
    tunesmith.create_study(study_name="known", storage=storage_url)

    result = CliRunner().invoke(main, ["report", "nope", "--storage", storage_url])

    assert result.exit_code == 2
    assert "nope" in result.output
