"""The dashboard benchmark's quick run times the page and the delta and prints a row for each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks.dashboard.__main__ import main
from benchmarks.dashboard.studies import add_trials

from tunesmith import TrialState, load_study
from tunesmith.storage import InMemoryStorage


def test_stored_trials_are_numbered_on_and_finished() -> None:
    storage = InMemoryStorage()
    add_trials(storage, "s", 30, n_steps=2)
    add_trials(storage, "s", 10, seed=1)

    trials = load_study("s", storage).trials

    assert [t.number for t in trials] == list(range(40))
    assert {t.state for t in trials} <= {TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL}
    assert all(t.values is not None for t in trials if t.state is TrialState.COMPLETE)
    steps = {
        state: {len(t.intermediate_values) for t in trials[:30] if t.state is state}
        for state in TrialState
    }
    assert steps[TrialState.COMPLETE] == {2}
    assert steps[TrialState.PRUNED] <= {1}  # stopped halfway
    assert steps[TrialState.FAIL] <= {0}


@pytest.mark.slow
def test_a_quick_run_prints_the_timings_and_saves_the_screenshots(tmp_path: Path) -> None:
    if shutil.which("chromium") is None:
        pytest.skip("no chromium on PATH: apt-get install -y chromium (.ci/run does)")

    report = main(
        ["--trials", "40", "--new", "5", "--repeats", "1", "--screenshots", str(tmp_path)]
    )

    rows = [line.split("|")[1].strip() for line in report.splitlines()[2:6]]
    assert rows == [
        "study page of 40 trials usable, first visit",
        "... opened again (visit 3, plotly.js cached)",
        "... and every plot drawn, scrolling through",
        "changes endpoint sending 5 new trials",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "dashboard-studies.png",
        "dashboard-study.png",
    ]
