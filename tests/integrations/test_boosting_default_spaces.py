"""LightGBM and XGBoost wrappers have default spaces every sampled point of which trains."""

from __future__ import annotations

from typing import Any

import lightgbm as lgb
import pytest
import xgboost as xgb
from sklearn.datasets import load_breast_cancer, load_diabetes

import tunesmith
from tunesmith.sklearn import default_space

X_CLS, Y_CLS = load_breast_cancer(return_X_y=True)
X_REG, Y_REG = load_diabetes(return_X_y=True)
USUAL = {
    "n_estimators",
    "learning_rate",
    "subsample",
    "colsample_bytree",
    "reg_alpha",
    "reg_lambda",
}


@pytest.mark.parametrize(
    ("model", "own"),
    [
        (lgb.LGBMClassifier(), {"num_leaves", "min_child_samples", "subsample_freq"}),
        (lgb.LGBMRegressor(), {"num_leaves", "min_child_samples", "subsample_freq"}),
        (xgb.XGBClassifier(), {"max_depth", "min_child_weight"}),
        (xgb.XGBRegressor(), {"max_depth", "min_child_weight"}),
    ],
    ids=lambda case: type(case).__name__ if not isinstance(case, set) else "",
)
def test_the_usual_boosting_hyperparameters_are_tuned(model: Any, own: set[str]) -> None:
    space = default_space(model)

    assert set(space) == USUAL | own
    assert set(space) <= set(model.get_params())


@pytest.mark.parametrize(
    ("model", "X", "y"),
    [
        (lgb.LGBMClassifier(verbose=-1, n_jobs=1), X_CLS, Y_CLS),
        (lgb.LGBMRegressor(verbose=-1, n_jobs=1), X_REG, Y_REG),
        (xgb.XGBClassifier(n_jobs=1), X_CLS, Y_CLS),
        (xgb.XGBRegressor(n_jobs=1), X_REG, Y_REG),
    ],
    ids=["LGBMClassifier", "LGBMRegressor", "XGBClassifier", "XGBRegressor"],
)
def test_points_of_the_default_space_train_and_are_counted(
    model: Any,
    X: Any,  # noqa: N803 - scikit-learn's name for the features
    y: Any,
) -> None:
    space = default_space(model)
    study = tunesmith.create_study(sampler=tunesmith.samplers.RandomSampler(seed=0))

    def objective(trial: tunesmith.Trial) -> float:
        params = {name: trial.suggest(name, distribution) for name, distribution in space.items()}
        params["n_estimators"] = min(params["n_estimators"], 30)  # enough to see they train
        fitted = model.set_params(**params).fit(X, y)
        return tunesmith.inspect(fitted).n_parameters

    study.optimize(objective, n_trials=3)

    assert all(trial.value > 0 for trial in study.trials)
