"""The pruning benchmark's quick mode runs and reports a row per pruner and task."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn")
pytest.importorskip("optuna")

from benchmarks.pruning.__main__ import main
from benchmarks.pruning.runner import PRUNERS
from benchmarks.pruning.tasks import TASKS


def test_quick_benchmark_has_a_row_per_pruner() -> None:
    report = main(["--quick", "--jobs", "1", "--no-plot"])
    rows = [line for line in report.splitlines() if line.startswith("| ") and "---" not in line]
    for task in TASKS:
        assert f"### {task}" in report
    for pruner in PRUNERS:
        assert sum(row.startswith(f"| {pruner} |") for row in rows) == len(TASKS), pruner
