"""The objective tunesmith and Optuna both run: their trials share the ``suggest_*`` calls."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

from benchmarks.samplers.problems.base import (
    FloatParam,
    IntParam,
    Params,
    Problem,
    Space,
)

__all__ = ["SuggestingTrial", "make_objective", "suggest_params"]


class SuggestingTrial(Protocol):
    """What tunesmith's and Optuna's trials have in common."""

    @property
    def number(self) -> int: ...

    def suggest_float(self, name: str, low: float, high: float, *, log: bool = False) -> float: ...

    def suggest_int(self, name: str, low: int, high: int, *, log: bool = False) -> int: ...

    def suggest_categorical(self, name: str, choices: Any) -> Any: ...


def suggest_params(trial: SuggestingTrial, space: Space) -> Params:
    """Ask ``trial`` for each hyperparameter of ``space``; a branch only if its choice is picked."""
    params: Params = {}
    for name, param in space.items():
        if isinstance(param, FloatParam):
            params[name] = trial.suggest_float(name, param.low, param.high, log=param.log)
        elif isinstance(param, IntParam):
            params[name] = trial.suggest_int(name, param.low, param.high, log=param.log)
        else:
            choice = trial.suggest_categorical(name, list(param.choices))
            params[name] = choice
            params.update(suggest_params(trial, param.branches.get(choice, {})))
    return params


def make_objective(
    problem: Problem, seed: int, max_sleep: float = 0.0
) -> Callable[[SuggestingTrial], float]:
    """The objective of ``problem``; with ``max_sleep`` > 0 each trial first waits a random time.

    The wait lets the trials of several threads overlap and finish out of order, as real
    training runs do, so a parallel run shows what the sampler does with running trials.
    The waits are drawn from ``seed`` and the trial number, so they do not touch the
    sampler's random streams.
    """

    def objective(trial: SuggestingTrial) -> float:
        params = suggest_params(trial, problem.space)
        if max_sleep > 0:
            time.sleep(np.random.default_rng([seed, trial.number]).uniform(0, max_sleep))
        return problem(params)

    return objective
