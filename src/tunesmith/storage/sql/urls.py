"""Storage URLs: parsing, the checks made before connecting, and hiding passwords.

Only SQLite and PostgreSQL are accepted. A plain ``postgresql://`` URL is
rewritten to the psycopg 3 driver, the one ``tunesmith[postgres]`` installs.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from tunesmith.exceptions import InvalidStorageURLError

__all__ = ["anchored", "is_sqlite_memory", "masked", "parse_url"]

_EXAMPLES = "sqlite:///path/to/file.db or postgresql+psycopg://user:password@host/database"
_BACKENDS = ("sqlite", "postgresql")


def masked(url: str) -> str:
    """``url`` with its password replaced by ``***``, for messages and ``repr``."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    # Rendering would also re-quote the rest of the URL; leave a URL without password as given.
    return url if parsed.password is None else parsed.render_as_string(hide_password=True)


def is_sqlite_memory(url: URL) -> bool:
    """Whether ``url`` names a SQLite database that lives in this process's memory."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def anchored(url: str) -> str:
    """``url`` with a relative SQLite file path made absolute, from the current directory.

    A storage sent to another process (a worker process, a Dask worker) must
    name the same file there, whatever that process's current directory.
    Any other URL is returned unchanged.

    >>> import os
    >>> anchored("sqlite:///studies.db") == f"sqlite:///{os.getcwd()}/studies.db"
    True
    >>> anchored("postgresql+psycopg://tuner@db/studies")
    'postgresql+psycopg://tuner@db/studies'
    """
    parsed = make_url(url)
    if is_sqlite_memory(parsed) or parsed.query.get("uri") == "true" or parsed.database is None:
        return url
    path = Path(parsed.database)
    if parsed.get_backend_name() != "sqlite" or path.is_absolute():
        return url
    return parsed.set(database=str(path.resolve())).render_as_string(hide_password=False)


def parse_url(url: str) -> URL:
    """Parse a storage URL and check what can be checked without connecting.

    Raises:
        InvalidStorageURLError: ``url`` is not a string, cannot be parsed,
            names a database other than SQLite or PostgreSQL, or names a
            SQLite file whose directory does not exist.
    """
    if not isinstance(url, str):
        raise InvalidStorageURLError(
            f"The 'url' argument of SQLStorage must be a string such as {_EXAMPLES}; got {url!r}."
        )
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InvalidStorageURLError(
            f"The storage URL {url!r} cannot be parsed; write it as {_EXAMPLES}."
        ) from None
    backend = parsed.get_backend_name()
    if backend not in _BACKENDS:
        raise InvalidStorageURLError(
            f"The storage URL {masked(url)!r} names the database {backend!r}; tunesmith stores "
            f"studies in SQLite or PostgreSQL only. Use {_EXAMPLES}."
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        _check_sqlite_file(parsed, url)
    return parsed


def _check_sqlite_file(parsed: URL, url: str) -> None:
    # SQLite itself would only say "unable to open database file".
    if is_sqlite_memory(parsed) or parsed.query.get("uri") == "true" or parsed.database is None:
        return
    path = Path(parsed.database)
    if path.is_dir():
        raise InvalidStorageURLError(
            f"The SQLite database of the storage URL {url!r} must be a file; {str(path)!r} is a "
            "directory. Add a file name, for example sqlite:///studies/tunesmith.db."
        )
    if not path.parent.is_dir():
        raise InvalidStorageURLError(
            f"The directory {str(path.parent)!r} of the SQLite database in the storage URL "
            f"{url!r} does not exist; create it first, or point the URL at an existing directory."
        )
