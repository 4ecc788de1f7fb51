"""Every storage backend passes the same contract suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tunesmith.storage import InMemoryStorage, Storage
from tunesmith.storage.sql import SQLStorage
from tunesmith.testing.storage import StorageContract


class TestInMemoryStorage(StorageContract):
    storage_class = InMemoryStorage

    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        storage = InMemoryStorage()
        yield storage
        storage.close()


class TestSQLiteFileStorage(StorageContract):
    storage_class = SQLStorage

    @pytest.fixture
    def storage(self, sqlite_storage: SQLStorage) -> SQLStorage:
        return sqlite_storage


class TestSQLiteMemoryStorage(StorageContract):
    storage_class = SQLStorage

    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        storage = SQLStorage("sqlite:///:memory:")
        yield storage
        storage.close()


@pytest.mark.postgres
class TestPostgreSQLStorage(StorageContract):
    storage_class = SQLStorage

    @pytest.fixture
    def storage(self, postgres_storage: SQLStorage) -> SQLStorage:
        return postgres_storage
