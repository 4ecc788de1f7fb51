"""MLflowCallback logs each trial as a run nested under its study's run, in a real file store."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlflow import MlflowClient

import tunesmith
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.mlflow import MLflowCallback
from tunesmith.pruners import ThresholdPruner


@pytest.fixture
def tracking_uri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    # MLflow 3 keeps its local file store in maintenance mode, behind this opt-in.
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
    return (tmp_path / "mlruns").as_uri()


def objective(trial: tunesmith.Trial) -> float:
    x = trial.suggest_float("x", -3.0, 3.0)
    width = trial.suggest_int("width", 1, 8)
    trial.set_user_attr("n_parameters", 10 * width)
    for step in (1, 2, 3):
        trial.report(x**2 + 1.0 / step, step)
        if trial.should_prune():
            raise tunesmith.TrialPruned()
    if width == 8:
        raise RuntimeError("this width fails")
    return x**2


def runs_by_role(client: MlflowClient, experiment: str) -> dict[str, list[object]]:
    found = client.get_experiment_by_name(experiment)
    assert found is not None
    runs = client.search_runs([found.experiment_id])
    roles: dict[str, list[object]] = {"study": [], "trial": []}
    for run in runs:
        roles[run.data.tags["tunesmith.role"]].append(run)
    return roles


def test_each_trial_is_a_child_run_of_one_study_run_with_its_hyperparameters_and_values(
    tracking_uri: str,
) -> None:
    study = tunesmith.create_study(study_name="quad", pruner=ThresholdPruner(upper=4.0), seed=0)

    study.optimize(
        objective, n_trials=8, callbacks=[MLflowCallback(tracking_uri)], catch=RuntimeError
    )

    client = MlflowClient(tracking_uri)
    roles = runs_by_role(client, "quad")
    [parent] = roles["study"]
    children = {int(run.data.tags["tunesmith.trial_number"]): run for run in roles["trial"]}
    assert sorted(children) == list(range(8))
    for trial in study.trials:
        run = children[trial.number]
        assert run.data.tags["mlflow.parentRunId"] == parent.info.run_id
        assert run.data.tags["tunesmith.state"] == trial.state.name
        assert run.data.params == {name: str(value) for name, value in trial.params.items()}
        assert run.data.metrics["n_parameters"] == 10 * trial.params["width"]
        history = client.get_metric_history(run.info.run_id, "intermediate_value")
        assert {m.step: m.value for m in history} == dict(trial.intermediate_values)
        if trial.state is tunesmith.TrialState.FAIL:
            assert "value" not in run.data.metrics
            assert run.info.status == "FAILED"
        else:  # a pruned trial's value is its last reported one
            assert run.data.metrics["value"] == pytest.approx(trial.value)
    states = {run.info.status for run in children.values()}
    assert states == {"FINISHED", "KILLED", "FAILED"}  # complete, pruned and failed trials


def test_a_second_optimize_and_threads_share_the_one_study_run(tracking_uri: str) -> None:
    study = tunesmith.create_study(study_name="shared", seed=1)
    callback = MLflowCallback(tracking_uri, experiment_name="experiments")

    study.optimize(objective, n_trials=3, callbacks=[callback], catch=RuntimeError)
    study.optimize(objective, n_trials=4, n_jobs=2, callbacks=[callback], catch=RuntimeError)

    roles = runs_by_role(MlflowClient(tracking_uri), "experiments")
    assert len(roles["study"]) == 1
    assert len(roles["trial"]) == 7


def test_named_objectives_are_logged_under_their_names(tracking_uri: str) -> None:
    study = tunesmith.create_study(study_name="two", directions=["minimize", "minimize"])
    study.set_metric_names(["loss", "size"])

    study.optimize(
        lambda trial: (trial.suggest_float("x", 0.0, 1.0), 3.0),
        n_trials=2,
        callbacks=[MLflowCallback(tracking_uri)],
    )

    [run, _] = runs_by_role(MlflowClient(tracking_uri), "two")["trial"]
    assert run.data.metrics["size"] == 3.0
    assert set(run.data.metrics) == {"loss", "size"}


def test_an_empty_experiment_name_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="'experiment_name' argument of MLflowCallback"):
        MLflowCallback(experiment_name="")
