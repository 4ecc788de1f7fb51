"""trials_dataframe: one row per trial, with hyperparameters and attributes as columns."""

from __future__ import annotations

import math

from tunesmith import Trial, TrialPruned, create_study


def objective(trial: Trial) -> float:
    kernel = trial.suggest_categorical("kernel", ["rbf", "linear"])
    c = trial.suggest_float("C", 0.1, 10.0, log=True)
    trial.set_user_attr("n_support", 10 + trial.number)
    if trial.number == 2:
        raise TrialPruned
    return c if kernel == "rbf" else -c


def test_columns_and_rows() -> None:
    study = create_study(seed=0)
    study.optimize(objective, n_trials=4)
    frame = study.trials_dataframe()
    assert list(frame.columns) == [
        "number",
        "state",
        "value",
        "datetime_start",
        "datetime_complete",
        "duration_seconds",
        "params_C",
        "params_kernel",
        "user_attrs_n_support",
    ]
    assert frame["number"].tolist() == [0, 1, 2, 3]
    assert frame["state"].tolist() == ["COMPLETE", "COMPLETE", "PRUNED", "COMPLETE"]
    assert math.isnan(frame["value"][2])
    assert frame["params_C"].tolist() == [t.params["C"] for t in study.trials]
    assert frame["user_attrs_n_support"].tolist() == [10, 11, 12, 13]
    assert (frame["duration_seconds"] >= 0).all()


def test_multi_objective_values_get_a_column_each() -> None:
    study = create_study(directions=["minimize", "maximize"])
    study.optimize(lambda t: (t.suggest_float("x", 0, 1), 2.0), n_trials=2)
    frame = study.trials_dataframe()
    assert {"values_0", "values_1"} <= set(frame.columns)
    assert "value" not in frame.columns
    assert frame["values_1"].tolist() == [2.0, 2.0]
