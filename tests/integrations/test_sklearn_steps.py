"""scikit-learn training in reported steps: folds, partial_fit epochs, warm_start growth."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

import tunesmith
from tunesmith import TrialState
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn import (
    CrossValidationObjective,
    TrainingSteps,
    cross_validate_by_fold,
    cross_validate_in_steps,
)
from tunesmith.pruners import Pruner, SuccessiveHalvingPruner, ThresholdPruner

IRIS_X, IRIS_Y = load_iris(return_X_y=True)
CANCER_X, CANCER_Y = load_breast_cancer(return_X_y=True)


def _study(pruner: Pruner | None = None) -> tunesmith.Study:
    return tunesmith.create_study(direction="maximize", sampler="random", seed=0, pruner=pruner)


def _sgd() -> object:
    return make_pipeline(StandardScaler(), SGDClassifier(learning_rate="constant", random_state=0))


# Folds as steps ----------------------------------------------------------------


def test_folds_report_the_running_mean_score_and_complete_with_the_mean() -> None:
    objective = CrossValidationObjective(
        DecisionTreeClassifier(random_state=0),
        IRIS_X,
        IRIS_Y,
        "accuracy",
        3,
        space={"max_depth": tunesmith.Int(1, 4)},
    )
    study = _study()

    study.optimize(objective, n_trials=3)

    for trial in study.trials:
        folds = [trial.user_attrs[f"split{k}_test_score"] for k in range(3)]
        expected = {step: pytest.approx(np.mean(folds[:step])) for step in (1, 2, 3)}
        assert trial.intermediate_values == expected
        assert trial.value == pytest.approx(np.mean(folds))


def test_a_bad_configuration_is_pruned_after_its_first_fold_with_its_score() -> None:
    # A stump separates one iris class of three: about 0.6 accuracy, below the bound.
    objective = CrossValidationObjective(
        DecisionTreeClassifier(random_state=0),
        IRIS_X,
        IRIS_Y,
        "accuracy",
        5,
        space={"max_depth": [1, 4]},
    )
    study = _study(ThresholdPruner(lower=0.8))
    study.enqueue_trial({"max_depth": 4})
    study.enqueue_trial({"max_depth": 1})

    study.optimize(objective, n_trials=2)

    good, stump = study.trials
    assert good.state is TrialState.COMPLETE
    assert good.last_step == 5
    assert stump.state is TrialState.PRUNED
    assert stump.last_step == 1
    assert stump.value == stump.user_attrs["split0_test_score"] < 0.8
    assert "split1_test_score" not in stump.user_attrs
    assert "mean_train_score" not in stump.user_attrs


def test_by_fold_gives_what_cross_validate_gives() -> None:
    estimator = DecisionTreeClassifier(max_depth=2, random_state=0)
    cv = StratifiedKFold(4, shuffle=True, random_state=1)
    scoring = ["accuracy", "f1_macro"]

    ours = cross_validate_by_fold(
        estimator, IRIS_X, IRIS_Y, scoring=scoring, cv=cv, return_train_score=True
    )
    theirs = cross_validate(
        estimator, IRIS_X, IRIS_Y, scoring=scoring, cv=cv, return_train_score=True
    )

    assert not ours.pruned
    assert ours.last_step == 4
    assert set(ours.results) == set(theirs)
    for key in ("test_accuracy", "test_f1_macro", "train_accuracy", "train_f1_macro"):
        np.testing.assert_allclose(ours.results[key], theirs[key])


def test_several_metrics_need_the_one_to_report() -> None:
    trial = _study().ask()
    with pytest.raises(
        InvalidArgumentError, match=r"of 'scoring' \(accuracy, f1_macro\); got None"
    ):
        cross_validate_by_fold(
            DecisionTreeClassifier(), IRIS_X, IRIS_Y, scoring=["accuracy", "f1_macro"], trial=trial
        )
    run = cross_validate_by_fold(
        DecisionTreeClassifier(random_state=0),
        IRIS_X,
        IRIS_Y,
        scoring={"accuracy": "accuracy", "f1": "f1_macro"},
        trial=trial,
        report_metric="f1",
    )
    assert trial.study.trials[0].intermediate_values[5] == pytest.approx(
        np.mean(run.results["test_f1"])
    )


# partial_fit epochs --------------------------------------------------------------


def test_partial_fit_reports_every_epoch_and_ends_with_the_last_epochs_scores() -> None:
    objective = CrossValidationObjective(
        _sgd(),
        CANCER_X,
        CANCER_Y,
        "accuracy",
        3,
        space={"sgdclassifier__eta0": tunesmith.Float(1e-4, 1e-2, log=True)},
        steps=TrainingSteps("partial_fit", n_steps=6),
    )
    study = _study()

    study.optimize(objective, n_trials=2)

    for trial in study.trials:
        assert trial.state is TrialState.COMPLETE
        assert sorted(trial.intermediate_values) == [1, 2, 3, 4, 5, 6]
        folds = [trial.user_attrs[f"split{k}_test_score"] for k in range(3)]
        assert trial.value == pytest.approx(np.mean(folds)) == trial.intermediate_values[6]
        assert trial.user_attrs["mean_train_score"] > 0.9


def test_partial_fit_trains_one_epoch_per_step_on_each_fold() -> None:
    # An MLP trained 5 epochs by partial_fit, fold by fold, by hand.
    mlp = MLPClassifier(hidden_layer_sizes=(8,), learning_rate_init=0.01, random_state=0)
    model = make_pipeline(StandardScaler(), mlp)
    cv = StratifiedKFold(3)
    expected = []
    for train, test in cv.split(CANCER_X, CANCER_Y):
        scaler = StandardScaler().fit(CANCER_X[train])
        by_hand = MLPClassifier(hidden_layer_sizes=(8,), learning_rate_init=0.01, random_state=0)
        for _ in range(5):
            by_hand.partial_fit(scaler.transform(CANCER_X[train]), CANCER_Y[train], classes=[0, 1])
        expected.append(by_hand.score(scaler.transform(CANCER_X[test]), CANCER_Y[test]))

    run = cross_validate_in_steps(model, CANCER_X, CANCER_Y, TrainingSteps("partial_fit", 5), cv=cv)

    np.testing.assert_allclose(run.results["test_score"], expected)


def test_partial_fit_prunes_a_diverging_learning_rate_before_the_end() -> None:
    objective = CrossValidationObjective(
        _sgd(),
        CANCER_X,
        CANCER_Y,
        "accuracy",
        3,
        space={"sgdclassifier__eta0": tunesmith.Float(1e-5, 1e3, log=True)},
        steps=TrainingSteps("partial_fit", n_steps=9),
    )
    study = _study(SuccessiveHalvingPruner(min_resource=1, reduction_factor=3))
    # A sane rate first; then rates so small they barely learn: each is worse than the first.
    for eta0 in (1e-2, 1e-5, 2e-5, 4e-5):
        study.enqueue_trial({"sgdclassifier__eta0": eta0})

    study.optimize(objective, n_trials=4)

    first, *slow = study.trials
    assert first.state is TrialState.COMPLETE
    pruned = [t for t in slow if t.state is TrialState.PRUNED]
    assert pruned
    for trial in pruned:
        assert trial.last_step is not None
        assert trial.last_step < 9
        assert trial.value == trial.intermediate_values[trial.last_step]


# warm_start growth ---------------------------------------------------------------


def test_warm_start_grows_the_forest_to_the_same_scores_as_fitting_it_at_once() -> None:
    forest = RandomForestClassifier(n_estimators=8, random_state=0)
    cv = StratifiedKFold(3)

    run = cross_validate_in_steps(
        forest, IRIS_X, IRIS_Y, TrainingSteps("warm_start", 4), cv=cv, return_estimator=True
    )
    at_once = cross_validate(forest, IRIS_X, IRIS_Y, cv=cv)

    np.testing.assert_allclose(run.results["test_score"], at_once["test_score"])
    assert [len(model.estimators_) for model in run.results["estimator"]] == [8, 8, 8]


def test_warm_start_reports_each_growth_step_of_a_tuned_size() -> None:
    objective = CrossValidationObjective(
        RandomForestClassifier(random_state=0),
        IRIS_X,
        IRIS_Y,
        "accuracy",
        3,
        space={"n_estimators": [3, 12], "max_depth": [1, 3]},
        steps=TrainingSteps("warm_start", n_steps=3),
    )
    study = _study(ThresholdPruner(lower=0.8))
    study.enqueue_trial({"n_estimators": 12, "max_depth": 3})
    study.enqueue_trial({"n_estimators": 3, "max_depth": 1})

    study.optimize(objective, n_trials=2)

    deep, stumps = study.trials
    assert deep.state is TrialState.COMPLETE
    assert sorted(deep.intermediate_values) == [1, 2, 3]
    assert stumps.state is TrialState.PRUNED
    assert stumps.value == stumps.intermediate_values[stumps.last_step or 0] < 0.8


# Refusals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("estimator", "steps", "message"),
    [
        (
            DecisionTreeClassifier(),
            TrainingSteps("partial_fit", 5),
            "by='partial_fit' needs an estimator with partial_fit; DecisionTreeClassifier has none",
        ),
        (
            MLPClassifier(solver="lbfgs"),
            TrainingSteps("partial_fit", 5),
            "MLPClassifier has none with these hyperparameters",
        ),
        (
            DecisionTreeClassifier(),
            TrainingSteps("warm_start", 5),
            "'warm_start' and 'n_estimators'; DecisionTreeClassifier lacks warm_start",
        ),
        (
            RandomForestClassifier(),
            TrainingSteps("warm_start", 5, grow="max_iter"),
            "RandomForestClassifier lacks 'max_iter'",
        ),
    ],
)
def test_an_estimator_that_cannot_train_so_is_refused(
    estimator: object, steps: TrainingSteps, message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message.replace("(", r"\(")):
        cross_validate_in_steps(estimator, IRIS_X, IRIS_Y, steps)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"by": "epochs"}, "The 'by' argument of TrainingSteps must be one of"),
        ({"by": "partial_fit"}, "'n_steps' argument of TrainingSteps must be an int >= 1"),
        ({"by": "warm_start", "n_steps": 0}, "must be an int >= 1 when by='warm_start'; got 0."),
        ({"by": "folds", "n_steps": 3}, "must be None when by='folds'"),
    ],
)
def test_bad_training_steps_are_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        TrainingSteps(**arguments)  # type: ignore[arg-type]
