"""Connections terminated under running workers (``pg_terminate_backend``): the study completes.

The test creates a database of its own, so terminating every connection to it
touches no other test or engineer.
"""

from __future__ import annotations

import contextlib
import secrets
import subprocess
import sys
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


@contextlib.contextmanager
def _terminating(url: str) -> Iterator[list[int]]:
    """Terminate every connection to ``url``'s database twice a second while the block runs.

    Yields the list of how many were terminated each time.
    """
    stop = threading.Event()
    terminated: list[int] = []
    terminator = threading.Thread(target=_terminate_repeatedly, args=(url, stop, terminated))
    terminator.start()
    try:
        yield terminated
    finally:
        stop.set()
        terminator.join()


def _stored(url: str) -> list[tuple[int, TrialState]]:
    study = load_study("terminated", storage=url)
    try:
        return [(t.number, t.state) for t in study.trials]
    finally:
        study.storage.close()


@pytest.mark.postgres
@pytest.mark.slow
def test_a_study_completes_while_its_connections_are_terminated(own_database_url: str) -> None:
    def objective(trial: Trial) -> float:
        time.sleep(0.02)
        return trial.suggest_float("x", -1.0, 1.0) ** 2

    study = create_study(study_name="terminated", storage=own_database_url, sampler="random")
    with _terminating(own_database_url) as terminated:
        try:
            study.optimize(objective, n_trials=80, n_jobs=4)
        finally:
            study.storage.close()

    assert sum(terminated) > 0
    assert _stored(own_database_url) == [(n, TrialState.COMPLETE) for n in range(80)]


_WORKER = """
import time
import tunesmith

def objective(trial):
    time.sleep(0.02)
    return trial.suggest_float("x", -1.0, 1.0) ** 2

study = tunesmith.load_study("terminated", storage={url!r})
study.optimize(objective, n_trials={n_trials})
study.storage.close()
"""


@pytest.mark.postgres
@pytest.mark.slow
def test_eight_worker_processes_complete_the_study_while_their_connections_are_terminated(
    own_database_url: str,
) -> None:
    create_study(study_name="terminated", storage=own_database_url).storage.close()
    script = _WORKER.format(url=own_database_url, n_trials=10)

    with _terminating(own_database_url) as terminated:
        workers = [
            subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
            for _ in range(8)
        ]
        errors = [worker.communicate(timeout=300)[1] for worker in workers]

    assert [worker.returncode for worker in workers] == [0] * 8, errors
    assert not [error for error in errors if "Traceback" in error]
    assert sum(terminated) > 0
    assert _stored(own_database_url) == [(n, TrialState.COMPLETE) for n in range(80)]
