"""overfitting(study): train vs validation gaps, flagged above max_gap; real models, real SQLite."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from sklearn.datasets import make_classification, make_regression
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import tunesmith
from scored_studies import scored_study
from tunesmith.analysis import DEFAULT_MAX_GAP, overfitting, train_validation_gaps
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn import CrossValidationObjective
from tunesmith.sklearn import TuneSearchCV

# Labels with a third of them flipped at random: a deep tree memorises the noise.
X_NOISY, Y_NOISY = make_classification(
    n_samples=300, n_features=6, n_informative=3, flip_y=0.3, random_state=0
)
DEEP, SHALLOW = 30, 1


def _sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'studies.db'}"


def _tree_study(storage: str, depths: list[int]) -> tunesmith.Study:
    objective = CrossValidationObjective(
        DecisionTreeClassifier(random_state=0),
        X_NOISY,
        Y_NOISY,
        "accuracy",
        5,
        space={"max_depth": tunesmith.Int(1, DEEP)},
    )
    study = tunesmith.create_study(storage=storage, direction="maximize", sampler="random")
    for depth in depths:
        study.enqueue_trial({"max_depth": depth})
    study.optimize(objective, n_trials=len(depths))
    return study


def test_a_deep_tree_on_noisy_labels_is_flagged_and_a_stump_is_not(tmp_path: Path) -> None:
    # Each alone in its study: with no other trial to compare, the gap and its noise decide.
    deep_study = _tree_study(_sqlite(tmp_path), [DEEP])
    stump_study = _tree_study(_sqlite(tmp_path), [SHALLOW])

    (deep,) = overfitting(tunesmith.load_study(deep_study.study_name, _sqlite(tmp_path)))
    (shallow,) = overfitting(stump_study)

    assert deep.train == 1.0  # it memorised its training folds
    assert deep.flagged
    assert deep.gap > DEFAULT_MAX_GAP
    assert deep.gap > 2 * deep.noise > 0
    assert not shallow.flagged
    assert shallow.gap <= DEFAULT_MAX_GAP
    for record, study in ((deep, deep_study), (shallow, stump_study)):
        assert record.validation == study.trials[0].value
        assert record.gap == pytest.approx(record.train - record.validation)


def test_trials_past_the_sweet_spot_are_flagged_and_noise_level_gaps_are_not() -> None:
    # A validation curve over capacity: validation peaks at trial 1, then falls while train
    # climbs to 1.0 (trials 3, 4). Trial 0 underfits; trial 2's gap is within its fold noise.
    study = scored_study(
        [
            (0.70, 0.78, [0.69, 0.70, 0.71, 0.70, 0.70]),  # underfits: nothing fits less
            (0.90, 0.93, [0.89, 0.90, 0.91, 0.90, 0.90]),  # the sweet spot
            (0.82, 0.90, [0.62, 0.95, 0.70, 0.98, 0.85]),  # a noisy gap: folds 0.62 to 0.98
            (0.84, 0.99, [0.83, 0.84, 0.85, 0.84, 0.84]),  # past it: memorises
            (0.78, 1.00, [0.76, 0.78, 0.80, 0.78, 0.78]),  # further past it
        ]
    )

    records = overfitting(study)

    assert [record.number for record in records if record.flagged] == [3, 4]
    assert [records[3].fits_less_validates_better, records[4].fits_less_validates_better] == [1, 1]
    assert records[0].gap > DEFAULT_MAX_GAP  # a wide gap, but the model underfits
    assert records[2].gap > DEFAULT_MAX_GAP  # a wide gap, but within the noise of its folds
    assert records[1].gap <= DEFAULT_MAX_GAP


def test_a_gap_bought_back_on_validation_is_not_flagged() -> None:
    # Forests: more depth widens the gap, and validation keeps rising with it.
    study = scored_study(
        [
            (0.30, 0.40, [0.28, 0.30, 0.32]),
            (0.40, 0.60, [0.38, 0.40, 0.42]),
            (0.45, 0.85, [0.43, 0.45, 0.47]),
        ]
    )

    assert not any(record.flagged for record in overfitting(study))


def test_max_gap_sets_the_threshold(tmp_path: Path) -> None:
    study = _tree_study(_sqlite(tmp_path), [DEEP])
    (record,) = overfitting(study)

    assert overfitting(study, max_gap=record.gap - 0.01)[0].flagged
    assert not overfitting(study, max_gap=record.gap)[0].flagged  # flagged above, not at


def _regression_study(storage: str, name: str, *, as_loss: bool) -> tunesmith.Study:
    features, target = make_regression(n_samples=200, n_features=4, noise=30.0, random_state=0)
    cross_validate = CrossValidationObjective(
        DecisionTreeRegressor(random_state=0),
        features,
        target,
        "neg_mean_squared_error",
        4,
        space={"max_depth": tunesmith.Int(20, 20)},
    )

    def squared_error(trial: tunesmith.Trial) -> float:
        # The user's own objective: the mean squared error itself, minimised.
        negated = cross_validate(trial)
        trial.set_user_attr("mean_train_score", -trial.user_attrs["mean_train_score"])
        return -negated

    direction = "minimize" if as_loss else "maximize"
    study = tunesmith.create_study(name, storage=storage, direction=direction)
    study.optimize(squared_error if as_loss else cross_validate, n_trials=1)
    return study


def test_train_better_than_validation_is_a_positive_gap_for_a_minimised_loss_too(
    tmp_path: Path,
) -> None:
    storage = _sqlite(tmp_path)
    (loss,) = overfitting(_regression_study(storage, "mse", as_loss=True))
    (score,) = overfitting(_regression_study(storage, "neg-mse", as_loss=False))

    # A deep tree fits its training folds far better: a lower train loss.
    assert loss.train < loss.validation
    assert loss.gap == pytest.approx(loss.validation - loss.train)
    assert loss.gap > 0
    assert loss.flagged
    # The same models scored by the negated loss, maximised, give the same gap.
    assert score.train > score.validation
    assert score.gap == pytest.approx(loss.gap)


def test_the_gap_of_arrays_follows_the_direction() -> None:
    assert train_validation_gaps([0.9], [0.8], maximize=True)[0] == pytest.approx(0.1)
    assert train_validation_gaps([0.2], [0.5], maximize=False)[0] == pytest.approx(0.3)
    assert train_validation_gaps([0.8], [0.9], maximize=True)[0] == pytest.approx(-0.1)


def test_a_study_without_train_scores_has_no_records(tmp_path: Path) -> None:
    study = tunesmith.create_study(storage=_sqlite(tmp_path), sampler="random", seed=0)
    study.optimize(lambda trial: trial.suggest_float("x", 0, 1) ** 2, n_trials=3)

    assert overfitting(study) == []
    assert overfitting(tunesmith.create_study()) == []


def test_trials_whose_train_score_was_nan_are_left_out() -> None:
    study = tunesmith.create_study(direction="maximize")
    for train in (None, 0.99):
        trial = study.ask()
        trial.set_user_attr("mean_train_score", train)
        study.tell(trial, 0.9)

    assert [record.number for record in overfitting(study)] == [1]


@pytest.mark.parametrize("max_gap", [-0.1, math.nan, math.inf, "0.1", True, None])
def test_a_bad_max_gap_is_refused_naming_it(max_gap: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="'max_gap'") as raised:
        overfitting(tunesmith.create_study(), max_gap=max_gap)
    assert f"got {max_gap!r}" in str(raised.value)


def test_tune_search_cv_records_train_scores_when_asked() -> None:
    grid = {"max_depth": [SHALLOW, DEEP]}
    search = TuneSearchCV(DecisionTreeClassifier(random_state=0), grid, cv=5)
    with_train = TuneSearchCV(
        DecisionTreeClassifier(random_state=0), grid, cv=5, return_train_score=True
    )

    search.fit(X_NOISY, Y_NOISY)
    with_train.fit(X_NOISY, Y_NOISY)

    assert overfitting(search.study_) == []
    records = {record.number: record for record in overfitting(with_train.study_)}
    results = with_train.cv_results_
    for index, trial in enumerate(with_train.study_.trials):
        record = records[trial.number]
        assert record.train == pytest.approx(results["mean_train_score"][index])
        assert record.validation == pytest.approx(results["mean_test_score"][index])
        # The deep tree validates best here, so nothing is past a sweet spot to flag.
        assert not record.flagged
