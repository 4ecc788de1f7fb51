"""Fresh databases for each measurement: a new PostgreSQL database, or a new SQLite file."""

from __future__ import annotations

import contextlib
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

__all__ = ["DEFAULT_POSTGRES_URL", "fresh_database"]

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1/postgres"


@contextlib.contextmanager
def fresh_database(kind: str, server_url: str, prefix: str) -> Iterator[str]:
    """The URL of an empty database of ``kind`` (``postgresql`` or ``sqlite``), dropped after.

    A PostgreSQL database is created on the server of ``server_url`` (any
    database there that the user may connect to) and named ``prefix`` plus a
    random suffix; a SQLite file lives in a temporary folder.
    """
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix=prefix) as folder:
            yield f"sqlite:///{Path(folder) / 'study.db'}"
        return
    server = sa.make_url(server_url)
    name = f"{prefix}{secrets.token_hex(4)}"
    # CREATE / DROP DATABASE cannot run inside a transaction.
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
