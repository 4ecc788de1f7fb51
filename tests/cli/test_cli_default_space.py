"""A config whose estimator has a default search space may leave out its `space`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith
from tunesmith.cli.config import load_config
from tunesmith.exceptions import ConfigError

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]


def test_a_config_without_space_tunes_the_default_space(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    path = write_config(
        """\
        study: ridge-default
        estimator:
          pipeline:
            - {name: scale, class: sklearn.preprocessing.StandardScaler}
            - {name: ridge, class: sklearn.linear_model.Ridge}
        dataset: {name: diabetes}
        cv: 2
        seed: 0
        n_trials: 2
        """
    )

    result = invoke("run", str(path), "--storage", storage_url)

    assert result.exit_code == 0, result.output
    study = tunesmith.load_study("ridge-default", storage_url)
    assert [sorted(trial.params) for trial in study.trials] == [["ridge__alpha"]] * 2


def test_an_estimator_without_a_default_still_needs_a_space(write_config: WriteConfig) -> None:
    path = write_config(
        """\
        estimator: {class: sklearn.tree.DecisionTreeClassifier}
        dataset: {name: iris}
        """
    )

    with pytest.raises(ConfigError, match=r"needs a 'space'.*no default space"):
        load_config(path)
