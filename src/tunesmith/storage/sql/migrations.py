"""The schema version of a tunesmith database and the steps that upgrade it.

The ``schema_version`` table holds one integer. ``MIGRATIONS`` is the ordered
list of steps; the version this code writes is its length.

- ``MIGRATIONS[0]`` creates an empty database: every table of
  ``schema.py``, which always describes the newest version.
- ``MIGRATIONS[k]`` for k >= 1 upgrades a database of version k to k + 1.

To release version 2: change ``schema.py``, and append one function that
alters a version-1 database to match (for example ``ALTER TABLE ... ADD
COLUMN``). Steps run in one transaction under a lock (see
``dialects.lock_schema``), so processes that open a database at once upgrade it
once, and a failed step leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tunesmith.exceptions import SchemaVersionError
from tunesmith.storage.sql import dialects
from tunesmith.storage.sql.schema import metadata, schema_version

__all__ = ["CURRENT_VERSION", "MIGRATIONS", "Migration", "stored_version", "upgrade"]

Migration = Callable[[Connection], None]


def _create_tables(connection: Connection) -> None:
    metadata.create_all(connection, checkfirst=True)


MIGRATIONS: tuple[Migration, ...] = (_create_tables,)
CURRENT_VERSION = len(MIGRATIONS)


def stored_version(connection: Connection) -> int:
    """The schema version of the database; 0 for one without tunesmith's tables."""
    if not sa.inspect(connection).has_table(schema_version.name):
        return 0
    version = connection.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    return int(version or 0)


def upgrade(connection: Connection, steps: Sequence[Migration]) -> int:
    """Bring the database to version ``len(steps)`` and return that version.

    Runs inside the caller's write transaction.

    Raises:
        SchemaVersionError: the database's version is newer than
            ``len(steps)``; nothing is changed.
    """
    dialects.lock_schema(connection)
    found = stored_version(connection)
    target = len(steps)
    if found > target:
        shown = connection.engine.url.render_as_string(hide_password=True)
        raise SchemaVersionError(
            f"The database at {shown!r} has schema version {found}, but this tunesmith reads "
            f"versions up to {target}; upgrade tunesmith (pip install -U tunesmith) to open it."
        )
    if found == target:
        return target
    pending = steps[:1] if found == 0 else steps[found:]
    for step in pending:
        step(connection)
    connection.execute(sa.delete(schema_version))
    connection.execute(sa.insert(schema_version).values(version=target))
    return target
