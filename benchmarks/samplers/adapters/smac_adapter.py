"""SMAC3: its hyperparameter-optimisation facade (random forest) and black-box facade (GP).

The problem's space becomes a ConfigSpace, a branch's hyperparameters conditioned on
their categorical's choice, and SMAC runs by ask and tell with its facade's defaults,
``deterministic=True`` (a configuration has one value) and the run's seed. SMAC
writes its run history to disk; here that goes to a temporary folder.

SMAC3 and ConfigSpace are imported inside the functions: they are an optional extra,
and the harness must still run (without these columns) where they are missing.
"""

from __future__ import annotations

import importlib.util
import logging
import tempfile
import warnings
from typing import TYPE_CHECKING

from benchmarks.samplers.adapters.flat_space import choice_labels, flat_params, to_params
from benchmarks.samplers.problems.base import CategoricalParam, FloatParam, Problem

if TYPE_CHECKING:
    from ConfigSpace import ConfigurationSpace

__all__ = ["SMAC_FACADES", "configuration_space", "run_smac", "unavailable_reason"]

SMAC_FACADES = ("hpo", "bb")


def unavailable_reason() -> str | None:
    """Why SMAC3 cannot run here, or None when it can."""
    if importlib.util.find_spec("smac") is None:
        return "SMAC3 is not installed (pip install 'tunesmith[bench]')"
    return None


def configuration_space(problem: Problem, seed: int) -> ConfigurationSpace:
    """``problem.space`` as a ConfigSpace, conditions included."""
    from ConfigSpace import Categorical, ConfigurationSpace, EqualsCondition, Float, Integer

    space = ConfigurationSpace(seed=seed)
    conditions = []
    for name, param, condition in flat_params(problem.space):
        if isinstance(param, FloatParam):
            space.add(Float(name, (param.low, param.high), log=param.log))
        elif isinstance(param, CategoricalParam):
            space.add(Categorical(name, choice_labels(param)))
        else:
            space.add(Integer(name, (param.low, param.high), log=param.log))
        if condition is not None:
            conditions.append((name, *condition))
    for child, parent, label in conditions:
        space.add(EqualsCondition(space[child], space[parent], label))
    return space


def run_smac(problem: Problem, facade_name: str, seed: int, n_trials: int) -> list[float]:
    """Minimise ``problem`` with SMAC3's ``facade_name`` facade; return the values in order."""
    # SMAC3's own NumPy warnings (a mean of no values, at its first asks) say nothing about
    # the run; the tests turn warnings into errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _run_smac(problem, facade_name, seed, n_trials)


def _run_smac(problem: Problem, facade_name: str, seed: int, n_trials: int) -> list[float]:
    from smac import BlackBoxFacade, HyperparameterOptimizationFacade, Scenario
    from smac.runhistory.dataclasses import TrialValue

    facade_class = {"hpo": HyperparameterOptimizationFacade, "bb": BlackBoxFacade}[facade_name]
    values = []
    with tempfile.TemporaryDirectory() as directory:
        scenario = Scenario(
            configuration_space(problem, seed),
            deterministic=True,
            n_trials=n_trials,
            seed=seed,
            output_directory=directory,
        )
        facade = facade_class(
            scenario,
            target_function=lambda config, seed=0: 0.0,  # unused: runs go through ask and tell
            overwrite=True,
            logging_level=logging.ERROR,
        )
        for _ in range(n_trials):
            info = facade.ask()
            value = problem(to_params(problem.space, dict(info.config)))
            facade.tell(info, TrialValue(cost=value))
            values.append(value)
    return values
