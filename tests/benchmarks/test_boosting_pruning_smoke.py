"""The boosting pruning benchmark's quick mode runs and reports a row per library and framework."""

from __future__ import annotations

import pytest

pytest.importorskip("optuna_integration")

from benchmarks.boosting_pruning.__main__ import main
from benchmarks.boosting_pruning.runner import FRAMEWORKS, LIBRARIES


def test_quick_benchmark_has_a_row_per_library_and_framework() -> None:
    report = main(["--quick", "--seeds", "1"])

    rows = [line for line in report.splitlines() if line.startswith("| ") and "---" not in line]
    for library in LIBRARIES:
        for framework in FRAMEWORKS:
            [row] = [r for r in rows if r.startswith(f"| {library} | {framework} |")]
            rounds_spent = float(row.split("|")[3].split("±")[0])
            assert 0 < rounds_spent <= 4 * 6  # 4 trials of at most 6 rounds
