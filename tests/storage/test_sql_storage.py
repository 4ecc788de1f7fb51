"""What SQLStorage promises beyond the Storage contract."""

from __future__ import annotations

import multiprocessing
import operator
import pickle
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tunesmith.space import Float
from tunesmith.storage.sql import SQLStorage
from tunesmith.trial import StudyDirection, TrialState


@pytest.fixture
def count_statements() -> Iterator[Callable[[Callable[[], object]], int]]:
    """Count the SQL statements a call sends, on any engine."""
    sent: list[str] = []

    def record(*arguments: Any) -> None:
        sent.append(arguments[2])

    def count(call: Callable[[], object]) -> int:
        sent.clear()
        call()
        return len(sent)

    sa.event.listen(sa.Engine, "before_cursor_execute", record)
    yield count
    sa.event.remove(sa.Engine, "before_cursor_execute", record)


def add_trials(storage: SQLStorage, study_id: int, n_trials: int) -> None:
    for index in range(n_trials):
        trial = storage.create_trial(study_id)
        assert trial is not None
        storage.set_trial_param(trial.trial_id, "x", index, Float(0.0, 100.0))
        storage.set_trial_param(trial.trial_id, "y", index, Float(0.0, 100.0))
        storage.set_trial_intermediate_value(trial.trial_id, 0, index)
        storage.set_trial_user_attr(trial.trial_id, "index", index)
        storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [index])


def test_reads_cost_the_same_for_one_trial_or_many(
    sqlite_storage: SQLStorage, count_statements: Callable[[Callable[[], object]], int]
) -> None:
    small = sqlite_storage.create_study("small", [StudyDirection.MINIMIZE])
    large = sqlite_storage.create_study("large", [StudyDirection.MINIMIZE])
    add_trials(sqlite_storage, small, 1)
    add_trials(sqlite_storage, large, 1)
    reads: list[Callable[[int], object]] = [
        sqlite_storage.get_all_trials,
        lambda study_id: sqlite_storage.get_trials_changed_since(study_id, 0),
        lambda _: sqlite_storage.get_all_studies(),
    ]
    before = [count_statements(lambda read=read: read(large)) for read in reads]

    add_trials(sqlite_storage, large, 30)

    after = [count_statements(lambda read=read: read(large)) for read in reads]
    assert after == before
    assert len(sqlite_storage.get_all_trials(large)) == 31


@pytest.mark.postgres
def test_repr_shows_the_url_without_password(empty_postgres_url: str) -> None:
    with_password = make_url(empty_postgres_url).set(password="secret")
    url = with_password.render_as_string(hide_password=False)
    # The test server trusts local connections; the password is only shown, never checked.
    storage = SQLStorage(url)
    try:
        assert "secret" not in repr(storage)
        assert repr(storage) == f"SQLStorage({with_password.render_as_string()!r})"
    finally:
        storage.close()


def test_repr_shows_a_sqlite_url_as_given(sqlite_url: str, sqlite_storage: SQLStorage) -> None:
    assert repr(sqlite_storage) == f"SQLStorage({sqlite_url!r})"
    memory = SQLStorage("sqlite:///:memory:")
    assert repr(memory) == "SQLStorage('sqlite:///:memory:')"
    memory.close()


def test_pickled_storage_reconnects(sqlite_url: str) -> None:
    storage = SQLStorage(sqlite_url, engine_kwargs={"pool_size": 2})
    study_id = storage.create_study("shared", [StudyDirection.MAXIMIZE])

    copy = pickle.loads(pickle.dumps(storage))
    storage.close()

    assert copy.get_study_id("shared") == study_id
    trial = copy.create_trial(study_id)
    assert trial is not None
    assert trial.number == 0
    assert repr(copy) == repr(storage)
    copy.close()


def test_a_relative_sqlite_path_names_the_same_file_in_a_process_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Dask worker, or any process a storage is sent to, may run in another directory.
    (tmp_path / "here").mkdir()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    storage = SQLStorage("sqlite:///studies.db")
    study_id = storage.create_study("shared", [StudyDirection.MINIMIZE])
    shipped = pickle.dumps(storage)
    monkeypatch.chdir(tmp_path / "elsewhere")

    copy = pickle.loads(shipped)

    assert copy.get_study_id("shared") == study_id
    assert list((tmp_path / "elsewhere").iterdir()) == []
    copy.close()
    storage.close()


def test_storage_sent_to_a_spawned_worker(sqlite_storage: SQLStorage) -> None:
    study_id = sqlite_storage.create_study("shared", [StudyDirection.MINIMIZE])
    create_trial = operator.methodcaller("create_trial", study_id)
    spawn = multiprocessing.get_context("spawn")

    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        from_worker = pool.submit(create_trial, sqlite_storage).result(timeout=60)

    assert from_worker.number == 0
    assert sqlite_storage.get_trial(from_worker.trial_id) == from_worker


def test_closed_storage_opens_new_connections(sqlite_storage: SQLStorage) -> None:
    study_id = sqlite_storage.create_study("study", [StudyDirection.MINIMIZE])
    sqlite_storage.close()
    assert sqlite_storage.get_study_name(study_id) == "study"


def test_sqlite_database_is_in_wal_mode(sqlite_url: str, sqlite_storage: SQLStorage) -> None:
    # WAL lets readers go on while one process writes.
    path = Path(make_url(sqlite_url).database or "")
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        connection.close()


@pytest.mark.postgres
def test_a_budget_past_the_largest_trial_number_is_no_budget_on_postgres(
    postgres_storage: SQLStorage,
) -> None:
    study_id = postgres_storage.create_study("big", [StudyDirection.MINIMIZE])
    created = postgres_storage.create_trial(study_id, max_trials=3_000_000_000)
    assert created is not None
    assert created.number == 0
