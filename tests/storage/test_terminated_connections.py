"""Connections terminated under running workers (``pg_terminate_backend``): the study completes.

The test creates a database of its own, so terminating every connection to it
touches no other test or engineer.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tunesmith import Trial, TrialState, create_study, load_study
from tunesmith.storage.sql.urls import parse_url


@pytest.fixture
def own_database_url(postgres_server_url: str) -> Iterator[str]:
    name = f"tunesmith_terminate_{secrets.token_hex(4)}"
    server = sa.create_engine(parse_url(postgres_server_url), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        url = parse_url(postgres_server_url).set(database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        server.dispose()


def _terminate_repeatedly(url: str, stop: threading.Event, terminated: list[int]) -> None:
    database = parse_url(url).database
    # Connected to the server's default database, so it is never among its own victims.
    engine = sa.create_engine(parse_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        while not stop.wait(0.5):
            with engine.connect() as connection:
                killed = connection.execute(
                    sa.text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = :database AND pid <> pg_backend_pid()"
                    ),
                    {"database": database},
                ).scalar_one()
            terminated.append(int(killed))
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.slow
def test_a_study_completes_while_its_connections_are_terminated(own_database_url: str) -> None:
    def objective(trial: Trial) -> float:
        time.sleep(0.02)
        return trial.suggest_float("x", -1.0, 1.0) ** 2

    study = create_study(study_name="terminated", storage=own_database_url, sampler="random")
    stop = threading.Event()
    terminated: list[int] = []
    terminator = threading.Thread(
        target=_terminate_repeatedly, args=(own_database_url, stop, terminated)
    )
    terminator.start()
    try:
        study.optimize(objective, n_trials=80, n_jobs=4)
    finally:
        stop.set()
        terminator.join()
        study.storage.close()

    assert sum(terminated) > 0
    reloaded = load_study("terminated", storage=own_database_url)
    trials = reloaded.trials
    reloaded.storage.close()
    assert [t.number for t in trials] == list(range(80))
    assert all(t.state is TrialState.COMPLETE for t in trials)
