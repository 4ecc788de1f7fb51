"""The sampler benchmark's quick modes run in-process and report what they should."""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pytest
from benchmarks.samplers.__main__ import main
from benchmarks.samplers.contenders import BASELINE, available_contenders
from benchmarks.samplers.overhead import OverheadSettings, run_overhead
from benchmarks.samplers.quality import QualityReport, QualitySettings, run_quality


@pytest.fixture(scope="module")
def quick_quality() -> QualityReport:
    return run_quality(QualitySettings.quick())


def _table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the table right under ``heading``, as lists of cells."""
    table = markdown.split(f"{heading}\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table[2:]]


def test_quick_quality_has_a_row_per_problem_and_a_column_per_available_sampler(
    quick_quality: QualityReport,
) -> None:
    settings = quick_quality.settings
    available, _ = available_contenders(settings.samplers)
    assert quick_quality.samplers == available
    for budget in settings.budgets:
        rows = quick_quality.regret_rows(budget)
        assert list(rows) == list(settings.problems)
        for regrets in rows.values():
            assert list(regrets) == list(available)
            assert all(math.isfinite(regret) for regret in regrets.values())
        printed = _table_rows(quick_quality.markdown(), f"### {budget} trials")
        assert [row[0] for row in printed[: len(settings.problems)]] == list(settings.problems)
        assert all(len(row) == 1 + len(available) for row in printed)


def test_quick_quality_scales_random_search_median_to_one(
    quick_quality: QualityReport,
) -> None:
    for problem in quick_quality.settings.problems:
        for budget in quick_quality.settings.budgets:
            regrets = [
                score.regret
                for score in quick_quality.scores
                if (score.problem, score.sampler, score.budget) == (problem, BASELINE, budget)
            ]
            assert statistics.median(regrets) == pytest.approx(1.0)


def test_quick_overhead_times_every_available_tool() -> None:
    report = run_overhead(OverheadSettings.quick())
    assert report.cells, report.notes
    for cell in report.cells:
        assert cell.n_trials == 100
        assert math.isfinite(cell.median_ms)
        assert cell.median_ms > 0
    assert "tunesmith-random" in {cell.tool for cell in report.cells}


def test_command_line_writes_the_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["parallel", "--quick", "--out", str(tmp_path)])
    printed = capsys.readouterr().out
    assert "## Parallel trials" in printed
    assert str(tmp_path / "parallel.md") in printed
    assert (tmp_path / "parallel.csv").read_text().startswith("problem,sampler,seed")
