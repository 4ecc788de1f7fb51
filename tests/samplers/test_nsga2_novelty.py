"""NSGA-II never spends a trial on a configuration the study has already tried, while it can."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
import pytest

from tunesmith import Int, Trial, create_study
from tunesmith.samplers import AutoSampler, NSGAIISampler
from tunesmith.samplers._nsga2.novelty import breed_unseen
from tunesmith.samplers._nsga2.variation import Variation, breed, mutate_one
from tunesmith.samplers.encoding import from_unit_rows
from tunesmith.space import Categorical, Distribution
from tunesmith.testing.samplers import SamplerContract, SamplerFactory
from tunesmith.trial import FrozenTrial


def forest_like(trial: Trial) -> tuple[float, float]:
    """Accuracy and size of a forest-like model: deeper, wider forests score more and weigh more."""
    n_estimators = trial.suggest_int("n_estimators", 3, 300, log=True)
    max_depth = trial.suggest_int("max_depth", 1, 12)
    max_features = trial.suggest_float("max_features", 0.05, 1.0)
    accuracy = (
        1.0
        - 0.3 * math.exp(-n_estimators / 20)
        - 0.3 * math.exp(-max_depth / 3)
        - 0.1 * (max_features - 0.4) ** 2
    )
    return accuracy, float(n_estimators * 2 ** min(max_depth, 8))


def configuration(trial: FrozenTrial) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(trial.params.items()))


@pytest.mark.parametrize(
    "make_sampler",
    [
        lambda seed: NSGAIISampler(seed=seed),
        lambda seed: NSGAIISampler(seed=seed, population_size=8),
        lambda seed: AutoSampler(seed=seed),
    ],
    ids=["nsga2", "nsga2-population-8", "auto"],
)
@pytest.mark.parametrize("seed", [0, 1])
def test_no_two_trials_of_a_study_share_a_configuration(
    make_sampler: SamplerFactory, seed: int
) -> None:
    # Integers round small moves back to a parent's value, and a child that neither crosses nor
    # mutates is a copy of its parent: both used to give trials a configuration already tried.
    study = create_study(directions=["maximize", "minimize"], sampler=make_sampler(seed))
    study.optimize(forest_like, n_trials=60)
    configurations = [configuration(t) for t in study.trials]
    assert len(configurations) == 60
    assert len(set(configurations)) == 60


def test_the_random_first_generation_holds_no_repeats() -> None:
    # 15 random points among 36 integer configurations would meet (a birthday problem).
    def objective(trial: Trial) -> tuple[float, float]:
        a, b = trial.suggest_int("a", 1, 6), trial.suggest_int("b", 1, 6)
        return a - b, b - a

    for seed in range(3):
        sampler = NSGAIISampler(seed=seed, population_size=20)
        study = create_study(directions=["minimize", "minimize"], sampler=sampler)
        study.optimize(objective, n_trials=15)
        assert len({configuration(t) for t in study.trials}) == 15


def test_a_batch_asked_at_once_holds_no_repeats() -> None:
    # Six integer configurations to start from, then a whole generation asked in one batch: its
    # children share their parents, and each must differ from the others and from the parents.
    space = {"a": Int(1, 8), "b": Int(1, 8)}
    study = create_study(
        directions=["minimize", "minimize"], sampler=NSGAIISampler(seed=3, population_size=6)
    )
    for a, b in [(1, 8), (2, 6), (3, 5), (5, 3), (6, 2), (8, 1)]:
        study.enqueue_trial({"a": a, "b": b})
    for _ in range(3):
        for trial in study.ask(6, space):
            a, b = trial.params["a"], trial.params["b"]
            study.tell(trial, (a + 0.1 * b, b + 0.1 * a))
    configurations = [configuration(t) for t in study.trials]
    assert len(configurations) == 18
    assert len(set(configurations)) == 18


def test_a_used_up_space_still_gives_every_trial_a_configuration() -> None:
    # Four configurations in all: once they are tried, a child repeats one rather than fail.
    def objective(trial: Trial) -> tuple[float, float]:
        kind = trial.suggest_categorical("kind", ["a", "b"])
        size = trial.suggest_int("size", 1, 2)
        return size + (kind == "a"), -size

    study = create_study(
        directions=["minimize", "minimize"], sampler=NSGAIISampler(seed=0, population_size=4)
    )
    study.optimize(objective, n_trials=16)
    configurations = {configuration(t) for t in study.trials}
    assert len(study.trials) == 16
    assert len(configurations) == 4


class TestNSGAIISamplerOnAnIntegerSpace(SamplerContract):
    sampler_class = NSGAIISampler
    # On integers alone, children often repeat their parents and are bred again: seeds must
    # still give the same trials, in another process and in a study loaded again.
    space: ClassVar[Mapping[str, Distribution]] = {
        "int": Int(-3, 7),
        "log_int": Int(1, 64, log=True),
        "categorical": Categorical(["x", "y", "z"]),
    }
    deterministic_in_parallel: ClassVar[bool] = False

    @pytest.fixture
    def make_sampler(self) -> SamplerFactory:
        return lambda seed: NSGAIISampler(seed=seed, population_size=6)


VARIATION = Variation(
    crossover_probability=0.9, mutation_probability=None, crossover_eta=20.0, mutation_eta=20.0
)


def test_a_sure_mutation_changes_one_value_only() -> None:
    child = np.array([0.2, np.nan, 0.5, 0.9])
    categorical = np.array([False, False, True, False])
    changed_columns = set()
    for seed in range(200):
        mutated = mutate_one(child, categorical, 20.0, np.random.default_rng(seed))
        changed = np.flatnonzero(~np.isclose(mutated, child, equal_nan=True))
        assert changed.size <= 1
        changed_columns.update(changed.tolist())
        assert np.isnan(mutated[1])
    assert changed_columns == {0, 2, 3}


def test_a_child_that_repeats_its_parent_is_bred_into_a_neighbour() -> None:
    # Both parents are the one tried configuration (depth 4 of 1..12, 50 trees of 3..300):
    # an untried child must still come from near them, not from anywhere in the space.
    distributions: list[Distribution] = [Int(1, 12), Int(3, 300, log=True)]
    tried = np.array([[4.0, 50.0]])
    parent = np.column_stack(
        [d.to_unit(value) for d, value in zip(distributions, tried[0], strict=True)]
    )[0]
    categorical = np.zeros(2, dtype=bool)
    children = [
        breed_unseen(
            parent, parent, categorical, VARIATION, distributions, tried, np.random.default_rng(s)
        )
        for s in range(50)
    ]
    decoded = from_unit_rows(distributions, np.array(children))
    assert not (decoded == tried).all(axis=1).any()
    assert np.median(np.abs(decoded[:, 0] - 4.0)) <= 2
    assert np.median(np.abs(np.log(decoded[:, 1] / 50.0))) < np.log(2.0)


def test_breeding_gives_the_first_child_when_every_configuration_is_tried() -> None:
    # Two integers and two choices, all four tried: no attempt can succeed, and the child is the
    # one plain breeding gives from the same stream (NSGA-II's behaviour without the check).
    distributions: list[Distribution] = [Int(1, 2), Categorical(["a", "b"])]
    tried = np.array([[1.0, 0.0], [1.0, 1.0], [2.0, 0.0], [2.0, 1.0]])
    first, second = np.array([0.25, 0.25]), np.array([0.75, 0.75])
    categorical = np.array([False, True])
    for seed in range(10):
        child = breed_unseen(
            first, second, categorical, VARIATION, distributions, tried, np.random.default_rng(seed)
        )
        plain = breed(first, second, categorical, VARIATION, np.random.default_rng(seed))
        assert child.tolist() == plain.tolist()
