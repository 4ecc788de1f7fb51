"""The progress bar of optimize counts the trials of this run, however fast they finish."""

from __future__ import annotations

import pytest

from tunesmith import Trial, create_study

pytest.importorskip("rich")


def objective(trial: Trial) -> float:
    return trial.suggest_float("x", 0.0, 1.0)


def test_counts_every_trial_of_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    study = create_study(study_name="progress")
    study.optimize(objective, n_trials=5)
    study.optimize(objective, n_trials=20, show_progress_bar=True)
    output = capsys.readouterr().out
    assert "progress" in output
    assert "20/20" in output
    assert f"best {study.best_value:.6g}" in output
