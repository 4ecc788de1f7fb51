"""A storage URL that cannot work is refused with a message that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tunesmith.exceptions import InvalidStorageURLError, StorageError
from tunesmith.storage import get_storage
from tunesmith.storage.sql import SQLStorage


def test_unknown_database_is_refused() -> None:
    with pytest.raises(InvalidStorageURLError, match="'mysql://x'"):
        get_storage("mysql://x")


def test_unknown_database_is_refused_by_sql_storage_too() -> None:
    with pytest.raises(InvalidStorageURLError, match=r"'mysql'.*SQLite or PostgreSQL"):
        SQLStorage("mysql://user@host/db")


@pytest.mark.parametrize("url", [42, None, b"sqlite:///x.db"])
def test_url_must_be_a_string(url: object) -> None:
    with pytest.raises(InvalidStorageURLError, match="must be a string"):
        SQLStorage(url)  # type: ignore[arg-type]


def test_storage_argument_must_be_a_url_or_a_storage() -> None:
    with pytest.raises(InvalidStorageURLError, match="got 42"):
        get_storage(42)  # type: ignore[arg-type]


def test_missing_sqlite_directory_is_named() -> None:
    with pytest.raises(InvalidStorageURLError, match=r"'/nonexistent/dir' .* does not exist"):
        get_storage("sqlite:////nonexistent/dir/x.db")


def test_sqlite_directory_instead_of_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidStorageURLError, match="is a directory"):
        get_storage(f"sqlite:///{tmp_path}")


def test_unparsable_url_is_refused() -> None:
    with pytest.raises(InvalidStorageURLError, match="'sqlite' cannot be parsed"):
        SQLStorage("sqlite")


def test_missing_driver_says_what_to_install() -> None:
    # psycopg2 is not a dependency of tunesmith; psycopg (3) is.
    with pytest.raises(InvalidStorageURLError, match=r"psycopg2.*tunesmith\[postgres\]"):
        get_storage("postgresql+psycopg2://postgres@127.0.0.1/test")


def test_unknown_driver_is_refused() -> None:
    with pytest.raises(InvalidStorageURLError, match=r"'postgresql\+nosuchdriver'"):
        get_storage("postgresql+nosuchdriver://postgres@127.0.0.1/test")


def test_unreachable_server_is_named_without_its_password() -> None:
    url = "postgresql+psycopg://tuner:secret@127.0.0.1:1/test"
    with pytest.raises(StorageError) as refused:
        get_storage(url)
    message = str(refused.value)
    assert "postgresql+psycopg://tuner:***@127.0.0.1:1/test" in message
    assert "secret" not in message


@pytest.mark.postgres
def test_plain_postgresql_url_uses_psycopg(empty_postgres_url: str) -> None:
    plain = empty_postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    storage = get_storage(plain)
    try:
        assert repr(storage) == f"SQLStorage({plain!r})"
        storage.get_all_studies()
    finally:
        storage.close()
