"""What each contender does: create a study, run a worker on it, fill it, time ask and tell.

Every contender uses its library the way its documentation shows a user: a
storage URL in each process and ``study.optimize`` in the workers; ``ask`` and
``tell`` for the latency. The objective is the same everywhere: one float
hyperparameter in [-10, 10], and its square.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

import tunesmith
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["CONTENDERS", "Contender", "objective_value", "time_ask_tell"]


def objective_value(x: float) -> float:
    """The trivial objective every contender optimises."""
    return x * x


def time_ask_tell(study: Any, objective: Callable[[Any], float], n_samples: int) -> list[float]:
    """The seconds of each of ``n_samples`` ``study.ask()``, objective, ``study.tell``."""
    seconds = []
    for _ in range(n_samples):
        start = time.perf_counter()
        trial = study.ask()
        study.tell(trial, objective(trial))
        seconds.append(time.perf_counter() - start)
    return seconds


def _tunesmith_objective(trial: tunesmith.Trial) -> float:
    return objective_value(trial.suggest_float("x", -10.0, 10.0))


def _optuna() -> Any:
    import optuna

    optuna.logging.set_verbosity(logging.WARNING)
    return optuna


@dataclass(frozen=True)
class Contender:
    """One library with one sampler, as the table names it.

    Attributes:
        name: the table's row label.
        create: ``create(url, study_name)`` makes the empty study.
        open_worker: ``open_worker(url, study_name, seed)`` loads the study
            in this process and returns ``run(n_trials)``, which runs that
            many trials (what each worker process does).
        fill: ``fill(url, study_name, n_trials, seed)`` adds that many
            completed trials, quickly, before latency is timed.
        ask_tell: ``ask_tell(url, study_name, n_samples, seed)`` returns the
            seconds of each of ``n_samples`` ask + objective + tell.
        count: ``count(url, study_name)`` is how many trials the study holds,
            and how many of them completed.
    """

    name: str
    create: Callable[[str, str], None]
    open_worker: Callable[[str, str, int], Callable[[int], None]]
    fill: Callable[[str, str, int, int], None]
    ask_tell: Callable[[str, str, int, int], list[float]]
    count: Callable[[str, str], tuple[int, int]]


# tunesmith ---------------------------------------------------------------------


def _tunesmith_create(url: str, study_name: str) -> None:
    tunesmith.create_study(study_name=study_name, storage=url).storage.close()


def _tunesmith_contender(sampler: str) -> Contender:
    def open_worker(url: str, study_name: str, seed: int) -> Callable[[int], None]:
        study = tunesmith.load_study(study_name, storage=url, sampler=sampler, seed=seed)
        return lambda n_trials: study.optimize(_tunesmith_objective, n_trials=n_trials)

    def ask_tell(url: str, study_name: str, n_samples: int, seed: int) -> list[float]:
        study = tunesmith.load_study(study_name, storage=url, sampler=sampler, seed=seed)
        seconds = time_ask_tell(study, _tunesmith_objective, n_samples)
        study.storage.close()
        return seconds

    return Contender(
        f"tunesmith-{sampler}",
        _tunesmith_create,
        open_worker,
        _tunesmith_fill,
        ask_tell,
        _tunesmith_count,
    )


def _tunesmith_fill(url: str, study_name: str, n_trials: int, seed: int) -> None:
    # Stored as records, one short transaction each, as `tunesmith copy` stores a study.
    storage = tunesmith.load_study(study_name, storage=url).storage
    study_id = storage.get_study_id(study_name)
    distribution = tunesmith.Float(-10.0, 10.0)
    now = datetime.datetime.now()
    for x in np.random.default_rng(seed).uniform(-10.0, 10.0, n_trials):
        record = FrozenTrial(
            number=-1,
            trial_id=-1,
            state=TrialState.COMPLETE,
            values=(objective_value(float(x)),),
            params={"x": float(x)},
            distributions={"x": distribution},
            intermediate_values={},
            user_attrs={},
            system_attrs={},
            datetime_start=now,
            datetime_complete=now,
        )
        storage.create_trial(study_id, template=record)
    storage.close()


def _tunesmith_count(url: str, study_name: str) -> tuple[int, int]:
    study = tunesmith.load_study(study_name, storage=url)
    trials = study.trials
    study.storage.close()
    return len(trials), sum(trial.state is TrialState.COMPLETE for trial in trials)


# Optuna ------------------------------------------------------------------------


def _optuna_create(url: str, study_name: str) -> None:
    with _optuna_storage(url) as storage:
        _optuna().create_study(study_name=study_name, storage=storage)


def _optuna_objective(trial: Any) -> float:
    return objective_value(trial.suggest_float("x", -10.0, 10.0))


def _optuna_open_worker(url: str, study_name: str, seed: int) -> Callable[[int], None]:
    optuna = _optuna()
    study = optuna.load_study(
        study_name=study_name, storage=url, sampler=optuna.samplers.TPESampler(seed=seed)
    )
    return lambda n_trials: study.optimize(_optuna_objective, n_trials=n_trials)


def _optuna_count(url: str, study_name: str) -> tuple[int, int]:
    optuna = _optuna()
    with _optuna_storage(url) as storage:
        trials = optuna.load_study(study_name=study_name, storage=storage).trials
    complete = optuna.trial.TrialState.COMPLETE
    return len(trials), sum(trial.state == complete for trial in trials)


def _optuna_fill(url: str, study_name: str, n_trials: int, seed: int) -> None:
    optuna = _optuna()
    with _optuna_storage(url) as storage:
        _add_optuna_trials(
            optuna.load_study(study_name=study_name, storage=storage), n_trials, seed
        )


def _add_optuna_trials(study: Any, n_trials: int, seed: int) -> None:
    optuna = _optuna()
    distribution = optuna.distributions.FloatDistribution(-10.0, 10.0)
    study.add_trials(
        [
            optuna.trial.create_trial(
                params={"x": float(x)},
                distributions={"x": distribution},
                value=objective_value(float(x)),
            )
            for x in np.random.default_rng(seed).uniform(-10.0, 10.0, n_trials)
        ]
    )


def _optuna_ask_tell(url: str, study_name: str, n_samples: int, seed: int) -> list[float]:
    # A URL, as users pass it: Optuna then puts its cache in front of the database.
    optuna = _optuna()
    study = optuna.load_study(
        study_name=study_name, storage=url, sampler=optuna.samplers.TPESampler(seed=seed)
    )
    seconds = time_ask_tell(study, _optuna_objective, n_samples)
    # Optuna has no public way to close a study's connections: its cache wraps the database.
    study._storage._backend.engine.dispose()
    return seconds


@contextlib.contextmanager
def _optuna_storage(url: str) -> Iterator[Any]:
    """Optuna's storage of ``url``, its connections closed after the block."""
    storage = _optuna().storages.RDBStorage(url)
    try:
        yield storage
    finally:
        storage.engine.dispose()


CONTENDERS: dict[str, Contender] = {
    contender.name: contender
    for contender in (
        _tunesmith_contender("auto"),
        _tunesmith_contender("tpe"),
        # Optuna's default sampler is TPE: one row is both.
        Contender(
            "optuna-tpe",
            _optuna_create,
            _optuna_open_worker,
            _optuna_fill,
            _optuna_ask_tell,
            _optuna_count,
        ),
    )
}
"""Every contender by its row label; tunesmith's default sampler is ``auto``, Optuna's TPE."""
