"""Optuna: TPESampler, GPSampler and CmaEsSampler, each with Optuna's own defaults.

``TPESampler(seed=s)`` is Optuna's default TPE; in Optuna 5 that is the multivariate
TPE with the constant liar for running trials. The only arguments given besides the
seed turn off log lines (``warn_independent_sampling``), never behaviour.

Optuna is imported inside the functions: it is an optional extra, and the harness
must still run (without these columns) where it is missing.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from benchmarks.samplers.adapters.define_by_run import make_objective
from benchmarks.samplers.problems.base import Problem

if TYPE_CHECKING:
    from optuna.samplers import BaseSampler

__all__ = [
    "OPTUNA_SAMPLERS",
    "make_optuna_sampler",
    "quiet_optuna",
    "run_optuna",
    "unavailable_reason",
]

OPTUNA_SAMPLERS = ("tpe", "gp", "cmaes")

# The packages each sampler needs beyond Optuna itself.
_NEEDS = {"tpe": ("optuna",), "gp": ("optuna", "torch"), "cmaes": ("optuna", "cmaes")}


def unavailable_reason(kind: str) -> str | None:
    """Why Optuna's ``kind`` sampler cannot run here, or None when it can."""
    missing = [name for name in _NEEDS[kind] if importlib.util.find_spec(name) is None]
    if missing:
        needed = ", ".join(missing)
        return f"Optuna's {kind} sampler needs {needed} (pip install 'tunesmith[bench]')"
    return None


@contextmanager
def quiet_optuna() -> Iterator[None]:
    """Silence Optuna's per-trial log lines and its experimental-feature warnings."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        yield


def make_optuna_sampler(kind: str, seed: int) -> BaseSampler:
    """Optuna's sampler ``kind`` ("tpe", "gp" or "cmaes") with its defaults and ``seed``."""
    import optuna

    if kind == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if kind == "gp":
        return optuna.samplers.GPSampler(seed=seed, warn_independent_sampling=False)
    if kind == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed, warn_independent_sampling=False)
    raise ValueError(f"The 'kind' argument must be one of {list(OPTUNA_SAMPLERS)}; got {kind!r}.")


def run_optuna(
    problem: Problem,
    kind: str,
    seed: int,
    n_trials: int,
    n_jobs: int = 1,
    max_sleep: float = 0.0,
) -> list[float]:
    """Minimise ``problem`` with Optuna's ``kind`` sampler; return the values in trial order."""
    import optuna

    with quiet_optuna():
        study = optuna.create_study(direction="minimize", sampler=make_optuna_sampler(kind, seed))
        study.optimize(make_objective(problem, seed, max_sleep), n_trials=n_trials, n_jobs=n_jobs)
    return [trial.value for trial in study.trials if trial.value is not None]
