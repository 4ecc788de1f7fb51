"""Hyperopt: the problem's space as ``hp`` expressions, and ``fmin`` with its TPE.

Conditional branches become ``hp.choice`` over dicts: the chosen dict holds the
categorical's value under its own name beside the branch's hyperparameters, and
``flatten`` turns a nested sample back into the flat params the problem reads.

Hyperopt is imported inside the functions: it is an optional extra, and the harness
must still run (without this column) where it is missing.
"""

from __future__ import annotations

import importlib.util
import math
from typing import Any

import numpy as np

from benchmarks.samplers.problems.base import (
    FloatParam,
    IntParam,
    Params,
    Problem,
    Space,
)

__all__ = ["flatten", "hyperopt_space", "run_hyperopt", "unavailable_reason"]


def unavailable_reason() -> str | None:
    """Why Hyperopt cannot run here, or None when it can."""
    if importlib.util.find_spec("hyperopt") is None:
        return "Hyperopt is not installed (pip install 'tunesmith[bench]')"
    return None


def hyperopt_space(space: Space) -> dict[str, Any]:
    """``space`` as a dict of Hyperopt expressions."""
    from hyperopt import hp

    expressions: dict[str, Any] = {}
    for name, param in space.items():
        if isinstance(param, FloatParam):
            if param.log:
                expressions[name] = hp.loguniform(name, math.log(param.low), math.log(param.high))
            else:
                expressions[name] = hp.uniform(name, param.low, param.high)
        elif isinstance(param, IntParam):
            # Half a step past each end gives the end values the same mass as the others;
            # flatten rounds and clips back into [low, high].
            low, high = param.low - 0.5, param.high + 0.5
            if param.log:
                expressions[name] = hp.qloguniform(name, math.log(low), math.log(high), 1)
            else:
                expressions[name] = hp.quniform(name, low, high, 1)
        elif param.branches:
            options = [
                {name: choice, **hyperopt_space(param.branches.get(choice, {}))}
                for choice in param.choices
            ]
            expressions[name] = hp.choice(name, options)
        else:
            expressions[name] = hp.choice(name, list(param.choices))
    return expressions


def flatten(sample: dict[str, Any], space: Space) -> Params:
    """A sample of ``hyperopt_space(space)`` as flat params with Python types."""
    params: Params = {}
    for name, param in space.items():
        value = sample[name]
        if isinstance(param, FloatParam):
            params[name] = float(value)
        elif isinstance(param, IntParam):
            params[name] = int(np.clip(round(float(value)), param.low, param.high))
        elif param.branches:
            params[name] = value[name]
            params.update(flatten(value, param.branches.get(value[name], {})))
        else:
            params[name] = value
    return params


def run_hyperopt(problem: Problem, seed: int, n_trials: int) -> list[float]:
    """Minimise ``problem`` with Hyperopt's TPE (its defaults); return the values in order."""
    from hyperopt import Trials, fmin, tpe

    trials = Trials()
    fmin(
        fn=lambda sample: problem(flatten(sample, problem.space)),
        space=hyperopt_space(problem.space),
        algo=tpe.suggest,
        max_evals=n_trials,
        trials=trials,
        rstate=np.random.default_rng(seed),
        show_progressbar=False,
        verbose=False,
    )
    return [float(loss) for loss in trials.losses()]
