"""Resuming is explicit: a rerun is refused, --resume continues to the total, --new forks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith

Invoke = Callable[..., Result]


@pytest.fixture
def config(write_config: Callable[..., Path], objective_module: Callable[[str], str]) -> Path:
    module = objective_module("""\
        def square(trial):
            return trial.params["x"] ** 2

        def shifted(trial):
            return (trial.params["x"] - 1) ** 2
        """)
    return write_config(f"""\
        study: bowl
        objective: {module}:square
        space:
          x: {{type: float, low: -5, high: 5}}
        seed: 0
        n_trials: 5
        """)


def _trial_count(storage_url: str, name: str = "bowl") -> int:
    return len(tunesmith.load_study(name, storage_url).trials)


def test_running_a_config_again_is_refused(config: Path, invoke: Invoke, storage_url: str) -> None:
    assert invoke("run", str(config), "--storage", storage_url).exit_code == 0

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 2
    assert "Study 'bowl' exists already" in result.stderr
    assert "--resume" in result.stderr
    assert "--new" in result.stderr
    assert _trial_count(storage_url) == 5


def test_resume_runs_only_the_trials_missing_from_the_total(
    config: Path, invoke: Invoke, storage_url: str
) -> None:
    assert invoke("run", str(config), "--n-trials", "2", "--storage", storage_url).exit_code == 0
    assert _trial_count(storage_url) == 2

    resumed = invoke("run", str(config), "--resume", "--storage", storage_url)
    again = invoke("run", str(config), "--resume", "--storage", storage_url)

    assert resumed.exit_code == 0
    assert "Resuming study 'bowl' (2 trial(s) so far)" in resumed.stdout
    assert "5 trials: 5 complete" in resumed.stdout
    assert again.exit_code == 0
    assert "nothing to run" in again.stdout
    assert _trial_count(storage_url) == 5


def test_resume_with_a_changed_space_names_what_changed(
    config: Path, invoke: Invoke, storage_url: str
) -> None:
    assert invoke("run", str(config), "--n-trials", "1", "--storage", storage_url).exit_code == 0
    config.write_text(config.read_text().replace("high: 5", "high: 6"), encoding="utf-8")

    result = invoke("run", str(config), "--resume", "--storage", storage_url)

    assert result.exit_code == 2
    assert "Cannot resume study 'bowl': the space differs" in result.stderr
    assert "'x' was" in result.stderr
    assert "objective" not in result.stderr
    assert _trial_count(storage_url) == 1


def test_resume_with_another_objective_is_refused(
    config: Path, invoke: Invoke, storage_url: str
) -> None:
    assert invoke("run", str(config), "--n-trials", "1", "--storage", storage_url).exit_code == 0
    config.write_text(config.read_text().replace(":square", ":shifted"), encoding="utf-8")

    result = invoke("run", str(config), "--resume", "--storage", storage_url)

    assert result.exit_code == 2
    assert "the objective differs" in result.stderr
    assert _trial_count(storage_url) == 1


def test_new_starts_a_second_study_beside_the_first(
    config: Path, invoke: Invoke, storage_url: str
) -> None:
    assert invoke("run", str(config), "--n-trials", "1", "--storage", storage_url).exit_code == 0

    second = invoke("run", str(config), "--new", "--n-trials", "2", "--storage", storage_url)
    third = invoke("run", str(config), "--new", "--n-trials", "1", "--storage", storage_url)

    assert second.exit_code == 0
    assert "New study 'bowl-2'" in second.stdout
    assert "New study 'bowl-3'" in third.stdout
    names = [s.study_name for s in tunesmith.list_studies(storage_url)]
    assert names == ["bowl", "bowl-2", "bowl-3"]
    assert [_trial_count(storage_url, name) for name in names] == [1, 2, 1]


def test_resume_of_a_missing_study_is_refused(
    config: Path, invoke: Invoke, storage_url: str
) -> None:
    result = invoke("run", str(config), "--resume", "--storage", storage_url)

    assert result.exit_code == 2
    assert "There is no study 'bowl'" in result.stderr
    assert "without --resume" in result.stderr


def test_resume_and_new_together_is_a_usage_error(config: Path, invoke: Invoke) -> None:
    result = invoke("run", str(config), "--resume", "--new")

    assert result.exit_code == 2
    assert "--resume and --new cannot be used together" in result.stderr
