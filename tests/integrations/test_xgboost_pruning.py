"""XGBoostPruningCallback: each round's validation metric reaches the trial; pruned trials stop."""

from __future__ import annotations

import pytest
import xgboost as xgb
from pruning_cases import (
    RATES,
    ROUNDS,
    TRAIN,
    VALID,
    X,
    Y,
    assert_reported_and_pruned_as_expected,
    every_pruner,
)

import tunesmith
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.xgboost import XGBoostPruningCallback
from tunesmith.pruners import Pruner, ThresholdPruner

PARAMS = {"objective": "binary:logistic", "eval_metric": "logloss", "max_depth": 3, "nthread": 1}


def train_and_valid() -> tuple[xgb.DMatrix, xgb.DMatrix]:
    return xgb.DMatrix(X[TRAIN], Y[TRAIN]), xgb.DMatrix(X[VALID], Y[VALID])


def test_each_round_reports_the_last_evaluation_sets_metric() -> None:
    study = tunesmith.create_study()
    trial = study.ask()
    recorded: dict[str, dict[str, list[float]]] = {}
    train, valid = train_and_valid()
    xgb.train(
        PARAMS,
        train,
        num_boost_round=5,
        evals=[(train, "train"), (valid, "valid")],
        evals_result=recorded,
        verbose_eval=False,
        callbacks=[XGBoostPruningCallback(trial, "logloss")],
    )
    study.tell(trial, recorded["valid"]["logloss"][-1])

    expected = dict(enumerate(recorded["valid"]["logloss"], start=1))
    assert dict(study.trials[0].intermediate_values) == pytest.approx(expected)


def test_under_cross_validation_the_mean_over_folds_is_reported() -> None:
    study = tunesmith.create_study()
    trial = study.ask()

    history = xgb.cv(
        PARAMS,
        xgb.DMatrix(X, Y),
        num_boost_round=4,
        nfold=3,
        seed=0,
        callbacks=[XGBoostPruningCallback(trial, "logloss")],
    )
    means = list(history["test-logloss-mean"])
    study.tell(trial, means[-1])

    assert dict(study.trials[0].intermediate_values) == pytest.approx(
        dict(enumerate(means, start=1))
    )


def test_a_pruned_trial_trains_no_further_round_and_is_recorded_pruned() -> None:
    study = tunesmith.create_study(pruner=ThresholdPruner(upper=0.5))

    def objective(trial: tunesmith.Trial) -> float:
        train, valid = train_and_valid()
        booster = xgb.train(
            {**PARAMS, "learning_rate": 0.05},
            train,
            num_boost_round=ROUNDS,
            evals=[(valid, "valid")],
            verbose_eval=False,
            callbacks=[XGBoostPruningCallback(trial, "logloss")],
        )
        return float(booster.eval(valid).split(":")[-1])

    study.optimize(objective, n_trials=1)

    trial = study.trials[0]
    assert trial.state is tunesmith.TrialState.PRUNED
    assert dict(trial.intermediate_values).keys() == {1}


def test_a_pruned_cross_validation_stops_and_is_recorded_pruned() -> None:
    study = tunesmith.create_study(pruner=ThresholdPruner(upper=0.5))

    def objective(trial: tunesmith.Trial) -> float:
        history = xgb.cv(
            {**PARAMS, "learning_rate": 0.05},
            xgb.DMatrix(X, Y),
            num_boost_round=ROUNDS,
            nfold=3,
            callbacks=[XGBoostPruningCallback(trial, "logloss")],
        )
        return float(history["test-logloss-mean"].iloc[-1])

    study.optimize(objective, n_trials=1)

    assert study.trials[0].state is tunesmith.TrialState.PRUNED
    assert study.trials[0].last_step == 1


def test_the_scikit_learn_wrapper_is_pruned_and_can_be_fitted_again() -> None:
    study = tunesmith.create_study(pruner=ThresholdPruner(upper=0.5))
    fits: list[str] = []

    def objective(trial: tunesmith.Trial) -> float:
        rate = 0.05 if trial.number == 0 else 0.9
        model = xgb.XGBClassifier(
            n_estimators=ROUNDS,
            learning_rate=rate,
            max_depth=3,
            n_jobs=1,
            callbacks=[XGBoostPruningCallback(trial, "logloss")],
        )
        fits.append(f"{rate}")
        model.fit(X[TRAIN], Y[TRAIN], eval_set=[(X[VALID], Y[VALID])], verbose=False)
        return float(model.score(X[VALID], Y[VALID]))

    study.optimize(objective, n_trials=2)

    assert [t.state for t in study.trials] == [
        tunesmith.TrialState.PRUNED,
        tunesmith.TrialState.COMPLETE,
    ]
    assert len(study.trials[1].intermediate_values) == ROUNDS


@pytest.mark.parametrize(("name", "pruner"), every_pruner(), ids=lambda case: str(case))
def test_every_pruner_stops_poor_trials_early_and_lets_good_ones_finish(
    name: str, pruner: Pruner
) -> None:
    study = tunesmith.create_study(pruner=pruner)

    def objective(trial: tunesmith.Trial) -> float:
        train, valid = train_and_valid()
        recorded: dict[str, dict[str, list[float]]] = {}
        xgb.train(
            {**PARAMS, "learning_rate": RATES[trial.number]},
            train,
            num_boost_round=ROUNDS,
            evals=[(valid, "valid")],
            evals_result=recorded,
            verbose_eval=False,
            callbacks=[XGBoostPruningCallback(trial, "logloss")],
        )
        return min(recorded["valid"]["logloss"])

    study.optimize(objective, n_trials=len(RATES))

    assert_reported_and_pruned_as_expected(study, name, ROUNDS)
    assert RATES[study.best_trial.number] >= 0.2  # the best trial is a good one, never pruned


def test_a_metric_xgboost_does_not_compute_is_refused_naming_what_it_computed() -> None:
    trial = tunesmith.create_study().ask()
    train, valid = train_and_valid()

    with pytest.raises(InvalidArgumentError, match=r"got valid/auc\. Computed: \['valid/logloss'"):
        xgb.train(
            PARAMS,
            train,
            num_boost_round=2,
            evals=[(valid, "valid")],
            verbose_eval=False,
            callbacks=[XGBoostPruningCallback(trial, "auc")],
        )
