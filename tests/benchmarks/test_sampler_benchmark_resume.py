"""A stopped quality benchmark resumes from its run log instead of starting over."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from benchmarks.samplers.quality import QualitySettings, run_quality
from benchmarks.samplers.run_log import RunLog

SMALL = QualitySettings(
    problems=("branin2",), samplers=("random", "tunesmith-tpe"), seeds=2, budgets=(4,), jobs=1
)


def test_a_resumed_run_reads_back_every_logged_run_and_scores_them_alike(tmp_path: Path) -> None:
    log = RunLog(tmp_path / "quality-runs.jsonl")
    first = run_quality(SMALL, log)
    assert len(log.read()) == 4
    resumed = run_quality(dataclasses.replace(SMALL, resume=True), log)
    assert resumed.n_reused == 4
    assert resumed.records == first.records
    assert resumed.scores == first.scores


def test_resume_runs_only_what_the_log_lacks(tmp_path: Path) -> None:
    log = RunLog(tmp_path / "quality-runs.jsonl")
    run_quality(dataclasses.replace(SMALL, seeds=1), log)
    resumed = run_quality(dataclasses.replace(SMALL, resume=True), log)
    assert resumed.n_reused == 2
    assert len(log.read()) == 4
    assert "2 of the 4 runs read back from the run log" in resumed.markdown()


def test_rerun_forgets_one_samplers_runs_even_if_stopped_before_running_them(
    tmp_path: Path,
) -> None:
    log = RunLog(tmp_path / "quality-runs.jsonl")
    run_quality(SMALL, log)
    assert {key[1] for key in log.read(forget_samplers=("tunesmith-tpe",))} == {"random"}
    assert {key[1] for key in log.read()} == {"random"}
    rerun = run_quality(dataclasses.replace(SMALL, resume=True, rerun=("tunesmith-tpe",)), log)
    assert rerun.n_reused == 2
    assert len(log.read()) == 4


def test_a_run_without_resume_starts_a_fresh_log(tmp_path: Path) -> None:
    log = RunLog(tmp_path / "quality-runs.jsonl")
    run_quality(SMALL, log)
    run_quality(dataclasses.replace(SMALL, samplers=("random",)), log)
    assert {key[1] for key in log.read()} == {"random"}
