"""TPESampler as a user meets it: better optima, good choices, parallel workers, failures."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pytest

from tunesmith import Trial, TrialPruned, create_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.samplers import AutoSampler, RandomSampler, Sampler
from tunesmith.samplers.tpe import TPESampler
from tunesmith.space import Categorical, Float, Int
from tunesmith.trial import TrialState

SEEDS = range(4)


def branin(trial: Trial) -> float:
    x = trial.suggest_float("x", -5.0, 10.0)
    y = trial.suggest_float("y", 0.0, 15.0)
    return (
        (y - 5.1 / (4 * math.pi**2) * x**2 + 5 / math.pi * x - 6) ** 2
        + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x)
        + 10
    )


BRANIN_MINIMUM = 0.397887


def best_value(sampler: Sampler, objective: Callable[[Trial], float], n_trials: int) -> float:
    study = create_study(sampler=sampler)
    study.optimize(objective, n_trials=n_trials)
    return study.best_value


def late_params(
    sampler: Sampler, objective: Callable[[Trial], float], n_trials: int, **kw: object
) -> list[dict[str, object]]:
    """The hyperparameters of the trials after the startup ones."""
    study = create_study(sampler=sampler)
    study.optimize(objective, n_trials=n_trials, **kw)  # type: ignore[arg-type]
    return [t.params for t in study.trials if t.number >= 10]


def test_finds_a_better_optimum_than_random_search_on_branin() -> None:
    tpe = np.mean([best_value(TPESampler(seed=s), branin, 60) for s in SEEDS])
    random = np.mean([best_value(RandomSampler(seed=s), branin, 60) for s in SEEDS])
    assert tpe - BRANIN_MINIMUM < 0.5 * (random - BRANIN_MINIMUM)


def test_one_by_one_also_beats_random_search() -> None:
    tpe = np.mean([best_value(TPESampler(multivariate=False, seed=s), branin, 60) for s in SEEDS])
    random = np.mean([best_value(RandomSampler(seed=s), branin, 60) for s in SEEDS])
    assert tpe - BRANIN_MINIMUM < 0.5 * (random - BRANIN_MINIMUM)


def test_picks_the_best_choice_of_a_categorical_much_more_often() -> None:
    offsets = {"linear": 1.0, "poly": 0.6, "rbf": 0.0, "sigmoid": 1.2}

    def objective(trial: Trial) -> float:
        kernel = trial.suggest_categorical("kernel", list(offsets))
        return offsets[str(kernel)] + (trial.suggest_float("c", -1.0, 1.0) - 0.3) ** 2

    picks = [p["kernel"] for s in SEEDS for p in late_params(TPESampler(seed=s), objective, 40)]
    assert picks.count("rbf") / len(picks) > 0.6  # random search: 0.25


def test_optimises_integers_on_their_values() -> None:
    def objective(trial: Trial) -> float:
        n_estimators = trial.suggest_int("n_estimators", 1, 10_000, log=True)
        depth = trial.suggest_int("depth", 0, 2**40)  # far too many values to list
        return (math.log(n_estimators) - math.log(300)) ** 2 + (depth / 2**40 - 0.2) ** 2

    tpe = np.mean([best_value(TPESampler(seed=s), objective, 40) for s in SEEDS])
    random = np.mean([best_value(RandomSampler(seed=s), objective, 40) for s in SEEDS])
    assert tpe < 0.5 * random


def sphere(trial: Trial) -> float:
    return trial.suggest_float("x", -1.0, 1.0) ** 2 + trial.suggest_float("y", -1.0, 1.0) ** 2


def pending_distances(constant_liar: bool, seed: int) -> tuple[int, float, float]:
    """Four workers ask in a row after 20 trials, none telling a result yet.

    Returns how many distinct points they got, their mean and their smallest pairwise distance.
    """
    study = create_study(sampler=TPESampler(constant_liar=constant_liar, seed=seed))
    study.optimize(sphere, n_trials=20)
    space = {"x": Float(-1.0, 1.0), "y": Float(-1.0, 1.0)}
    pending = [study.ask(space) for _ in range(4)]
    assert len(study.get_trials([TrialState.RUNNING])) == 4
    points = np.array([[t.params["x"], t.params["y"]] for t in pending])
    distances = np.linalg.norm(points[:, None] - points[None], axis=2)[np.triu_indices(4, 1)]
    return len({tuple(p) for p in points}), float(distances.mean()), float(distances.min())


def test_running_trials_of_other_workers_push_proposals_apart() -> None:
    # Without the liar each worker still draws from its own stream, so the points differ
    # but crowd where l(x) / g(x) peaks; the liar keeps them from nearly coinciding.
    with_liar = np.array([pending_distances(True, s) for s in range(16)])
    without_liar = np.array([pending_distances(False, s) for s in range(16)])
    assert np.all(with_liar[:, 0] == 4)
    assert with_liar[:, 2].mean() > 1.5 * without_liar[:, 2].mean()
    assert with_liar[:, 1].mean() > 1.1 * without_liar[:, 1].mean()


def test_works_on_a_conditional_space_and_finds_the_best_branch() -> None:
    def objective(trial: Trial) -> float:
        model = trial.suggest_categorical("model", ["linear", "tree"])
        if model == "linear":
            return 1.0 + (math.log10(trial.suggest_float("alpha", 1e-4, 1e2, log=True)) - 0.5) ** 2
        depth = trial.suggest_int("depth", 1, 16)
        lr = trial.suggest_float("lr", 1e-3, 1.0, log=True)
        return (depth - 6) ** 2 / 50 + (math.log10(lr) + 1) ** 2

    for seed in SEEDS:
        study = create_study(sampler=TPESampler(seed=seed))
        study.optimize(objective, n_trials=40)
        late = [t for t in study.trials if t.number >= 10]
        for trial in study.trials:
            linear = trial.params["model"] == "linear"
            assert set(trial.params) == ({"model", "alpha"} if linear else {"model", "depth", "lr"})
        assert sum(t.params["model"] == "tree" for t in late) / len(late) > 0.6
        assert study.best_value < 0.2


def valley_or_floor(trial: Trial) -> float:
    """The valley branch holds the optimum (0), but most of it is worse than the floor branch.

    The floor branch reaches 0.5 within a few trials (k = 14, z = 0.5), while a random point of
    the valley (Branin, scaled) beats that only about one time in eleven.
    """
    if trial.suggest_categorical("kind", ["valley", "floor"]) == "valley":
        return (branin(trial) - BRANIN_MINIMUM) / 10
    k = trial.suggest_int("k", 0, 20)
    z = trial.suggest_float("z", -3.0, 3.0)
    return 0.5 + ((k - 14) / 5) ** 2 + (z - 0.5) ** 2


@pytest.mark.slow
@pytest.mark.parametrize("make_sampler", [TPESampler, AutoSampler], ids=["tpe", "auto"])
def test_a_conditional_space_settles_on_the_best_branch_near_its_optimum(
    make_sampler: Callable[..., Sampler],
) -> None:
    # Each branch's hyperparameters are modelled from that branch's own trials, and the
    # branch choice keeps trying the other branch: no seed settles for the floor.
    n_trials = 60
    best: list[float] = []
    random_best: list[float] = []
    late_kinds: list[object] = []
    for seed in range(6):
        study = create_study(sampler=make_sampler(seed=seed))
        study.optimize(valley_or_floor, n_trials=n_trials)
        assert study.best_params["kind"] == "valley"
        assert study.best_value < 0.1  # well below the floor: near the valley's optimum
        late_kinds += [t.params["kind"] for t in study.trials[n_trials // 2 :]]
        best.append(study.best_value)
        random_best.append(best_value(RandomSampler(seed=seed), valley_or_floor, n_trials))
    assert late_kinds.count("valley") / len(late_kinds) > 0.7  # random search: 0.5
    assert np.median(best) < 0.5 * np.median(random_best)


def test_stays_away_from_a_region_where_trials_failed() -> None:
    def objective(trial: Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        y = trial.suggest_float("y", 0.0, 1.0)
        if x > 0.8:
            raise ValueError("out of memory")
        return (y - 0.5) ** 2  # x does not matter where it works

    late = [
        p for s in SEEDS for p in late_params(TPESampler(seed=s), objective, 50, catch=ValueError)
    ]
    assert np.mean([p["x"] > 0.8 for p in late]) < 0.08  # random search: 0.2


def test_does_not_propose_again_a_configuration_that_failed() -> None:
    def objective(trial: Trial) -> float:
        kind = trial.suggest_categorical("kind", ["a", "b", "c", "d"])
        depth = trial.suggest_int("depth", 1, 6)
        if (kind, depth) == ("b", 3):  # would be the best, but runs out of memory
            raise MemoryError("out of memory")
        return {"a": 1.0, "b": 0.0, "c": 1.5, "d": 2.0}[str(kind)] + 0.1 * (depth - 3) ** 2

    for seed in SEEDS:
        study = create_study(sampler=TPESampler(seed=seed))
        study.optimize(objective, n_trials=40, catch=MemoryError)
        assert len(study.get_trials([TrialState.FAIL])) <= 1  # random search: 1.7 on average
        # It still searches right beside the failure, where the best values are.
        late = [t.params["kind"] for t in study.trials if t.number >= 10]
        assert late.count("b") / len(late) > 0.6


def test_stays_away_from_a_region_where_trials_were_pruned() -> None:
    def objective(trial: Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        y = trial.suggest_float("y", 0.0, 1.0)
        if x < 0.3:
            trial.report(10.0, step=0)
            raise TrialPruned()
        return (y - 0.5) ** 2

    late = [p for s in SEEDS for p in late_params(TPESampler(seed=s), objective, 50)]
    assert np.mean([p["x"] < 0.3 for p in late]) < 0.12  # random search: 0.3


def test_several_objectives_concentrate_on_the_pareto_set() -> None:
    def objectives(trial: Trial) -> tuple[float, float]:
        x = trial.suggest_float("x", 0.0, 1.0)
        y = trial.suggest_float("y", -1.0, 1.0)
        return x + y**2, 1.0 - x + y**2  # the Pareto set is y = 0

    near = []
    for seed in SEEDS:
        study = create_study(directions=["minimize", "minimize"], sampler=TPESampler(seed=seed))
        study.optimize(objectives, n_trials=40)
        near += [abs(t.params["y"]) < 0.15 for t in study.trials if t.number >= 10]
    assert np.mean(near) > 0.4  # random search: 0.15


def test_the_same_seed_gives_the_same_proposals_after_startup() -> None:
    def run(seed: int) -> list[dict[str, object]]:
        study = create_study(sampler=TPESampler(seed=seed))
        study.optimize(branin, n_trials=25)
        return [t.params for t in study.trials]

    assert run(3) == run(3)
    assert run(3)[10:] != run(4)[10:]


@pytest.mark.parametrize(
    ("argument", "value", "rule"),
    [
        ("n_startup_trials", -1, "an int >= 0"),
        ("n_ei_candidates", 0, "an int >= 1"),
        ("gamma", 1.5, "None or a number in (0, 1]"),
        ("gamma", 0.0, "None or a number in (0, 1]"),
        ("multivariate", "yes", "a bool"),
        ("constant_liar", None, "a bool"),
    ],
)
def test_a_bad_argument_is_refused_on_first_use_naming_it(
    argument: str, value: object, rule: str
) -> None:
    sampler = TPESampler(**{argument: value})  # type: ignore[arg-type]
    assert f"{argument}={value!r}" in repr(sampler)  # stored as given
    study = create_study(sampler=sampler)
    message = f"The '{argument}' argument of TPESampler must be {rule}; got {value!r}."
    with pytest.raises(InvalidArgumentError, match=f"^{re.escape(message)}$"):
        study.optimize(branin, n_trials=1)


def test_a_single_valued_range_and_new_hyperparameters_work_after_startup() -> None:
    def objective(trial: Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        fixed = trial.suggest_int("fixed", 4, 4)
        late = trial.suggest_categorical("late", ["a", "b"]) if trial.number >= 15 else "a"
        return x + fixed + (late == "b")

    study = create_study(sampler=TPESampler(seed=0))
    study.optimize(objective, n_trials=25)
    assert all(t.state is TrialState.COMPLETE for t in study.trials)
    assert {t.params["fixed"] for t in study.trials} == {4}
    assert Int(4, 4).contains(study.trials[-1].params["fixed"])
    assert Categorical(["a", "b"]).contains(study.trials[-1].params["late"])
