"""A real SQLite study for the dashboard tests, and the dashboard app over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from dashboard_studies import run_trials
from starlette.testclient import TestClient

from tunesmith.dashboard import create_app
from tunesmith.storage.sql import SQLStorage


@pytest.fixture(scope="session")
def study_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the study ``demo`` of 30 trials, made once per session."""
    path = tmp_path_factory.mktemp("dashboard") / "template.db"
    run_trials(f"sqlite:///{path}", 30, seed=0).storage.close()
    return path


@pytest.fixture
def sqlite_url(study_file: Path, tmp_path: Path) -> str:
    """A copy of the study's file for one test, which may change it."""
    shutil.copy(study_file, tmp_path / "studies.db")
    return f"sqlite:///{tmp_path / 'studies.db'}"


@pytest.fixture
def storage(sqlite_url: str) -> Iterator[SQLStorage]:
    storage = SQLStorage(sqlite_url, create_tables=False)
    yield storage
    storage.close()


@pytest.fixture
def client(storage: SQLStorage, sqlite_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(storage, storage_url=sqlite_url)) as client:
        yield client
