"""Metric names and analysis settings: stored with the study, read back from any process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import tunesmith
from tunesmith.analysis import DEFAULT_MAX_GAP
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study import AnalysisSettings

# What tunesmith 0.1's command line stored with a study, under this system attribute.
OLD_CLI_SETTINGS = {
    "cli_report_settings": {
        "scoring": "accuracy",
        "overfit_gap": 0.01,
        "objective_names": ["accuracy", "n_parameters"],
    }
}

READ_IN_ANOTHER_PROCESS = """\
import json, sys
import tunesmith
study = tunesmith.load_study("named", sys.argv[1])
settings = study.analysis_settings
print(json.dumps([study.metric_names, settings.score_name, settings.overfit_gap,
                  settings.selection_rule]))
"""


def _sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'studies.db'}"


def test_metric_names_are_none_until_set_and_then_read_from_a_fresh_load(
    tmp_path: Path,
) -> None:
    url = _sqlite_url(tmp_path)
    study = tunesmith.create_study("named", url, directions=["maximize", "minimize"])
    assert study.metric_names is None

    study.set_metric_names(["accuracy", "n_parameters"])

    assert tunesmith.load_study("named", url).metric_names == ["accuracy", "n_parameters"]


def test_setting_metric_names_again_replaces_them(tmp_path: Path) -> None:
    url = _sqlite_url(tmp_path)
    study = tunesmith.create_study("named", url)
    study.set_metric_names(["loss"])
    study.set_metric_names(("log_loss",))

    assert tunesmith.load_study("named", url).metric_names == ["log_loss"]


def test_another_process_reads_the_names_and_settings_a_study_was_given(tmp_path: Path) -> None:
    url = _sqlite_url(tmp_path)
    study = tunesmith.create_study("named", url, direction="maximize")
    study.set_metric_names(["f1"])
    settings = AnalysisSettings("f1", overfit_gap=0.02, selection_rule="smallest_within:1se")
    study.set_analysis_settings(settings)

    result = subprocess.run(
        [sys.executable, "-c", READ_IN_ANOTHER_PROCESS, url],
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(result.stdout) == [["f1"], "f1", 0.02, "smallest_within:1se"]


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        (["accuracy"], "['accuracy']"),
        (["accuracy", "accuracy"], "['accuracy', 'accuracy']"),
        (["accuracy", ""], "['accuracy', '']"),
        (["accuracy", 3], "['accuracy', 3]"),
        ("accuracy", "'accuracy'"),
        (None, "None"),
    ],
)
def test_names_must_be_distinct_non_empty_strings_one_per_objective(names: Any, shown: str) -> None:
    study = tunesmith.create_study(directions=["maximize", "minimize"])

    with pytest.raises(InvalidArgumentError) as raised:
        study.set_metric_names(names)

    message = str(raised.value)
    assert "The 'names' argument of set_metric_names must be a list of 2 distinct" in message
    assert f"got {shown}." in message
    assert study.metric_names is None


def test_analysis_settings_have_defaults_until_set() -> None:
    settings = tunesmith.create_study().analysis_settings

    assert settings == AnalysisSettings(score_name="score", overfit_gap=0.05, selection_rule=None)
    assert settings.overfit_gap == DEFAULT_MAX_GAP


def test_analysis_settings_round_trip_through_sqlite(tmp_path: Path) -> None:
    url = _sqlite_url(tmp_path)
    settings = AnalysisSettings("balanced_accuracy", overfit_gap=0, selection_rule="best")
    tunesmith.create_study("named", url).set_analysis_settings(settings)

    assert tunesmith.load_study("named", url).analysis_settings == settings


@pytest.mark.parametrize(
    ("arguments", "fragments"),
    [
        ({"score_name": ""}, ["'score_name'", "non-empty string", "got ''"]),
        ({"overfit_gap": -0.1}, ["'overfit_gap'", "finite number >= 0", "got -0.1"]),
        ({"overfit_gap": float("nan")}, ["'overfit_gap'", "got nan"]),
        ({"overfit_gap": True}, ["'overfit_gap'", "got True"]),
        ({"selection_rule": "fewest"}, ["'selection_rule'", "smallest_within", "got 'fewest'"]),
    ],
)
def test_bad_analysis_settings_are_refused_naming_the_field(
    arguments: dict[str, Any], fragments: list[str]
) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        AnalysisSettings(**arguments)

    for fragment in fragments:
        assert fragment in str(raised.value), (fragment, str(raised.value))


def test_set_analysis_settings_takes_an_analysis_settings_only() -> None:
    study = tunesmith.create_study()

    with pytest.raises(InvalidArgumentError, match="'settings' argument of set_analysis_settings"):
        study.set_analysis_settings({"overfit_gap": 0.1})  # type: ignore[arg-type]


def test_copy_study_keeps_names_and_settings(tmp_path: Path) -> None:
    source = tunesmith.create_study("named", directions=["maximize", "minimize"])
    source.set_metric_names(["accuracy", "n_parameters"])
    source.set_analysis_settings(AnalysisSettings("accuracy", overfit_gap=0.03))
    url = _sqlite_url(tmp_path)

    copy = tunesmith.copy_study("named", source.storage, url)

    assert copy.metric_names == ["accuracy", "n_parameters"]
    assert copy.analysis_settings == AnalysisSettings("accuracy", overfit_gap=0.03)


def test_a_study_stored_by_the_old_cli_reads_its_names_and_settings(tmp_path: Path) -> None:
    url = _sqlite_url(tmp_path)
    study = tunesmith.create_study("old", url, directions=["maximize", "minimize"])
    for key, value in OLD_CLI_SETTINGS.items():
        study.storage.set_study_system_attr(study.study_id, key, value)

    loaded = tunesmith.load_study("old", url)

    assert loaded.metric_names == ["accuracy", "n_parameters"]
    assert loaded.analysis_settings == AnalysisSettings("accuracy", overfit_gap=0.01)
