"""HEBO: Huawei's winner of the NeurIPS 2020 black-box optimisation challenge, its defaults.

HEBO has no conditions, so a conditional space is given flat: every hyperparameter
is suggested, and those of a branch not taken are dropped before the problem sees
them. A log-scale float is HEBO's ``pow`` type. A run is made repeatable by seeding
its Sobol start (``scramble_seed``), NumPy's and PyTorch's global generators, and
the evolutionary search of its acquisition: HEBO leaves pymoo's seed unset, so the
run passes pymoo one drawn from the seeded NumPy generator.

HEBO 0.3.6 pins a NumPy older than the one here; it is installed without its
dependencies (see the Makefile's bench target) and imported inside the functions,
so the harness still runs (without this column) where it is missing.
"""

from __future__ import annotations

import importlib.util
import io
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stdout
from typing import Any

import numpy as np

from benchmarks.samplers.adapters.flat_space import choice_labels, flat_params, to_params
from benchmarks.samplers.problems.base import CategoricalParam, FloatParam, Problem

__all__ = ["design_space", "run_hebo", "unavailable_reason"]

_NEEDS = ("hebo", "pymoo", "gpytorch", "disjoint_set", "pandas", "torch")


def unavailable_reason() -> str | None:
    """Why HEBO cannot run here, or None when it can."""
    missing = [name for name in _NEEDS if importlib.util.find_spec(name) is None]
    if missing:
        return f"HEBO needs {', '.join(missing)} (make bench-samplers installs them)"
    return None


def design_space(problem: Problem) -> list[dict[str, Any]]:
    """``problem.space`` as HEBO's list of parameter descriptions, every branch included."""
    described: list[dict[str, Any]] = []
    for name, param, _ in flat_params(problem.space):
        if isinstance(param, CategoricalParam):
            described.append({"name": name, "type": "cat", "categories": choice_labels(param)})
        elif isinstance(param, FloatParam):
            kind = "pow" if param.log else "num"
            described.append({"name": name, "type": kind, "lb": param.low, "ub": param.high})
        else:
            kind = "pow_int" if param.log else "int"
            described.append({"name": name, "type": kind, "lb": param.low, "ub": param.high})
    return described


@contextmanager
def _seeded_pymoo() -> Iterator[None]:
    """pymoo's ``minimize``, as HEBO calls it, given a seed drawn from NumPy's generator."""
    from hebo.acq_optimizers import evolution_optimizer

    unseeded: Callable[..., Any] = evolution_optimizer.minimize

    def seeded(*args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("seed", int(np.random.randint(2**31 - 1)))
        return unseeded(*args, **kwargs)

    evolution_optimizer.minimize = seeded
    try:
        yield
    finally:
        evolution_optimizer.minimize = unseeded


def run_hebo(problem: Problem, seed: int, n_trials: int) -> list[float]:
    """Minimise ``problem`` with HEBO's defaults; return the values in trial order."""
    # HEBO's imports and fits warn about PyTorch deprecations and its own numerics; they say
    # nothing about the run, and the tests turn warnings into errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _run_hebo(problem, seed, n_trials)


def _run_hebo(problem: Problem, seed: int, n_trials: int) -> list[float]:
    import torch
    from hebo.design_space.design_space import DesignSpace
    from hebo.optimizers.hebo import HEBO

    np.random.seed(seed)
    torch.manual_seed(seed)
    optimizer = HEBO(DesignSpace().parse(design_space(problem)), scramble_seed=seed)
    values = []
    # HEBO prints each jitter it tries when a GP fit fails; the report has no use for them.
    with _seeded_pymoo(), redirect_stdout(io.StringIO()):
        for _ in range(n_trials):
            suggestion = optimizer.suggest(n_suggestions=1)
            value = problem(to_params(problem.space, suggestion.iloc[0].to_dict()))
            optimizer.observe(suggestion, np.array([[value]]))
            values.append(value)
    return values
