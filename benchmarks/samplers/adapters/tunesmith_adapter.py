"""tunesmith: its samplers by name, as ``create_study(sampler=...)`` builds them."""

from __future__ import annotations

import tunesmith
from benchmarks.samplers.adapters.define_by_run import make_objective
from benchmarks.samplers.problems.base import Problem
from tunesmith.samplers import SAMPLER_NAMES, RandomSampler, make_sampler

__all__ = ["run_tunesmith", "unavailable_reason"]


def unavailable_reason(sampler_name: str) -> str | None:
    """Why tunesmith's sampler ``sampler_name`` cannot run yet, or None when it can."""
    if sampler_name not in SAMPLER_NAMES:
        return f"tunesmith has no sampler named {sampler_name!r} yet (known: {list(SAMPLER_NAMES)})"
    if sampler_name != "random" and isinstance(make_sampler(sampler_name, seed=0), RandomSampler):
        # A column identical to random search would only cost time.
        return f"tunesmith's {sampler_name!r} sampler is random search for now"
    return None


def run_tunesmith(
    problem: Problem,
    sampler_name: str,
    seed: int,
    n_trials: int,
    n_jobs: int = 1,
    max_sleep: float = 0.0,
) -> list[float]:
    """Minimise ``problem`` for ``n_trials`` trials; return the values in trial order.

    ``n_jobs`` > 1 runs trials in that many threads (``optimize(n_jobs=...)``), each
    trial waiting up to ``max_sleep`` seconds so that they overlap.
    """
    study = tunesmith.create_study(direction="minimize", sampler=sampler_name, seed=seed)
    study.optimize(make_objective(problem, seed, max_sleep), n_trials=n_trials, n_jobs=n_jobs)
    values = [trial.value for trial in study.trials]
    return [value for value in values if value is not None]
