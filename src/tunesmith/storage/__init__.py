"""Where studies live: in memory, or in a SQL database (SQLite, PostgreSQL)."""

from __future__ import annotations

from tunesmith.storage.base import ChangedTrial, Storage, StudySummary
from tunesmith.storage.memory import InMemoryStorage
from tunesmith.storage.registry import STORAGE_CLASSES, get_storage

__all__ = [
    "STORAGE_CLASSES",
    "ChangedTrial",
    "InMemoryStorage",
    "Storage",
    "StudySummary",
    "get_storage",
]
