"""Everything that differs between SQLite and PostgreSQL, in one place.

- Engine defaults. SQLite runs in WAL mode with a 30 s busy timeout, and every
  write transaction starts with ``BEGIN IMMEDIATE``: it takes the database's
  write lock at once, so concurrent writers (threads or processes) queue up
  instead of failing with "database is locked" half-way through a
  transaction. PostgreSQL does not ping a pooled connection before each
  transaction (a round trip on every storage call): a connection that a
  server restart or a firewall dropped while it sat in the pool fails its
  first statement, which changes nothing, SQLAlchemy discards the pool's
  connections of that age, and the storage call is made again on a new one
  (``transient.py``).
- Read transactions see one snapshot of the database (PostgreSQL: REPEATABLE
  READ; SQLite in WAL mode does so by itself), so a trial and its
  hyperparameters, values and attributes are always read as of one moment.
- The database clock, an upsert statement, and a lock that serialises schema
  creation and migration across processes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.pool import StaticPool

from tunesmith.exceptions import InvalidStorageURLError
from tunesmith.storage.sql.urls import is_sqlite_memory

__all__ = [
    "create_engine",
    "epoch_now",
    "lock_schema",
    "transaction_options",
    "upsert",
]

_SQLITE_BUSY_TIMEOUT_SECONDS = 30.0
_POSTGRES_CONNECT_TIMEOUT_SECONDS = 10
# Any fixed 64-bit number; it names the lock held while the schema is created or migrated.
_SCHEMA_LOCK_KEY = 0x7475_6E65_736D_6974
# A connection execution option read by the SQLite "begin" event.
_WRITE_OPTION = "tunesmith_write"


def create_engine(url: URL, shown_url: str, engine_kwargs: Mapping[str, Any]) -> Engine:
    """An engine for ``url`` with tunesmith's defaults, overridden by ``engine_kwargs``.

    ``connect_args`` are merged key by key rather than replaced.

    Raises:
        InvalidStorageURLError: the URL names a driver SQLAlchemy does not
            know, or one that is not installed.
    """
    options = _default_options(url)
    given = dict(engine_kwargs)
    connect_args = {**options.pop("connect_args", {}), **given.pop("connect_args", {})}
    options.update(given)
    options["connect_args"] = connect_args
    try:
        engine = sa.create_engine(url, **options)
    except NoSuchModuleError:
        raise InvalidStorageURLError(
            f"The storage URL {shown_url!r} names the driver {url.drivername!r}, which SQLAlchemy "
            "does not know; use sqlite:/// or postgresql+psycopg://."
        ) from None
    except ImportError as error:
        raise InvalidStorageURLError(
            f"The storage URL {shown_url!r} needs the Python package {error.name!r}, which is not "
            'installed. For PostgreSQL run pip install "tunesmith[postgres]" and use a '
            "postgresql+psycopg:// URL."
        ) from error
    if url.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _configure_sqlite_connection)
        sa.event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _default_options(url: URL) -> dict[str, Any]:
    if url.get_backend_name() == "sqlite":
        options: dict[str, Any] = {
            "connect_args": {"timeout": _SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
        }
        if is_sqlite_memory(url):
            # Every connection to ":memory:" would open a new, empty database.
            options["poolclass"] = StaticPool
        return options
    if url.get_driver_name() in ("psycopg", "psycopg2"):
        return {"connect_args": {"connect_timeout": _POSTGRES_CONNECT_TIMEOUT_SECONDS}}
    return {}


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module would open transactions on its own, in DEFERRED mode;
    # with isolation_level None it leaves that to _begin_sqlite_transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    writing = connection.get_execution_options().get(_WRITE_OPTION, True)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def transaction_options(dialect_name: str, *, write: bool) -> dict[str, Any]:
    """Execution options to set on a connection before it begins a transaction."""
    options: dict[str, Any] = {_WRITE_OPTION: write}
    if dialect_name == "postgresql" and not write:
        options["isolation_level"] = "REPEATABLE READ"
    return options


def epoch_now(dialect_name: str) -> sa.ColumnElement[float]:
    """The database server's current time, in seconds since the epoch."""
    if dialect_name == "sqlite":
        # 2440587.5 is the Julian day of 1970-01-01T00:00Z.
        sql = "((julianday('now') - 2440587.5) * 86400.0)"
    else:
        sql = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS DOUBLE PRECISION)"
    return sa.literal_column(sql, type_=sa.Float)


def upsert(
    connection: Connection,
    table: sa.Table,
    key_columns: tuple[str, ...],
    values: Mapping[str, Any],
) -> None:
    """Insert a row, or update the row that has the same ``key_columns``."""
    statement = _upsert_statement(connection.dialect.name, table, key_columns, tuple(values))
    connection.execute(statement, dict(values))


@functools.cache
def _upsert_statement(
    dialect_name: str, table: sa.Table, key_columns: tuple[str, ...], columns: tuple[str, ...]
) -> sa.Insert:
    """The upsert of rows with these ``columns``, built once: its values are bound at execution."""
    insert = sqlite.insert(table) if dialect_name == "sqlite" else postgresql.insert(table)
    updates = {name: insert.excluded[name] for name in columns if name not in key_columns}
    return insert.on_conflict_do_update(index_elements=key_columns, set_=updates)


def lock_schema(connection: Connection) -> None:
    """Hold, until the transaction ends, a lock that every schema change takes.

    SQLite needs nothing more: a write transaction holds the whole database.
    In PostgreSQL two processes creating the tables at once would both see
    them missing; this lock makes the second wait and then find them.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_SCHEMA_LOCK_KEY)))
