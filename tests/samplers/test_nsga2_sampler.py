"""NSGAIISampler: the sampler contract, and a better Pareto front than random search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import pytest

from tunesmith import Trial, TrialState, create_study
from tunesmith.cli.samplers import build_sampler
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.samplers import NSGAIISampler, RandomSampler, Sampler
from tunesmith.testing.samplers import SamplerContract, SamplerFactory


class TestNSGAIISampler(SamplerContract):
    sampler_class = NSGAIISampler
    # Parents are the trials completed when a generation starts, which threads decide.
    deterministic_in_parallel: ClassVar[bool] = False

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        # Small generations, so the contract's 30 trials breed for several of them.
        return lambda seed: NSGAIISampler(seed=seed, population_size=6)


def zdt1(trial: Trial) -> tuple[float, float]:
    """ZDT1 in 4 dimensions: the front is f2 = 1 - sqrt(f1) where x1..x3 are 0."""
    x = [trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(4)]
    g = 1.0 + 9.0 * float(np.mean(x[1:]))
    return x[0], g * (1.0 - np.sqrt(x[0] / g))


def front_hypervolume(sampler: Sampler, n_trials: int) -> float:
    study = create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.optimize(zdt1, n_trials=n_trials)
    return study.hypervolume(reference=[1.0, 4.0])


def test_finds_a_larger_hypervolume_than_random_search_over_seeds() -> None:
    seeds = range(5)
    evolved = [front_hypervolume(NSGAIISampler(seed=s, population_size=15), 150) for s in seeds]
    random = [front_hypervolume(RandomSampler(seed=s), 150) for s in seeds]
    assert np.mean(evolved) > 1.1 * np.mean(random)
    assert sum(e > r for e, r in zip(evolved, random, strict=True)) >= 4


def test_never_breeds_from_failed_trials() -> None:
    # Children copy each categorical from a parent (no mutation here): once the first
    # generation is over, a configuration that failed is never proposed again.
    def objective(trial: Trial) -> tuple[float, float]:
        kind = trial.suggest_categorical("kind", ["works", "breaks"])
        x = trial.suggest_float("x", 0.0, 1.0)
        if kind == "breaks":
            raise RuntimeError("this configuration cannot be fitted")
        return x, 1.0 - x

    sampler = NSGAIISampler(seed=2, population_size=8, mutation_probability=0.0)
    study = create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.optimize(objective, n_trials=40, catch=(RuntimeError,))
    first, later = study.trials[:8], study.trials[8:]
    assert any(t.state is TrialState.FAIL for t in first)
    assert all(t.state is TrialState.COMPLETE for t in later)


def test_a_hyperparameter_a_parent_lacks_is_drawn_in_the_child() -> None:
    # "extra" exists only from trial 10 on: the parents of generation 2 lack it, yet their
    # children get values spread over its range rather than nothing or one copied value.
    def objective(trial: Trial) -> float:
        value = trial.suggest_float("x", 0.0, 1.0)
        if trial.number >= 10:
            value += trial.suggest_float("extra", 0.0, 1.0)
        return value

    study = create_study(sampler=NSGAIISampler(seed=0, population_size=5))
    study.optimize(objective, n_trials=15)
    extras = [t.params["extra"] for t in study.trials[10:]]
    assert len(set(extras)) == 5
    assert all(t.state is TrialState.COMPLETE for t in study.trials)


def test_minimises_one_objective_better_than_its_first_generation() -> None:
    def sphere(trial: Trial) -> float:
        return sum((trial.suggest_float(f"x{i}", -5.0, 5.0) - 1.0) ** 2 for i in range(3))

    study = create_study(sampler=NSGAIISampler(seed=1, population_size=10))
    study.optimize(sphere, n_trials=100)
    values = [value for t in study.trials if (value := t.value) is not None]
    assert len(values) == 100
    assert min(values[-10:]) < min(values[:10]) / 4


@pytest.mark.parametrize(
    ("argument", "value", "rule"),
    [
        ("population_size", 1, "an int >= 2"),
        ("population_size", 2.5, "an int >= 2"),
        ("crossover_probability", 1.5, r"a number in \[0, 1\]"),
        ("mutation_probability", -0.1, r"a number in \[0, 1\]"),
        ("crossover_eta", 0.0, "a finite number > 0"),
        ("mutation_eta", "big", "a finite number > 0"),
    ],
)
def test_bad_arguments_are_refused_naming_the_argument(
    argument: str, value: Any, rule: str
) -> None:
    study = create_study(sampler=NSGAIISampler(seed=0, **{argument: value}))
    with pytest.raises(InvalidArgumentError, match=rf"'{argument}'.*{rule}; got {value!r}"):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)


@pytest.mark.parametrize(
    "build",
    [
        lambda: create_study(sampler="nsga2", seed=4).sampler,
        lambda: build_sampler("nsga2", {"population_size": 8}, 4, {}),
    ],
)
def test_named_nsga2_in_python_and_in_configs(build: Callable[[], Sampler]) -> None:
    sampler = build()
    assert isinstance(sampler, NSGAIISampler)
    assert sampler.seed == 4
    assert sampler.name == "nsga2"
