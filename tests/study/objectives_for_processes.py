"""Objectives for the process-executor tests: module-level, so spawned workers can import them.

pytest puts this folder on ``sys.path``, and worker processes started with
"spawn" inherit the parent's ``sys.path``, so they import this module by name.
"""

from __future__ import annotations

import os

from tunesmith import Trial


def quadratic(trial: Trial) -> float:
    """A cheap objective that remembers which process ran it."""
    trial.set_user_attr("pid", os.getpid())
    x = trial.suggest_float("x", -5.0, 5.0)
    kernel = trial.suggest_categorical("kernel", ["rbf", "linear"])
    return (x - 1.0) ** 2 + (kernel == "rbf")


def fails_on_odd_trials(trial: Trial) -> float:
    """Raises ValueError on odd trial numbers; a study given catch=(ValueError,) goes on."""
    value = quadratic(trial)
    if trial.number % 2:
        raise ValueError(f"odd trial {trial.number}")
    return value
