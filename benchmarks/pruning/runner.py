"""One measured run: a task, a pruner, a seed and a budget of trials.

A run counts every epoch trained (the steps spent) and records, after each
trial, the steps spent so far and the best validation accuracy among the
trials that completed. Every run of a seed tries the same configurations in
the same order: tunesmith's RandomSampler draws them (a fixed function of the
seed and the trial number), and Optuna's runs get them enqueued. A trial's
model is seeded from the run's seed and the trial number, so every pruner, of
either library, sees the very same learning curves and only the pruning
differs.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import tunesmith
from benchmarks.pruning.tasks import Data, Task, train
from tunesmith.pruners import (
    HyperbandPruner,
    MedianPruner,
    NopPruner,
    PatientPruner,
    PercentilePruner,
    Pruner,
    SuccessiveHalvingPruner,
    ThresholdPruner,
)
from tunesmith.samplers import RandomSampler

__all__ = ["PRUNERS", "RunResult", "run"]


def _tunesmith_pruners(task: Task) -> dict[str, Callable[[], Pruner]]:
    """Each tunesmith pruner with its defaults, plus what a user must choose."""
    return {
        "none": NopPruner,
        "median": MedianPruner,
        "percentile": PercentilePruner,
        # Bounds are the user's knowledge of the task: here, "clearly useless".
        "threshold": lambda: ThresholdPruner(lower=task.accuracy_floor, n_warmup_steps=3),
        # Patience alone would also stop converged good trials; let the median decide.
        "patient": lambda: PatientPruner(MedianPruner(), patience=3),
        "successive_halving": SuccessiveHalvingPruner,
        "hyperband": HyperbandPruner,
    }


PRUNERS: tuple[str, ...] = (
    "none",
    "median",
    "percentile",
    "threshold",
    "patient",
    "successive_halving",
    "hyperband",
    "optuna_median",
    "optuna_hyperband",
)


@dataclass(frozen=True)
class RunResult:
    """What one run measured."""

    task: str
    pruner: str
    seed: int
    steps: int
    best_score: float
    curve: tuple[tuple[int, float], ...]  # (steps spent, best score so far) after each trial


class _Tally:
    """Steps spent and the best completed score, trial after trial."""

    def __init__(self) -> None:
        self.steps = 0
        self.best = -math.inf
        self.curve: list[tuple[int, float]] = []

    def finished(self, completed_score: float | None) -> None:
        if completed_score is not None:
            self.best = max(self.best, completed_score)
        self.curve.append((self.steps, self.best))


def _random_state(seed: int, trial_number: int) -> int:
    return seed * 10_000 + trial_number


def _run_tunesmith(
    task: Task, data: Data, pruner: Pruner, seed: int, n_trials: int, n_epochs: int, tally: _Tally
) -> None:
    study = tunesmith.create_study(
        direction="maximize", sampler=RandomSampler(seed=seed), pruner=pruner
    )

    def objective(trial: tunesmith.Trial) -> float:
        def after_epoch(epoch: int, accuracy: float) -> bool:
            tally.steps += 1
            trial.report(accuracy, epoch)
            if trial.should_prune():
                raise tunesmith.TrialPruned()
            return False

        params = task.suggest(trial)
        return train(task, data, params, _random_state(seed, trial.number), n_epochs, after_epoch)

    def record(study: tunesmith.Study, trial: tunesmith.FrozenTrial) -> None:
        complete = trial.state is tunesmith.TrialState.COMPLETE
        tally.finished(trial.value if complete else None)

    study.optimize(objective, n_trials=n_trials, callbacks=[record])


def _configurations(task: Task, seed: int, n_trials: int) -> list[dict[str, Any]]:
    """The hyperparameters tunesmith's RandomSampler gives trials 0 to n_trials - 1 of a seed."""
    study = tunesmith.create_study(sampler=RandomSampler(seed=seed))
    return [task.suggest(study.ask()) for _ in range(n_trials)]


def _run_optuna(
    task: Task, data: Data, pruner_name: str, seed: int, n_trials: int, n_epochs: int, tally: _Tally
) -> None:
    import optuna

    optuna.logging.set_verbosity(logging.WARNING)
    pruner: optuna.pruners.BasePruner = (
        optuna.pruners.MedianPruner()
        if pruner_name == "optuna_median"
        else optuna.pruners.HyperbandPruner()
    )
    study = optuna.create_study(
        direction="maximize", sampler=optuna.samplers.RandomSampler(seed=seed), pruner=pruner
    )
    for params in _configurations(task, seed, n_trials):
        study.enqueue_trial(params)

    def objective(trial: optuna.Trial) -> float:
        def after_epoch(epoch: int, accuracy: float) -> bool:
            tally.steps += 1
            trial.report(accuracy, epoch)
            if trial.should_prune():
                raise optuna.TrialPruned()
            return False

        params = task.suggest(trial)
        return train(task, data, params, _random_state(seed, trial.number), n_epochs, after_epoch)

    def record(study: optuna.Study, trial: optuna.trial.FrozenTrial) -> None:
        complete = trial.state is optuna.trial.TrialState.COMPLETE
        tally.finished(trial.value if complete else None)

    with warnings.catch_warnings():
        # Optuna flags some of its pruners as experimental; that is no result.
        warnings.simplefilter("ignore")
        study.optimize(objective, n_trials=n_trials, callbacks=[record])


def run(
    task: Task, data: Data, pruner_name: str, seed: int, n_trials: int, n_epochs: int
) -> RunResult:
    """Tune ``task`` for ``n_trials`` trials of up to ``n_epochs`` epochs with one pruner."""
    tally = _Tally()
    if pruner_name.startswith("optuna_"):
        _run_optuna(task, data, pruner_name, seed, n_trials, n_epochs, tally)
    else:
        pruner = _tunesmith_pruners(task)[pruner_name]()
        _run_tunesmith(task, data, pruner, seed, n_trials, n_epochs, tally)
    return RunResult(
        task=task.name,
        pruner=pruner_name,
        seed=seed,
        steps=tally.steps,
        best_score=tally.best,
        curve=tuple(tally.curve),
    )


def describe_pruners(task: Task) -> dict[str, Any]:
    """How each pruner of the table was built, for the report."""
    shown: dict[str, Any] = {name: repr(make()) for name, make in _tunesmith_pruners(task).items()}
    shown["optuna_median"] = "optuna.pruners.MedianPruner()"
    shown["optuna_hyperband"] = "optuna.pruners.HyperbandPruner()"
    return shown
