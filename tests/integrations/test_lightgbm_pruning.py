"""LightGBMPruningCallback: each round's validation metric reaches the trial; pruned trials stop."""

from __future__ import annotations

import lightgbm as lgb
import pytest
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
from tunesmith.integrations.lightgbm import LightGBMPruningCallback
from tunesmith.pruners import Pruner, ThresholdPruner

QUIET = {"objective": "binary", "verbose": -1, "seed": 0, "num_threads": 1, "num_leaves": 7}


def train_set() -> lgb.Dataset:
    return lgb.Dataset(X[TRAIN], Y[TRAIN])


def valid_set(reference: lgb.Dataset) -> lgb.Dataset:
    return lgb.Dataset(X[VALID], Y[VALID], reference=reference)


def test_each_round_reports_the_validation_loss_lightgbm_computed() -> None:
    study = tunesmith.create_study()
    trial = study.ask()
    recorded: dict[str, dict[str, list[float]]] = {}
    train = train_set()
    lgb.train(
        QUIET,
        train,
        num_boost_round=5,
        valid_sets=[train, valid_set(train)],
        valid_names=["training", "held_out"],
        callbacks=[
            LightGBMPruningCallback(trial, "binary_logloss"),
            lgb.record_evaluation(recorded),
        ],
    )
    study.tell(trial, recorded["held_out"]["binary_logloss"][-1])

    expected = dict(enumerate(recorded["held_out"]["binary_logloss"], start=1))
    assert dict(study.trials[0].intermediate_values) == pytest.approx(expected)


def test_under_cross_validation_the_mean_over_folds_is_reported() -> None:
    study = tunesmith.create_study()
    trial = study.ask()

    history = lgb.cv(
        QUIET,
        lgb.Dataset(X, Y),
        num_boost_round=4,
        nfold=3,
        seed=0,
        callbacks=[LightGBMPruningCallback(trial, "binary_logloss")],
    )
    study.tell(trial, history["valid binary_logloss-mean"][-1])

    expected = dict(enumerate(history["valid binary_logloss-mean"], start=1))
    assert dict(study.trials[0].intermediate_values) == pytest.approx(expected)


def test_a_pruned_trial_trains_no_further_round_and_is_recorded_pruned() -> None:
    study = tunesmith.create_study(pruner=ThresholdPruner(upper=0.5))
    rounds_trained: list[int] = []

    def objective(trial: tunesmith.Trial) -> float:
        train = train_set()
        booster = lgb.train(
            {**QUIET, "learning_rate": 0.05},
            train,
            num_boost_round=ROUNDS,
            valid_sets=[valid_set(train)],
            callbacks=[
                lambda env: rounds_trained.append(env.iteration + 1),
                LightGBMPruningCallback(trial, "binary_logloss"),
            ],
        )
        return float(booster.best_score["valid_0"]["binary_logloss"])

    study.optimize(objective, n_trials=1)

    trial = study.trials[0]
    assert trial.state is tunesmith.TrialState.PRUNED
    assert rounds_trained == [1]
    assert trial.last_step == 1


def test_the_scikit_learn_wrapper_is_pruned_through_fit_callbacks() -> None:
    study = tunesmith.create_study(pruner=ThresholdPruner(upper=0.5))

    def objective(trial: tunesmith.Trial) -> float:
        model = lgb.LGBMClassifier(n_estimators=ROUNDS, learning_rate=0.05, **_wrapper_quiet())
        model.fit(
            X[TRAIN],
            Y[TRAIN],
            eval_X=(X[VALID],),
            eval_y=(Y[VALID],),
            callbacks=[LightGBMPruningCallback(trial, "binary_logloss")],
        )
        return float(model.score(X[VALID], Y[VALID]))

    study.optimize(objective, n_trials=1)

    assert study.trials[0].state is tunesmith.TrialState.PRUNED


def _wrapper_quiet() -> dict[str, object]:
    return {"verbose": -1, "random_state": 0, "n_jobs": 1, "num_leaves": 7}


@pytest.mark.parametrize(("name", "pruner"), every_pruner(), ids=lambda case: str(case))
def test_every_pruner_stops_poor_trials_early_and_lets_good_ones_finish(
    name: str, pruner: Pruner
) -> None:
    study = tunesmith.create_study(pruner=pruner)

    def objective(trial: tunesmith.Trial) -> float:
        train = train_set()
        booster = lgb.train(
            {**QUIET, "learning_rate": RATES[trial.number]},
            train,
            num_boost_round=ROUNDS,
            valid_sets=[valid_set(train)],
            callbacks=[LightGBMPruningCallback(trial, "binary_logloss")],
        )
        return float(booster.best_score["valid_0"]["binary_logloss"])

    study.optimize(objective, n_trials=len(RATES))

    assert_reported_and_pruned_as_expected(study, name, ROUNDS)
    assert RATES[study.best_trial.number] >= 0.2  # the best trial is a good one, never pruned


def test_a_metric_lightgbm_does_not_compute_is_refused_naming_what_it_computed() -> None:
    study = tunesmith.create_study()
    trial = study.ask()
    train = train_set()

    with pytest.raises(InvalidArgumentError, match=r"got valid_0/auc\. Computed: \['valid_0/"):
        lgb.train(
            QUIET,
            train,
            num_boost_round=2,
            valid_sets=[valid_set(train)],
            callbacks=[LightGBMPruningCallback(trial, "auc")],
        )


def test_an_empty_metric_name_is_refused() -> None:
    trial = tunesmith.create_study().ask()

    with pytest.raises(InvalidArgumentError, match="'metric' argument of LightGBMPruningCallback"):
        LightGBMPruningCallback(trial, "")
