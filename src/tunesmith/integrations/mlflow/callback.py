"""The MLflow callback: each finished trial becomes a run under its study's parent run.

An MLflow experiment (named after the study unless told otherwise) holds one
parent run per study, tagged ``tunesmith.study``, and one child run per trial,
tagged ``mlflow.parentRunId`` so that the MLflow UI nests it. The callback
finds the parent run by its tag rather than remembering it, so workers in
other processes (which get a pickled copy of the callback) share one parent.

A child run holds the trial's hyperparameters as params; its values as
metrics, named by the study's metric names (``value`` for one unnamed
objective, ``value_0``, ``value_1``, ... for several); its intermediate values
as the history of the metric ``intermediate_value``; the number of learned
parameters (``n_parameters``) and its memory where the trial recorded them;
and its state as the tag ``tunesmith.state``.
"""

from __future__ import annotations

import threading
from typing import Any

from mlflow import MlflowClient

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study import StudyBase
from tunesmith.trial import FrozenTrial, TrialState
from tunesmith.trial.user_attrs import N_PARAMETERS

__all__ = ["MLflowCallback"]

STUDY_TAG = "tunesmith.study"
ROLE_TAG = "tunesmith.role"
_SIZES = (N_PARAMETERS, "n_bytes")
_STATUS = {TrialState.COMPLETE: "FINISHED", TrialState.PRUNED: "KILLED", TrialState.FAIL: "FAILED"}
# Two threads of one study must not both create its parent run.
_PARENT_LOCK = threading.Lock()


class MLflowCallback:
    """Log every finished trial as an MLflow run nested under one parent run per study.

    Args:
        tracking_uri: where MLflow keeps runs (``"file:///path/mlruns"``,
            ``"sqlite:///mlflow.db"``, ``"http://host:5000"``); None uses
            MLflow's own default (``MLFLOW_TRACKING_URI``, or ``./mlruns``).
        experiment_name: the MLflow experiment to log into, created when
            missing; None names it after the study.

    ::

        study.optimize(objective, n_trials=50,
                       callbacks=[MLflowCallback("file:///tmp/mlruns")])

    A pruned trial's run ends as KILLED, a failed one's as FAILED, a complete
    one's as FINISHED.
    """

    def __init__(self, tracking_uri: str | None = None, experiment_name: str | None = None) -> None:
        arguments = {"tracking_uri": tracking_uri, "experiment_name": experiment_name}
        for argument, value in arguments.items():
            if value is not None and (not isinstance(value, str) or not value):
                raise InvalidArgumentError(
                    f"The '{argument}' argument of MLflowCallback must be a non-empty str or "
                    f"None; got {value!r}."
                )
        self.tracking_uri = tracking_uri
        self.experiment_name = experiment_name

    def __repr__(self) -> str:
        return (
            f"MLflowCallback(tracking_uri={self.tracking_uri!r}, "
            f"experiment_name={self.experiment_name!r})"
        )

    def __call__(self, study: StudyBase, trial: FrozenTrial) -> None:
        """Log ``trial`` as a child run of ``study``'s parent run."""
        client = MlflowClient(self.tracking_uri)
        with _PARENT_LOCK:
            experiment_id = self._experiment_id(client, study)
            parent_id = _parent_run_id(client, experiment_id, study.study_name)
        run = client.create_run(
            experiment_id,
            run_name=f"trial {trial.number}",
            tags={
                "mlflow.parentRunId": parent_id,
                STUDY_TAG: study.study_name,
                ROLE_TAG: "trial",
                "tunesmith.trial_number": str(trial.number),
                "tunesmith.state": trial.state.name,
            },
        )
        run_id = run.info.run_id
        for name in sorted(trial.params):
            client.log_param(run_id, name, trial.params[name])
        for name, value in _named_values(study, trial).items():
            client.log_metric(run_id, name, value)
        intermediate = trial.intermediate_values
        for step in sorted(intermediate):
            client.log_metric(run_id, "intermediate_value", intermediate[step], step=step)
        for name in _SIZES:
            if isinstance(trial.user_attrs.get(name), int | float):
                client.log_metric(run_id, name, float(trial.user_attrs[name]))
        client.set_terminated(run_id, _STATUS.get(trial.state, "FINISHED"))

    def _experiment_id(self, client: Any, study: StudyBase) -> str:
        name = self.experiment_name or study.study_name
        experiment = client.get_experiment_by_name(name)
        return str(experiment.experiment_id if experiment else client.create_experiment(name))


def _parent_run_id(client: Any, experiment_id: str, study_name: str) -> str:
    quoted = study_name.replace("'", "\\'")
    found = client.search_runs(
        [experiment_id],
        filter_string=f"tags.`{STUDY_TAG}` = '{quoted}' and tags.`{ROLE_TAG}` = 'study'",
        max_results=1,
    )
    if found:
        return str(found[0].info.run_id)
    run = client.create_run(
        experiment_id, run_name=study_name, tags={STUDY_TAG: study_name, ROLE_TAG: "study"}
    )
    return str(run.info.run_id)


def _named_values(study: StudyBase, trial: FrozenTrial) -> dict[str, float]:
    values = trial.values or ()
    names = list(study.metric_names or ())
    if len(names) != len(values):
        names = ["value"] if len(values) == 1 else [f"value_{i}" for i in range(len(values))]
    return {name: float(value) for name, value in zip(names, values, strict=True)}
