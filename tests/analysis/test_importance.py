"""importance(study): shares of the variance of functions whose decomposition is known."""

from __future__ import annotations

from pathlib import Path

import pytest

import tunesmith
from tunesmith.exceptions import InvalidArgumentError

# f = 4*x0 + 2*x1**2 + 0*x2 + x0*x3 with x uniform on [0, 1]. Main-effect variances:
# x0: E[f | x0] = 4.5*x0, 4.5**2/12; x1: 4*(1/5 - 1/9); x2: 0; x3: E[f | x3] = x3/2, 1/48;
# the x0*x3 interaction adds 1/144 to the total and belongs to no main effect.
_MAIN_EFFECTS = {"x0": 4.5**2 / 12, "x1": 4 * (1 / 5 - 1 / 9), "x2": 0.0, "x3": 1 / 48}
TRUE_SHARES = {name: v / sum(_MAIN_EFFECTS.values()) for name, v in _MAIN_EFFECTS.items()}


def analytic(trial: tunesmith.Trial) -> float:
    x = [trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(4)]
    return 4 * x[0] + 2 * x[1] ** 2 + 0 * x[2] + x[0] * x[3]


def random_study(n_trials: int, storage: str | None = None) -> tunesmith.Study:
    study = tunesmith.create_study(storage=storage, sampler="random", seed=3)
    study.optimize(analytic, n_trials=n_trials)
    return study


@pytest.fixture(scope="module")
def thousand() -> tunesmith.Study:
    return random_study(1000)


def test_fanova_shares_are_within_005_of_the_analytic_ones_with_1000_trials(
    thousand: tunesmith.Study,
) -> None:
    result = tunesmith.importance(thousand, seed=0)

    assert result.method == "fanova"
    assert result.n_trials == 1000
    for name, share in TRUE_SHARES.items():
        assert result.shares[name] == pytest.approx(share, abs=0.05), name
    assert sum(result.shares.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("method", ["fanova", "ped_anova"])
def test_200_trials_rank_the_hyperparameters_right(method: str, tmp_path: Path) -> None:
    study = random_study(200, f"sqlite:///{tmp_path / 'studies.db'}")
    loaded = tunesmith.load_study(study.study_name, f"sqlite:///{tmp_path / 'studies.db'}")

    ranking = tunesmith.importance(loaded, method=method, seed=0).ranking()

    # PED-ANOVA looks at where the best trials gather, not at variance: x3's tiny main effect
    # and x2's nothing need not be told apart by it.
    expected = ["x0", "x1", "x3", "x2"] if method == "fanova" else ["x0", "x1"]
    assert ranking[: len(expected)] == expected


def test_ped_anova_finds_the_dominant_hyperparameter(thousand: tunesmith.Study) -> None:
    result = tunesmith.importance(thousand, method="ped_anova")

    assert result.ranking()[:2] == ["x0", "x1"]
    assert result.shares["x0"] > 0.5
    assert sum(result.shares.values()) == pytest.approx(1.0)


def test_the_same_seed_gives_the_same_shares(thousand: tunesmith.Study) -> None:
    first = tunesmith.importance(thousand, seed=7, params=["x0", "x3"])
    second = tunesmith.importance(thousand, seed=7, params=["x0", "x3"])

    assert first == second
    assert list(first.shares) == ["x0", "x3"]


def conditional(trial: tunesmith.Trial) -> float:
    kernel = trial.suggest_categorical("kernel", ["flat", "steep"])
    if kernel == "flat":
        return 0.1 * trial.suggest_float("width", 0.0, 1.0)
    return 10.0 + 5.0 * trial.suggest_float("slope", 0.0, 1.0)


@pytest.mark.parametrize("method", ["fanova", "ped_anova"])
def test_a_conditional_hyperparameter_is_measured_over_the_trials_that_used_it(
    method: str,
) -> None:
    study = tunesmith.create_study(sampler="random", seed=1)
    study.optimize(conditional, n_trials=300)

    result = tunesmith.importance(study, method=method, seed=0)

    used = result.n_trials_used
    assert result.n_trials == 300
    assert used["kernel"] == 300
    assert used["width"] + used["slope"] == 300
    assert sorted(result.conditional) == ["slope", "width"]
    # kernel decides most of the variance overall; among the trials that used it, slope alone
    # moves the value (kernel is constant there), so it takes the whole share.
    assert result.shares["kernel"] == pytest.approx(1.0)
    if method == "fanova":
        assert result.shares["slope"] > 0.95
        assert result.shares["width"] > 0.95


def two_objectives(trial: tunesmith.Trial) -> tuple[float, float]:
    a = trial.suggest_float("a", 0.0, 1.0)
    b = trial.suggest_float("b", 0.0, 1.0)
    return a + 0.05 * b, b + 0.05 * a


def test_target_picks_an_objective_by_index_or_metric_name() -> None:
    study = tunesmith.create_study(directions=["minimize", "maximize"], sampler="random", seed=0)
    study.set_metric_names(["loss", "accuracy"])
    study.optimize(two_objectives, n_trials=200)

    assert tunesmith.importance(study, target=0, seed=0).ranking() == ["a", "b"]
    assert tunesmith.importance(study, target="accuracy", seed=0).ranking() == ["b", "a"]
    with pytest.raises(InvalidArgumentError, match=r"'target' argument of importance.*got None"):
        tunesmith.importance(study)
    with pytest.raises(InvalidArgumentError, match=r"'target'.*got 'speed'"):
        tunesmith.importance(study, target="speed")


def pruned_when_large(trial: tunesmith.Trial) -> float:
    x = trial.suggest_float("x", 0.0, 1.0)
    trial.suggest_float("y", 0.0, 1.0)
    trial.report(x, step=0)
    if x > 0.5:
        raise tunesmith.TrialPruned()
    return x


def test_pruned_trials_are_left_out_unless_asked_for() -> None:
    study = tunesmith.create_study(sampler="random", seed=0)
    study.optimize(pruned_when_large, n_trials=100)
    n_pruned = len(study.get_trials([tunesmith.TrialState.PRUNED]))

    assert 20 < n_pruned < 80
    assert tunesmith.importance(study, method="ped_anova").n_trials == 100 - n_pruned
    with_pruned = tunesmith.importance(study, method="ped_anova", include_pruned=True)
    assert with_pruned.n_trials == 100


def test_bad_arguments_are_refused_with_the_argument_named(thousand: tunesmith.Study) -> None:
    with pytest.raises(InvalidArgumentError, match=r"'method' argument of importance.*'anova'"):
        tunesmith.importance(thousand, method="anova")
    with pytest.raises(InvalidArgumentError, match=r"'params' argument.*\['x9'\]"):
        tunesmith.importance(thousand, params=["x9"])
    with pytest.raises(InvalidArgumentError, match=r"at least 2 trials.*got 0"):
        tunesmith.importance(tunesmith.create_study())
