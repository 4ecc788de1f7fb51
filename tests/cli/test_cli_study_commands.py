"""``tunesmith delete``, ``copy`` and ``rename`` on a stored study."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import tunesmith
from tunesmith.cli import main
from tunesmith.exceptions import StudyNotFoundError

Invoke = Callable[..., Result]


@pytest.fixture
def stored(storage_url: str) -> str:
    study = tunesmith.create_study("quadratic", storage_url, sampler="random", seed=0)
    study.set_metric_names(["loss"])
    study.optimize(lambda trial: trial.suggest_float("x", -1, 1) ** 2, n_trials=4)
    return storage_url


def test_copy_keeps_the_trials_and_the_metric_names(invoke: Invoke, stored: str) -> None:
    result = invoke("copy", "quadratic", "quadratic-copy", "--storage", stored)

    assert result.exit_code == 0, result.output
    assert "Copied study 'quadratic' (4 trials) to 'quadratic-copy'" in result.stdout
    original = tunesmith.load_study("quadratic", stored)
    copy = tunesmith.load_study("quadratic-copy", stored)
    assert [t.values for t in copy.trials] == [t.values for t in original.trials]
    assert copy.metric_names == ["loss"]


def test_copy_into_another_storage(invoke: Invoke, stored: str, tmp_path: Path) -> None:
    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = invoke("copy", "quadratic", "moved", "--storage", stored, "--to", other)

    assert result.exit_code == 0, result.output
    assert len(tunesmith.load_study("moved", other).trials) == 4


def test_rename_moves_the_study_to_its_new_name(invoke: Invoke, stored: str) -> None:
    best = tunesmith.load_study("quadratic", stored).best_value
    result = invoke("rename", "quadratic", "parabola", "--storage", stored)

    assert result.exit_code == 0, result.output
    assert tunesmith.load_study("parabola", stored).best_value == best
    with pytest.raises(StudyNotFoundError):
        tunesmith.load_study("quadratic", stored)


def test_delete_asks_first_and_removes_the_study(stored: str) -> None:
    runner = CliRunner()
    kept = runner.invoke(main, ["delete", "quadratic", "--storage", stored], input="n\n")
    assert kept.exit_code == 1
    assert len(tunesmith.load_study("quadratic", stored).trials) == 4

    deleted = runner.invoke(main, ["delete", "quadratic", "--storage", stored, "--yes"])
    assert deleted.exit_code == 0, deleted.output
    assert "Deleted study 'quadratic' (4 trials)" in deleted.stdout
    assert tunesmith.list_studies(stored) == []


def test_a_study_that_does_not_exist_is_named(stored: str) -> None:
    result = CliRunner().invoke(main, ["rename", "nope", "other", "--storage", stored])

    assert result.exit_code == 2
    assert "nope" in result.output
