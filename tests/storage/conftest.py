"""Databases for the storage tests: SQLite files in tmp_path and a PostgreSQL server.

The PostgreSQL server and this session's schema come from ``tests/conftest.py``; every
test here starts from no tunesmith tables at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tunesmith.storage.sql import SQLStorage
from tunesmith.storage.sql.schema import metadata


@pytest.fixture
def empty_postgres_url(postgres_url: str) -> str:
    """``postgres_url`` with every tunesmith table dropped."""
    engine = sa.create_engine(postgres_url)
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()
    return postgres_url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tunesmith.db'}"


@pytest.fixture
def sqlite_storage(sqlite_url: str) -> Iterator[SQLStorage]:
    storage = SQLStorage(sqlite_url)
    yield storage
    storage.close()


@pytest.fixture
def postgres_storage(empty_postgres_url: str) -> Iterator[SQLStorage]:
    storage = SQLStorage(empty_postgres_url)
    yield storage
    storage.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_url(request: pytest.FixtureRequest) -> str:
    """A database without tunesmith tables: a new SQLite file, or an emptied PostgreSQL schema."""
    fixture = "sqlite_url" if request.param == "sqlite" else "empty_postgres_url"
    return str(request.getfixturevalue(fixture))
