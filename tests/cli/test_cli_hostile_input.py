"""Hostile input gets one line naming the field or argument, never a traceback."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith

Invoke = Callable[..., Result]

_SPACE = "space:\n  x: {type: float, low: -5, high: 5}\n"


def _one_line_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n_trials: true\n", "field 'n_trials'"),
        ("n_trials: 3e9\n", "field 'n_trials'"),
        ("n_trials: 5\nn_jobs: 100000\n", "field 'n_jobs': must be a number of workers from 1"),
        ("n_trials: 5\nn_trials: 6\n", "the key 'n_trials' is given twice"),
        ("n_trials: 5\ntimeout: .inf\n", "field 'timeout'"),
    ],
)
def test_bad_budgets_and_repeated_keys_are_refused_before_any_trial(
    write_config: Callable[..., Path], invoke: Invoke, storage_url: str, text: str, expected: str
) -> None:
    config = write_config("study: hostile\nobjective: os:getcwd\n" + _SPACE + text)
    line = _one_line_error(invoke("run", str(config), "--storage", storage_url))
    assert expected in line
    assert tunesmith.list_studies(storage_url) == []


def test_a_config_that_is_not_utf8_is_named(
    tmp_path: Path, invoke: Invoke, storage_url: str
) -> None:
    config = tmp_path / "latin1.yaml"
    config.write_bytes("study: café\nn_trials: 3\n".encode("latin-1"))
    line = _one_line_error(invoke("run", str(config), "--storage", storage_url))
    assert "must be UTF-8 text; byte 0xe9" in line


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path, invoke: Invoke) -> None:
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("these are my notes, not a database\n" * 100)
    line = _one_line_error(invoke("studies", "--storage", f"sqlite:///{not_a_database}"))
    assert "file is not a database" in line
    assert not_a_database.read_text().startswith("these are my notes")


def test_export_into_a_missing_folder_names_the_option(
    tmp_path: Path, invoke: Invoke, storage_url: str
) -> None:
    study = tunesmith.create_study(study_name="done", storage=storage_url)
    study.optimize(lambda trial: trial.suggest_float("x", 0.0, 1.0), n_trials=2)
    target = tmp_path / "missing" / "trials.csv"
    line = _one_line_error(invoke("export", "done", "-o", str(target), "--storage", storage_url))
    assert "'--output'" in line
    assert "missing" in line


def test_read_only_commands_create_nothing_in_another_programs_database(
    tmp_path: Path, invoke: Invoke
) -> None:
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    url = f"sqlite:///{foreign}"
    for command in (["studies"], ["show", "any"], ["best", "any"], ["export", "any"]):
        line = _one_line_error(invoke(*command, "--storage", url))
        assert "holds no tunesmith tables" in line
    with sqlite3.connect(foreign) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        assert [name for (name,) in tables] == ["notes"]


def test_an_estimator_path_that_cannot_be_a_class_is_refused_before_any_import(
    write_config: Callable[..., Path], invoke: Invoke, storage_url: str
) -> None:
    config = write_config("""\
        estimator: {class: this.s}
        dataset: {name: iris}
        n_trials: 2
        """)
    result = invoke("run", str(config), "--storage", storage_url)
    line = _one_line_error(result)
    assert "field 'estimator.class'" in line
    assert "ClassName" in line
    assert "Beautiful is better than ugly" not in result.output
    assert "this" not in sys.modules


def _last_line_an_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    return last


_REFUSED_SETTING = """\
    study: refused
    estimator:
      class: sklearn.tree.DecisionTreeClassifier
      params: {max_depth: deep}
    dataset: {name: iris}
    cv: 2
    space:
      min_samples_split: {type: int, low: 2, high: 10}
    n_trials: 3
    """


def test_a_fixed_estimator_setting_that_fails_every_trial_ends_the_run_with_its_field(
    write_config: Callable[..., Path], invoke: Invoke, storage_url: str
) -> None:
    config = write_config(_REFUSED_SETTING)

    result = invoke("run", str(config), "--storage", storage_url)

    last = _last_line_an_error(result)
    assert "field 'estimator.params.max_depth': made every trial fail" in last
    assert "got 'deep'" in last
    assert "3 trials: 0 complete, 0 pruned, 3 failed" in result.stdout


def test_a_worker_whose_every_trial_fails_the_same_way_ends_with_the_field_too(
    write_config: Callable[..., Path], invoke: Invoke, storage_url: str
) -> None:
    config = write_config(_REFUSED_SETTING)
    invoke("run", str(config), "--storage", storage_url)

    result = invoke("worker", str(config), "--storage", storage_url, "--n-trials", "5")

    last = _last_line_an_error(result)
    assert "field 'estimator.params.max_depth': made every trial fail" in last
    assert "got 'deep'" in last
    assert len(tunesmith.load_study("refused", storage_url).trials) == 5
