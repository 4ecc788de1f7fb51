"""Where studies live: in memory, or in a SQL database (SQLite, PostgreSQL)."""

from __future__ import annotations

from tunesmith.storage.base import ChangedTrial, StartedTrial, Storage, StudySummary
from tunesmith.storage.memory import InMemoryStorage
from tunesmith.storage.registry import STORAGE_CLASSES, get_storage

__all__ = [
    "STORAGE_CLASSES",
    "ChangedTrial",
    "InMemoryStorage",
    "StartedTrial",
    "Storage",
    "StudySummary",
    "get_storage",
]
