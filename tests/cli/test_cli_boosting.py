"""The CLI tunes LightGBM and XGBoost estimators named by class, like any scikit-learn one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]


@pytest.mark.parametrize(
    ("estimator", "fixed"),
    [
        ("lightgbm.LGBMClassifier", "{verbose: -1, n_jobs: 1, n_estimators: 20}"),
        ("xgboost.XGBClassifier", "{n_jobs: 1, n_estimators: 20}"),
    ],
)
def test_a_boosting_config_without_space_tunes_its_default_space_and_size(
    estimator: str, fixed: str, invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    path = write_config(
        f"""\
        study: boosting
        estimator:
          class: {estimator}
          params: {fixed}
        dataset: {{name: breast_cancer}}
        cv: 2
        objectives: [score, n_parameters]
        seed: 0
        n_trials: 2
        """
    )

    result = invoke("run", str(path), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    study = tunesmith.load_study("boosting", storage_url)
    assert all(trial.state is tunesmith.TrialState.COMPLETE for trial in study.trials)
    assert all("learning_rate" in trial.params for trial in study.trials)
    assert all(trial.values[1] > 0 for trial in study.trials)  # trees counted by node


def test_inspect_shows_the_boosting_rounds_and_trees_it_counted(
    invoke: Invoke, write_config: WriteConfig
) -> None:
    path = write_config(
        """\
        estimator:
          class: lightgbm.LGBMClassifier
          params: {verbose: -1, n_jobs: 1, n_estimators: 3, num_leaves: 2}
        dataset: {name: iris}
        """
    )

    result = invoke("inspect", str(path))

    assert result.exit_code == 0, result.output
    assert "trees.splits" in result.stdout
    assert "3 boosting rounds x 3 trees per round = 9 trees" in " ".join(result.stdout.split())
