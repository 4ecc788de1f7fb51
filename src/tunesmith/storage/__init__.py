"""Where studies live: in memory, or in a SQL database (SQLite, PostgreSQL)."""

from __future__ import annotations

from tunesmith.exceptions import InvalidStorageURLError
from tunesmith.storage.base import ChangedTrial, Storage, StudySummary
from tunesmith.storage.memory import InMemoryStorage

__all__ = ["ChangedTrial", "InMemoryStorage", "Storage", "StudySummary", "get_storage"]

_SQL_SCHEMES = ("sqlite", "postgresql")


def get_storage(storage: Storage | str | None) -> Storage:
    """Turn a storage argument into a Storage.

    Args:
        storage: None for a new in-memory storage, a Storage as it is, or a
            URL: ``sqlite:///path/to/file.db`` or
            ``postgresql+psycopg://user@host/database``.

    Raises:
        InvalidStorageURLError: a URL whose scheme no backend accepts.
    """
    if storage is None:
        return InMemoryStorage()
    if isinstance(storage, Storage):
        return storage
    if not isinstance(storage, str):
        raise InvalidStorageURLError(
            f"The 'storage' argument must be None, a Storage or a URL string; got {storage!r}."
        )
    scheme = storage.split(":", 1)[0].split("+", 1)[0].lower() if ":" in storage else ""
    if scheme not in _SQL_SCHEMES:
        raise InvalidStorageURLError(
            f"The 'storage' argument must be a URL starting with sqlite:/// or postgresql://; "
            f"got {storage!r}. Example: sqlite:///tunesmith.db"
        )
    from tunesmith.storage.sql import SQLStorage

    return SQLStorage(storage)
