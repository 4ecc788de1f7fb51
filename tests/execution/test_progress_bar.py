"""The progress bar of optimize counts the trials of this run, however fast they finish."""

from __future__ import annotations

import pytest

from tunesmith import Trial, TrialState, create_study
from tunesmith.exceptions import TrialPruned

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


def test_shows_the_time_left_and_how_many_trials_were_pruned(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def pruned_when_small(trial: Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        if x < 0.5:
            raise TrialPruned()
        return x

    study = create_study(study_name="pruning", sampler="random", seed=0)
    study.optimize(pruned_when_small, n_trials=12, show_progress_bar=True)
    output = capsys.readouterr().out
    n_pruned = len(study.get_trials([TrialState.PRUNED]))
    assert n_pruned > 0
    assert "ETA" in output
    assert f"{n_pruned} pruned" in output


def test_shows_the_pareto_front_size_for_several_objectives(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def two(trial: Trial) -> tuple[float, float]:
        x = trial.suggest_float("x", 0.0, 1.0)
        return x, (1.0 - x) ** 2

    study = create_study(study_name="front", directions=["minimize", "minimize"], seed=0)
    study.optimize(two, n_trials=8, show_progress_bar=True)
    output = capsys.readouterr().out
    assert f"Pareto front {len(study.best_trials)}" in output
    assert "best" not in output
