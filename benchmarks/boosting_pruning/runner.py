"""One study of one library under one framework: the rounds it spent and the best loss it found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
import numpy.typing as npt
import optuna
import optuna_integration
import xgboost as xgb
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

import tunesmith
from tunesmith.integrations.lightgbm import LightGBMPruningCallback
from tunesmith.integrations.xgboost import XGBoostPruningCallback
from tunesmith.pruners import HyperbandPruner

__all__ = ["FRAMEWORKS", "LIBRARIES", "RunResult", "configurations", "run"]

LIBRARIES = ("lightgbm", "xgboost")
FRAMEWORKS = ("tunesmith", "optuna")


@dataclass(frozen=True)
class RunResult:
    library: str
    framework: str
    seed: int
    rounds_spent: int
    best_loss: float
    n_pruned: int


Split = tuple[npt.NDArray[np.float64], ...]


def breast_cancer_split(seed: int) -> Split:
    features, labels = load_breast_cancer(return_X_y=True)
    return tuple(train_test_split(features, labels, test_size=0.3, random_state=seed))


def configurations(seed: int, n_trials: int) -> list[dict[str, float]]:
    """The hyperparameters both frameworks evaluate, drawn once per seed."""
    rng = np.random.default_rng(seed)
    return [
        {
            "learning_rate": float(10 ** rng.uniform(-3, -0.5)),
            "size": int(rng.integers(2, 7)),  # LightGBM: 2**size leaves; XGBoost: depth
            "subsample": float(rng.uniform(0.5, 1.0)),
        }
        for _ in range(n_trials)
    ]


def _train(
    library: str, config: dict[str, Any], split: Split, rounds: int, callback: Any, seed: int
) -> float:
    """Train with ``callback`` reporting each round; the last round's validation log loss."""
    x_train, x_valid, y_train, y_valid = split
    if library == "lightgbm":
        train = lgb.Dataset(x_train, y_train)
        params = {
            "objective": "binary",
            "learning_rate": config["learning_rate"],
            "num_leaves": 2 ** config["size"],
            "bagging_fraction": config["subsample"],
            "bagging_freq": 1,
            "verbose": -1,
            "num_threads": 1,
            "seed": seed,
        }
        booster = lgb.train(
            params,
            train,
            rounds,
            valid_sets=[lgb.Dataset(x_valid, y_valid, reference=train)],
            callbacks=[callback],
        )
        return float(booster.best_score["valid_0"]["binary_logloss"])
    recorded: dict[str, Any] = {}
    xgb.train(
        {
            "objective": "binary:logistic",
            "eval_metric": "logloss",
            "learning_rate": config["learning_rate"],
            "max_depth": config["size"],
            "subsample": config["subsample"],
            "nthread": 1,
            "seed": seed,
        },
        xgb.DMatrix(x_train, y_train),
        rounds,
        evals=[(xgb.DMatrix(x_valid, y_valid), "validation")],
        evals_result=recorded,
        verbose_eval=False,
        callbacks=[callback],
    )
    return float(recorded["validation"]["logloss"][-1])


def _tunesmith_callback(library: str, trial: tunesmith.Trial) -> Any:
    if library == "lightgbm":
        return LightGBMPruningCallback(trial, "binary_logloss")
    return XGBoostPruningCallback(trial, "logloss")


def _optuna_callback(library: str, trial: optuna.Trial) -> Any:
    if library == "lightgbm":
        return optuna_integration.LightGBMPruningCallback(trial, "binary_logloss")
    return optuna_integration.XGBoostPruningCallback(trial, "validation-logloss")


def _objective(
    library: str, split: Split, rounds: int, seed: int, make_callback: Callable[[Any, Any], Any]
) -> Callable[[Any], float]:
    def objective(trial: Any) -> float:
        config = {
            "learning_rate": trial.suggest_float("learning_rate", 1e-3, 10**-0.5, log=True),
            "size": trial.suggest_int("size", 2, 6),
            "subsample": trial.suggest_float("subsample", 0.5, 1.0),
        }
        return _train(library, config, split, rounds, make_callback(library, trial), seed)

    return objective


def run(library: str, framework: str, seed: int, n_trials: int, rounds: int) -> RunResult:
    """Tune ``library`` with ``framework``'s Hyperband and callback on the seed's configurations."""
    split = breast_cancer_split(seed)
    objective = _objective(
        library,
        split,
        rounds,
        seed,
        _tunesmith_callback if framework == "tunesmith" else _optuna_callback,
    )
    if framework == "tunesmith":
        study = tunesmith.create_study(
            pruner=HyperbandPruner(min_resource=1, max_resource=rounds), seed=seed
        )
        for config in configurations(seed, n_trials):
            study.enqueue_trial(config)
        study.optimize(objective, n_trials=n_trials)
        trials = [(t.state.name, len(t.intermediate_values), t.value) for t in study.trials]
    else:
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        optuna_study = optuna.create_study(
            pruner=optuna.pruners.HyperbandPruner(min_resource=1, max_resource=rounds),
            sampler=optuna.samplers.RandomSampler(seed=seed),
        )
        for config in configurations(seed, n_trials):
            optuna_study.enqueue_trial(config)
        optuna_study.optimize(objective, n_trials=n_trials)
        trials = [(t.state.name, len(t.intermediate_values), t.value) for t in optuna_study.trials]
    complete = [value for state, _, value in trials if state == "COMPLETE" and value is not None]
    return RunResult(
        library=library,
        framework=framework,
        seed=seed,
        rounds_spent=sum(steps for _, steps, _ in trials),
        best_loss=min(complete) if complete else float("nan"),
        n_pruned=sum(state == "PRUNED" for state, _, _ in trials),
    )
