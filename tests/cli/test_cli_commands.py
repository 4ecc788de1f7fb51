"""`run`, then `studies`, `show`, `best` and `export` show what the run stored."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith
from tunesmith import TrialState

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

TREE_IRIS = """\
study: tree-iris
estimator:
  class: sklearn.tree.DecisionTreeClassifier
  params: {random_state: 0}
dataset: {name: iris}
scoring: accuracy
cv: 2
space:
  max_depth: {type: int, low: 1, high: 6}
  min_samples_leaf: {type: float, low: 1e-3, high: 0.3, log: true}
sampler: random
seed: 0
n_trials: 3
"""


@pytest.fixture(scope="module")
def tree_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tree-run")
    (folder / "tree.yaml").write_text(TREE_IRIS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tree_run(invoke: Invoke, tree_folder: Path) -> Result:
    """One run, shared by the tests that only read what it stored."""
    storage_url = f"sqlite:///{tree_folder / 'studies.db'}"
    result = invoke("run", str(tree_folder / "tree.yaml"), "--storage", storage_url)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def tree_storage(tree_run: Result, tree_folder: Path) -> str:
    """The storage URL of ``tree_run``, once it has run."""
    return f"sqlite:///{tree_folder / 'studies.db'}"


@pytest.fixture(scope="module")
def tree_study(tree_storage: str) -> tunesmith.Study:
    return tunesmith.load_study("tree-iris", tree_storage)


def test_run_reports_sampler_top_trials_best_and_states(
    tree_run: Result, tree_study: tunesmith.Study
) -> None:
    output = tree_run.stdout

    assert "New study 'tree-iris'" in output
    assert "Sampler: random, seed 0" in output
    assert "Top 3 trials of tree-iris" in output
    assert f"Best trial {tree_study.best_trial.number}: value {tree_study.best_value:.6g}" in output
    assert "3 trials: 3 complete, 0 pruned, 0 failed" in output
    assert len(tree_study.trials) == 3


def test_trials_record_cross_validation_details(tree_study: tunesmith.Study) -> None:
    trial = tree_study.best_trial

    assert set(trial.user_attrs) >= {
        "mean_train_score",
        "std_test_score",
        "split0_test_score",
        "split1_test_score",
    }
    folds = [trial.user_attrs["split0_test_score"], trial.user_attrs["split1_test_score"]]
    assert trial.value == pytest.approx(sum(folds) / 2)


def test_studies_lists_the_study(
    tree_storage: str, tree_study: tunesmith.Study, invoke: Invoke
) -> None:
    result = invoke("studies", "--storage", tree_storage)

    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "tree-iris" in line)
    assert "maximize" in row
    assert f"{tree_study.best_value:.6g}" in row


def test_show_lists_every_trial(tree_storage: str, invoke: Invoke) -> None:
    result = invoke("show", "tree-iris", "--storage", tree_storage)

    assert result.exit_code == 0
    assert "max_depth" in result.stdout
    assert "min_samples_leaf" in result.stdout
    assert result.stdout.count("COMPLETE") == 3
    assert "3 trials: 3 complete" in result.stdout


def test_best_shows_number_value_and_hyperparameters(
    tree_storage: str, tree_study: tunesmith.Study, invoke: Invoke
) -> None:
    best = tree_study.best_trial

    result = invoke("best", "tree-iris", "--storage", tree_storage)

    assert result.exit_code == 0
    assert f"Best trial {best.number}: value {best.value:.6g}" in result.stdout
    assert f"{best.params['min_samples_leaf']:.6g}" in result.stdout


def test_export_csv_has_one_row_per_trial(tree_storage: str, invoke: Invoke) -> None:
    result = invoke("export", "tree-iris", "--format", "csv", "--storage", tree_storage)

    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["number"] for row in rows] == ["0", "1", "2"]
    assert {row["state"] for row in rows} == {"COMPLETE"}
    assert all(1 <= int(row["params_max_depth"]) <= 6 for row in rows)
    assert all(row["user_attrs_mean_train_score"] for row in rows)


def test_export_json_writes_a_file_with_iso_datetimes(
    tree_storage: str, tree_study: tunesmith.Study, invoke: Invoke, tmp_path: Path
) -> None:
    output = tmp_path / "trials.json"

    result = invoke(
        "export", "tree-iris", "--format", "json", "-o", str(output), "--storage", tree_storage
    )

    assert result.exit_code == 0
    rows = json.loads(output.read_text(encoding="utf-8"))
    assert len(rows) == 3
    assert datetime.datetime.fromisoformat(rows[0]["datetime_start"])
    assert rows[0]["value"] == pytest.approx(tree_study.trials[0].value)


def test_unknown_study_is_one_line_naming_the_stored_ones(
    tree_storage: str, invoke: Invoke
) -> None:
    result = invoke("best", "nope", "--storage", tree_storage)

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: No study is named 'nope'")
    assert "tree-iris" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_reading_a_missing_database_does_not_create_it(invoke: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"

    result = invoke("studies", "--storage", f"sqlite:///{missing}")

    assert result.exit_code == 2
    assert "There is no tunesmith database" in result.stderr
    assert not missing.exists()


def test_bad_storage_url_is_one_line(invoke: Invoke) -> None:
    result = invoke("studies", "--storage", "mysql://somewhere/db")

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "sqlite" in result.stderr


def test_default_storage_is_a_file_in_the_current_directory(
    invoke: Invoke, write_config: WriteConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = write_config(TREE_IRIS.replace("n_trials: 3", "n_trials: 1"))

    assert invoke("run", str(config)).exit_code == 0
    result = invoke("studies")

    assert (tmp_path / "tunesmith.db").is_file()
    assert "tree-iris" in result.stdout


def test_a_failing_fit_fails_its_trial_and_the_run_goes_on(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    # Two folds of iris train on 75 samples: 200 neighbours cannot be found.
    config = write_config("""\
        study: neighbours
        estimator: {class: sklearn.neighbors.KNeighborsClassifier}
        dataset: {name: iris}
        cv: 2
        space:
          n_neighbors: [5, 200]
        sampler: grid
        """)

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 0
    assert "2 trials: 1 complete, 0 pruned, 1 failed" in result.stdout
    assert "Trial 1 failed: ValueError" in result.stdout
    study = tunesmith.load_study("neighbours", storage_url)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE, TrialState.FAIL]


def test_an_error_in_an_objective_function_stops_with_its_traceback(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: Callable[[str], str],
    storage_url: str,
) -> None:
    module = objective_module("""\
        def broken(trial):
            return 1 / 0
        """)
    config = write_config(f"objective: {module}:broken\nn_trials: 3\n")

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "Error: the objective raised ZeroDivisionError" in result.stderr
    study = tunesmith.load_study("study", storage_url)
    assert [t.state for t in study.trials] == [TrialState.FAIL]


def test_best_of_several_objectives_is_the_pareto_front(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: Callable[[str], str],
    storage_url: str,
) -> None:
    module = objective_module("""\
        def trade_off(trial):
            x = trial.params["x"]
            return x, (1 - x) ** 2
        """)
    config = write_config(f"""\
        objective: {module}:trade_off
        directions: [minimize, minimize]
        space:
          x: {{type: float, low: 0, high: 1}}
        seed: 1
        n_trials: 4
        """)
    assert invoke("run", str(config), "--storage", storage_url).exit_code == 0

    result = invoke("best", "study", "--storage", storage_url)

    assert result.exit_code == 0
    assert "Pareto front of study" in result.stdout
    assert "value 1 (minimize)" in result.stdout
