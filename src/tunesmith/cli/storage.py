"""Opening the storage a command names, and showing its URL without a password."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from tunesmith.exceptions import StorageError
from tunesmith.storage import Storage, get_storage

__all__ = ["opened_storage", "shown_url"]


def shown_url(url: str) -> str:
    """``url`` as messages show it: with any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_file(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


@contextlib.contextmanager
def opened_storage(url: str, *, must_exist: bool = False) -> Iterator[Storage]:
    """The storage at ``url``, closed when the block ends.

    Args:
        url: a storage URL; a relative SQLite path is relative to the current directory.
        must_exist: refuse a SQLite file that does not exist, or a database
            without tunesmith's tables, rather than create them (for commands
            that only read).

    Raises:
        StorageError: ``must_exist`` and no such SQLite file.
        InvalidStorageURLError: a URL no backend accepts.
    """
    path = _sqlite_file(url)
    if must_exist and path is not None and not path.is_file():
        raise StorageError(
            f"There is no tunesmith database at {str(path)!r} (storage {url}); "
            "run `tunesmith run CONFIG` first, or pass --storage."
        )
    storage = _existing_sql_storage(url) if must_exist else get_storage(url)
    try:
        yield storage
    finally:
        storage.close()


def _existing_sql_storage(url: str) -> Storage:
    """The SQL storage at ``url`` if it holds tunesmith's tables; nothing is created."""
    from tunesmith.storage.sql import SQLStorage

    if url.split(":", 1)[0].split("+", 1)[0].lower() not in ("sqlite", "postgresql"):
        return get_storage(url)  # which names the URL kinds it accepts
    return SQLStorage(url, create_tables=False)
