"""EpochReporter: one value per epoch in a plain loop; the trial stops when its pruner says so."""

from __future__ import annotations

import pytest

import tunesmith
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.pruners import ThresholdPruner

pytest.importorskip("torch")
from tunesmith.integrations.torch import EpochReporter


def run_loop(study: tunesmith.Study, scores: list[float]) -> list[int]:
    """Run one trial whose loop 'trains' an epoch per score; return the epochs it trained."""
    trained: list[int] = []

    def objective(trial: tunesmith.Trial) -> float:
        report = EpochReporter(trial)
        for epoch, score in enumerate(scores, start=1):
            trained.append(epoch)
            report(score, epoch)
        return scores[-1]

    study.optimize(objective, n_trials=1)
    return trained


def test_each_epoch_reports_its_score_as_that_step() -> None:
    study = tunesmith.create_study(direction="maximize")

    trained = run_loop(study, [0.5, 0.7, 0.8])

    trial = study.trials[0]
    assert trained == [1, 2, 3]
    assert trial.state is tunesmith.TrialState.COMPLETE
    assert dict(trial.intermediate_values) == {1: 0.5, 2: 0.7, 3: 0.8}


def test_a_trial_the_pruner_stops_trains_no_further_epoch() -> None:
    study = tunesmith.create_study(direction="maximize", pruner=ThresholdPruner(lower=0.5))

    trained = run_loop(study, [0.9, 0.8, 0.3, 0.9, 0.95])

    trial = study.trials[0]
    assert trained == [1, 2, 3]
    assert trial.state is tunesmith.TrialState.PRUNED
    assert trial.last_step == 3
    assert trial.value == 0.3


def test_the_pruned_signal_says_which_trial_and_epoch() -> None:
    study = tunesmith.create_study(pruner=ThresholdPruner(upper=1.0))
    trial = study.ask()
    report = EpochReporter(trial)

    report(0.5)
    with pytest.raises(tunesmith.TrialPruned, match="Trial 0 was pruned after epoch 2"):
        report(2.5)


def test_without_an_epoch_the_reports_count_from_one() -> None:
    study = tunesmith.create_study()
    trial = study.ask()
    report = EpochReporter(trial)

    for score in (3.0, 2.0, 1.0):
        report(score)

    assert report.last_epoch == 3
    assert dict(study.trials[0].intermediate_values) == {1: 3.0, 2: 2.0, 3: 1.0}


def test_an_epoch_reported_twice_or_out_of_order_is_refused() -> None:
    study = tunesmith.create_study()
    report = EpochReporter(study.ask())
    report(1.0, 4)

    with pytest.raises(InvalidArgumentError, match=r"'epoch'.*above the last reported epoch, 4"):
        report(0.5, 4)
    with pytest.raises(InvalidArgumentError, match=r"'epoch'.*got -1"):
        EpochReporter(study.ask())(1.0, -1)
    assert dict(study.trials[0].intermediate_values) == {4: 1.0}
