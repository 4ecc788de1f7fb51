"""Storages by kind: the one table of them, and the storage a ``storage`` argument opens.

A kind is ``"memory"`` (what ``storage=None`` gives) or a URL scheme. The SQL
storage's module, and SQLAlchemy with it, is imported only when a URL is first
opened, so ``import tunesmith`` and in-memory studies stay quick to start.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from tunesmith.exceptions import InvalidStorageURLError
from tunesmith.storage.base import Storage

__all__ = ["STORAGE_CLASSES", "get_storage"]

_IN_MEMORY = "memory"


class _ImportedOnUse(Mapping[str, type[Storage]]):
    """kind -> storage class, given as ``"module:Class"`` and imported when looked up."""

    def __init__(self, locations: Mapping[str, str]) -> None:
        self._locations = dict(locations)

    def __getitem__(self, kind: str) -> type[Storage]:
        module_name, _, class_name = self._locations[kind].partition(":")
        storage_class: type[Storage] = getattr(importlib.import_module(module_name), class_name)
        return storage_class

    def __iter__(self) -> Iterator[str]:
        return iter(self._locations)

    def __len__(self) -> int:
        return len(self._locations)


STORAGE_CLASSES: Mapping[str, type[Storage]] = _ImportedOnUse(
    {
        _IN_MEMORY: "tunesmith.storage.memory:InMemoryStorage",
        "sqlite": "tunesmith.storage.sql:SQLStorage",
        "postgresql": "tunesmith.storage.sql:SQLStorage",
    }
)
"""Every storage by its kind: "memory", and the URL schemes ``get_storage`` opens."""


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
        return STORAGE_CLASSES[_IN_MEMORY]()
    if isinstance(storage, Storage):
        return storage
    if not isinstance(storage, str):
        raise InvalidStorageURLError(
            f"The 'storage' argument must be None, a Storage or a URL string; got {storage!r}."
        )
    scheme = storage.split(":", 1)[0].split("+", 1)[0].lower() if ":" in storage else ""
    if scheme == _IN_MEMORY or scheme not in STORAGE_CLASSES:
        schemes = " or ".join(f"{kind}://" for kind in STORAGE_CLASSES if kind != _IN_MEMORY)
        raise InvalidStorageURLError(
            f"The 'storage' argument must be a URL starting with {schemes}; "
            f"got {storage!r}. Example: sqlite:///tunesmith.db"
        )
    # The class of a URL kind is built from the URL; Storage itself declares no constructor.
    open_url: Callable[[str], Storage] = STORAGE_CLASSES[scheme]
    return open_url(storage)
