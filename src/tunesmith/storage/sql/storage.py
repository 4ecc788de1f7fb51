"""SQLStorage: studies in a SQLite file or a PostgreSQL database, shared by many workers.

Every method is one short transaction (two for the calls that first look,
without locking, whether there is anything to do). A transaction that fails
changes nothing, so a worker killed at any moment loses only the change it was
making. How concurrent writers of one study take turns is explained in
``changes.py``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, IntegrityError

from tunesmith.exceptions import (
    DuplicatedStudyError,
    StorageError,
    StudyNotFoundError,
    TrialFinishedError,
    TrialNotFoundError,
)
from tunesmith.space import Distribution, distribution_to_json
from tunesmith.storage.base import (
    ChangedTrial,
    StartedTrial,
    Storage,
    StudySummary,
    stale_heartbeat_reason,
)
from tunesmith.storage.sql import codec, dialects, migrations
from tunesmith.storage.sql.changes import (
    UNFINISHED,
    change_trial,
    explain_unchanged_trial,
    require_study,
    reserve_trial_number,
    stamp_trials,
)
from tunesmith.storage.sql.records import (
    CHANGED_SINCE,
    ONE_TRIAL,
    insert_trial,
    insert_values,
    load_changed_trials,
    load_trials,
)
from tunesmith.storage.sql.schema import (
    studies,
    study_attrs,
    trial_attrs,
    trial_intermediate_values,
    trial_params,
    trial_values,
    trials,
)
from tunesmith.storage.sql.summaries import load_study_summaries
from tunesmith.storage.sql.transient import call_with_retries, retry_transient
from tunesmith.storage.sql.urls import anchored, is_sqlite_memory, masked, parse_url
from tunesmith.trial import FAIL_REASON_ATTR, FrozenTrial, StudyDirection, TrialState

__all__ = ["SQLStorage"]


class SQLStorage(Storage):
    """Keeps studies in a SQL database: SQLite for one machine, PostgreSQL for many.

    Creates the tables on first use and upgrades a database written by an
    older tunesmith. Safe for many threads (one connection pool) and many
    processes. A pickled storage reconnects in the process that unpickles it,
    so it can be sent to workers (a relative SQLite path travels resolved
    against the directory the storage was opened in); an in-memory SQLite database
    (``sqlite:///:memory:``) lives in one process only, and is gone once
    closed.

    Args:
        url: ``sqlite:///path/to/file.db``, ``sqlite:///:memory:`` or
            ``postgresql+psycopg://user:password@host/database`` (a plain
            ``postgresql://`` URL uses psycopg 3 too).
        engine_kwargs: extra arguments for ``sqlalchemy.create_engine``; they
            override tunesmith's defaults (SQLite: a 30 s busy timeout;
            PostgreSQL: a 10 s connect timeout), and
            ``connect_args`` are merged key by key.
        create_tables: False to only open a database that holds tunesmith's
            tables already (what read-only commands use), so that pointing
            them at another program's database changes nothing in it.

    Raises:
        InvalidStorageURLError: a URL that cannot be parsed, that names another
            database or a driver that is not installed, or a SQLite file in a
            directory that does not exist.
        SchemaVersionError: the database was written by a newer tunesmith.
        StorageError: the database cannot be reached, or holds no tunesmith
            tables and ``create_tables`` is False.

    >>> storage = SQLStorage("sqlite:///:memory:")
    >>> study_id = storage.create_study("demo", [StudyDirection.MINIMIZE])
    >>> storage.create_trial(study_id).number
    0
    >>> storage.close()
    """

    def __init__(
        self,
        url: str,
        *,
        engine_kwargs: dict[str, Any] | None = None,
        create_tables: bool = True,
    ) -> None:
        self._url = url
        self._engine_kwargs = dict(engine_kwargs or {})
        self._create_tables = create_tables
        self._open()

    def _open(self) -> None:
        """Create the engine, then the tables or the upgrade the database needs."""
        self._shown_url = masked(self._url) if isinstance(self._url, str) else repr(self._url)
        parsed = parse_url(self._url)
        # Resolved now: a process that unpickles this storage may run in another directory.
        self._portable_url = anchored(self._url)
        self._engine = dialects.create_engine(parsed, self._shown_url, self._engine_kwargs)
        self._dialect = self._engine.dialect.name
        # SQLite lets one writer in at a time: this process's threads queue on a
        # lock rather than poll SQLite's busy timeout. An in-memory database has
        # a single connection, which readers must wait for too.
        no_turns: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
        sqlite_turns = threading.Lock()
        self._write_turns = sqlite_turns if self._dialect == "sqlite" else no_turns
        self._read_turns = sqlite_turns if is_sqlite_memory(parsed) else no_turns
        try:
            self._prepare_tables()
        except BaseException:
            self._engine.dispose()
            raise

    # A worker opens its storage while others work: a connection dropped then is retried too.
    @retry_transient
    def _prepare_tables(self) -> None:
        """Require tunesmith's tables, or create or upgrade them, as ``create_tables`` says."""
        if not self._create_tables:
            self._require_tables()
        with self._transaction(write=True) as connection:
            migrations.upgrade(connection, migrations.MIGRATIONS)

    def _require_tables(self) -> None:
        with self._transaction(write=False) as connection:
            if migrations.stored_version(connection) == 0:
                raise StorageError(
                    f"The database at {self._shown_url!r} holds no tunesmith tables, so no "
                    "studies; nothing was created in it. Check the storage URL, or run "
                    "`tunesmith run CONFIG` with it to start a study there."
                )

    def __repr__(self) -> str:
        return f"SQLStorage({self._shown_url!r})"

    def __getstate__(self) -> dict[str, Any]:
        return {
            "url": self._portable_url,
            "engine_kwargs": self._engine_kwargs,
            "create_tables": self._create_tables,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._url = state["url"]
        self._engine_kwargs = state["engine_kwargs"]
        self._create_tables = state.get("create_tables", True)
        self._open()

    def close(self) -> None:
        """Close every pooled connection; a later call opens new ones."""
        self._engine.dispose()

    @contextlib.contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Connection]:
        """One transaction, committed when the block ends, rolled back if it raises."""
        try:
            turns = self._write_turns if write else self._read_turns
            with turns, self._engine.connect() as connection:
                connection.execution_options(
                    **dialects.transaction_options(self._dialect, write=write)
                )
                with connection.begin():
                    yield connection
        except IntegrityError:
            raise
        except DatabaseError as error:
            # OperationalError (a server down, a locked file) and DatabaseError (a file that is
            # not a SQLite database) alike.
            raise StorageError(
                f"The storage at {self._shown_url!r} failed: {error.orig}. Check that the "
                "database server is running and that the URL is right."
            ) from error

    # Studies -----------------------------------------------------------------

    @retry_transient
    def create_study(self, study_name: str, directions: Sequence[StudyDirection]) -> int:
        row = {
            "name": study_name,
            "directions": codec.encode_directions(directions),
            "created_at": datetime.datetime.now(),
            "next_trial_number": 0,
            "change_count": 0,
        }
        try:
            with self._transaction(write=True) as connection:
                statement = sa.insert(studies).values(row).returning(studies.c.id)
                return int(connection.execute(statement).scalar_one())
        except IntegrityError:
            raise DuplicatedStudyError(
                f"A study named {study_name!r} exists already; load it, or pick another name."
            ) from None

    @retry_transient
    def delete_study(self, study_id: int) -> None:
        with self._transaction(write=True) as connection:
            # Trials first, then the study, in the order every writer locks them (changes.py);
            # writers of this study wait, then find no trial.
            study_trials = sa.select(trials.c.id).where(trials.c.study_id == study_id)
            connection.execute(study_trials.with_for_update()).all()
            require_study(connection, study_id, lock=True)
            for child in (trial_values, trial_params, trial_intermediate_values, trial_attrs):
                connection.execute(sa.delete(child).where(child.c.trial_id.in_(study_trials)))
            connection.execute(sa.delete(trials).where(trials.c.study_id == study_id))
            connection.execute(sa.delete(study_attrs).where(study_attrs.c.study_id == study_id))
            connection.execute(sa.delete(studies).where(studies.c.id == study_id))

    @retry_transient
    def get_study_id(self, study_name: str) -> int:
        with self._transaction(write=False) as connection:
            study_id = connection.execute(
                sa.select(studies.c.id).where(studies.c.name == study_name)
            ).scalar()
        if study_id is None:
            raise StudyNotFoundError(f"No study is named {study_name!r}.")
        return int(study_id)

    @retry_transient
    def get_study_name(self, study_id: int) -> str:
        with self._transaction(write=False) as connection:
            return str(require_study(connection, study_id).name)

    @retry_transient
    def get_study_directions(self, study_id: int) -> tuple[StudyDirection, ...]:
        with self._transaction(write=False) as connection:
            return codec.decode_directions(require_study(connection, study_id).directions)

    @retry_transient
    def get_all_studies(self) -> list[StudySummary]:
        with self._transaction(write=False) as connection:
            return load_study_summaries(connection)

    @retry_transient
    def set_study_user_attr(self, study_id: int, key: str, value: Any) -> None:
        self._set_study_attr(study_id, "user", key, value)

    @retry_transient
    def set_study_system_attr(self, study_id: int, key: str, value: Any) -> None:
        self._set_study_attr(study_id, "system", key, value)

    @retry_transient
    def get_study_user_attrs(self, study_id: int) -> dict[str, Any]:
        return self._get_study_attrs(study_id, "user")

    @retry_transient
    def get_study_system_attrs(self, study_id: int) -> dict[str, Any]:
        return self._get_study_attrs(study_id, "system")

    def _set_study_attr(self, study_id: int, kind: str, key: str, value: Any) -> None:
        value_json = codec.encode_attr(value, f"study attribute {key!r}")
        with self._transaction(write=True) as connection:
            require_study(connection, study_id)
            dialects.upsert(
                connection,
                study_attrs,
                ("study_id", "kind", "key"),
                {"study_id": study_id, "kind": kind, "key": key, "value_json": value_json},
            )

    def _get_study_attrs(self, study_id: int, kind: str) -> dict[str, Any]:
        with self._transaction(write=False) as connection:
            require_study(connection, study_id)
            rows = connection.execute(
                sa.select(study_attrs.c.key, study_attrs.c.value_json)
                .where(study_attrs.c.study_id == study_id, study_attrs.c.kind == kind)
                .order_by(study_attrs.c.id)
            )
            return {key: codec.decode_attr(text) for key, text in rows}

    # Creating and claiming trials --------------------------------------------

    @retry_transient
    def create_trial(
        self,
        study_id: int,
        *,
        state: TrialState = TrialState.RUNNING,
        system_attrs: Mapping[str, Any] | None = None,
        max_trials: int | None = None,
        template: FrozenTrial | None = None,
    ) -> FrozenTrial | None:
        if template is None:
            template = _new_trial(state, codec.json_copy(system_attrs or {}, "trial attribute"))
        with self._transaction(write=True) as connection:
            return _create_trial(connection, study_id, max_trials, template)

    @retry_transient
    def claim_waiting_trial(self, study_id: int) -> FrozenTrial | None:
        # Most calls find nothing waiting: they look in one statement, which also tells a
        # missing study, before any write transaction.
        with self._transaction(write=False) as connection:
            found = connection.execute(_STUDY_NEWS, {"study_id": study_id}).one_or_none()
        if found is None:
            raise StudyNotFoundError(f"No study has the id {study_id!r}.")
        if found.waiting_id is None:
            return None
        with self._transaction(write=True) as connection:
            claimed = self._claim_waiting_trial(connection, study_id)
        return None if claimed is None else claimed.trial

    @retry_transient
    def start_trial(
        self, study_id: int, *, max_trials: int | None, changed_since: int
    ) -> StartedTrial:
        with self._transaction(write=True) as connection:
            # The news first, before the creation takes the study's turn (changes.py), so
            # the study row is not held while they travel. The count is read before the
            # trials, so no change stamped up to it is missed; the new trial's own change
            # comes after it, and is read again next time.
            found = connection.execute(_STUDY_NEWS, {"study_id": study_id}).one_or_none()
            if found is None:
                raise StudyNotFoundError(f"No study has the id {study_id!r}.")
            changed = load_changed_trials(
                connection, CHANGED_SINCE, {"study_id": study_id, "change_count": changed_since}
            )
            started = None
            if found.waiting_id is not None:
                started = self._claim_waiting_trial(connection, study_id)
            if started is None:
                created = _create_trial(connection, study_id, max_trials, _new_trial())
                started = None if created is None else ChangedTrial(created, MappingProxyType({}))
        if started is None:
            return StartedTrial(None, changed, int(found.change_count))
        news = [change for change in changed if change.trial.trial_id != started.trial.trial_id]
        news.append(started)
        news.sort(key=lambda change: change.trial.number)
        return StartedTrial(started.trial, news, int(found.change_count))

    def _claim_waiting_trial(self, connection: Connection, study_id: int) -> ChangedTrial | None:
        """Claim the lowest-numbered waiting trial no other worker is claiming right now."""
        # Its row stays locked until commit, so two workers never claim the same trial.
        trial_id = connection.execute(
            sa.select(trials.c.id)
            .where(_waiting(study_id))
            .order_by(trials.c.number)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).scalar()
        if trial_id is None:
            return None  # other workers claimed them in between
        # The claim is the new worker's first heartbeat; an older one says nothing of it.
        updates = {
            "state": TrialState.RUNNING.value,
            "datetime_start": datetime.datetime.now(),
            "heartbeat": dialects.epoch_now(self._dialect),
        }
        with change_trial(connection, trial_id, unfinished=True, updates=updates):
            return load_changed_trials(connection, ONE_TRIAL, {"trial_id": trial_id})[0]

    # Writing to a trial ------------------------------------------------------

    @retry_transient
    def set_trial_param(
        self, trial_id: int, name: str, internal_value: float, distribution: Distribution
    ) -> None:
        with (
            self._transaction(write=True) as connection,
            change_trial(connection, trial_id, unfinished=True),
        ):
            dialects.upsert(
                connection,
                trial_params,
                ("trial_id", "name"),
                {
                    "trial_id": trial_id,
                    "name": name,
                    "value_internal": float(internal_value),
                    "distribution_json": distribution_to_json(distribution),
                },
            )

    @retry_transient
    def set_trial_intermediate_value(self, trial_id: int, step: int, value: float) -> None:
        with (
            self._transaction(write=True) as connection,
            change_trial(connection, trial_id, unfinished=True),
        ):
            dialects.upsert(
                connection,
                trial_intermediate_values,
                ("trial_id", "step"),
                {
                    "trial_id": trial_id,
                    "step": int(step),
                    "value": codec.encode_intermediate(value),
                },
            )

    @retry_transient
    def set_trial_user_attr(self, trial_id: int, key: str, value: Any) -> None:
        self._set_trial_attr(trial_id, "user", key, value)

    @retry_transient
    def set_trial_system_attr(self, trial_id: int, key: str, value: Any) -> None:
        self._set_trial_attr(trial_id, "system", key, value)

    @retry_transient
    def set_trial_system_attrs(self, trial_id: int, attrs: Mapping[str, Any]) -> None:
        self._set_trial_attrs(trial_id, "system", attrs)

    def _set_trial_attr(self, trial_id: int, kind: str, key: str, value: Any) -> None:
        self._set_trial_attrs(trial_id, kind, {key: value})

    def _set_trial_attrs(self, trial_id: int, kind: str, attrs: Mapping[str, Any]) -> None:
        rows = [
            {
                "trial_id": trial_id,
                "kind": kind,
                "key": key,
                "value_json": codec.encode_attr(value, f"trial attribute {key!r}"),
            }
            for key, value in attrs.items()
        ]
        if not rows:
            return
        with (
            self._transaction(write=True) as connection,
            change_trial(connection, trial_id, unfinished=False),
        ):
            for row in rows:
                dialects.upsert(connection, trial_attrs, ("trial_id", "kind", "key"), row)

    def finish_trial(
        self, trial_id: int, state: TrialState, values: Sequence[float] | None = None
    ) -> FrozenTrial:
        def attempt(number: int) -> FrozenTrial:
            try:
                return self._finish_trial(trial_id, state, values)
            except TrialFinishedError:
                # An earlier attempt may have committed before its connection died: if the
                # stored outcome is this one, the call succeeded, and storing it twice is wrong.
                stored = self.get_trial(trial_id) if number > 0 else None
                wanted = None if values is None else tuple(float(v) for v in values)
                if stored is not None and stored.state is state and stored.values == wanted:
                    return stored
                raise

        return call_with_retries(attempt)

    def _finish_trial(
        self, trial_id: int, state: TrialState, values: Sequence[float] | None
    ) -> FrozenTrial:
        updates = {
            "state": state.value,
            "datetime_complete": datetime.datetime.now(),
            "heartbeat": None,
        }
        with (
            self._transaction(write=True) as connection,
            change_trial(connection, trial_id, unfinished=True, updates=updates),
        ):
            if values is not None:
                insert_values(connection, trial_id, values)
            return load_trials(connection, ONE_TRIAL, {"trial_id": trial_id})[0]

    # Heartbeats --------------------------------------------------------------

    @retry_transient
    def record_heartbeat(self, trial_id: int) -> None:
        # Not a change of the trial: no turn of the study, no change count.
        with self._transaction(write=True) as connection:
            beat = connection.execute(
                sa.update(trials)
                .where(trials.c.id == trial_id, trials.c.state.in_(UNFINISHED))
                .values(heartbeat=dialects.epoch_now(self._dialect))
            )
            if beat.rowcount == 0:
                explain_unchanged_trial(connection, trial_id)

    @retry_transient
    def fail_stale_trials(self, study_id: int, grace_seconds: float) -> list[FrozenTrial]:
        stale = sa.and_(
            trials.c.study_id == study_id,
            trials.c.state == TrialState.RUNNING.value,
            trials.c.heartbeat < dialects.epoch_now(self._dialect) - float(grace_seconds),
        )
        # Workers call this often and seldom find anything; look before taking a turn.
        with self._transaction(write=False) as connection:
            require_study(connection, study_id)
            if connection.execute(sa.select(trials.c.id).where(stale).limit(1)).first() is None:
                return []
        with self._transaction(write=True) as connection:
            # Locked until commit; a trial whose row another worker holds (finishing it, say)
            # is being written to, so it is not dead.
            last_beats = dict(
                connection.execute(
                    sa.select(trials.c.id, trials.c.heartbeat)
                    .where(stale)
                    .with_for_update(skip_locked=True)
                ).all()
            )
            if not last_beats:
                return []  # another worker failed them in between
            connection.execute(
                sa.update(trials)
                .where(trials.c.id.in_(last_beats))
                .values(
                    state=TrialState.FAIL.value,
                    datetime_complete=datetime.datetime.now(),
                    heartbeat=None,
                )
            )
            for trial_id, last_beat in sorted(last_beats.items()):
                dialects.upsert(
                    connection,
                    trial_attrs,
                    ("trial_id", "kind", "key"),
                    {
                        "trial_id": trial_id,
                        "kind": "system",
                        "key": FAIL_REASON_ATTR,
                        "value_json": codec.encode_attr(
                            stale_heartbeat_reason(last_beat, grace_seconds), FAIL_REASON_ATTR
                        ),
                    },
                )
            failed = load_trials(connection, trials.c.id.in_(last_beats))
            stamp_trials(connection, study_id, sorted(last_beats))
            return failed

    # Reading trials ----------------------------------------------------------

    @retry_transient
    def get_trial(self, trial_id: int) -> FrozenTrial:
        with self._transaction(write=False) as connection:
            found = load_trials(connection, ONE_TRIAL, {"trial_id": trial_id})
        if not found:
            raise TrialNotFoundError(f"No trial has the id {trial_id!r}.")
        return found[0]

    @retry_transient
    def get_trial_id(self, study_id: int, number: int) -> int:
        with self._transaction(write=False) as connection:
            trial_id = connection.execute(
                sa.select(trials.c.id).where(
                    trials.c.study_id == study_id, trials.c.number == number
                )
            ).scalar()
            if trial_id is None:
                require_study(connection, study_id)
                raise TrialNotFoundError(f"The study has no trial number {number!r}.")
            return int(trial_id)

    @retry_transient
    def get_all_trials(
        self, study_id: int, states: Collection[TrialState] | None = None
    ) -> list[FrozenTrial]:
        condition = trials.c.study_id == study_id
        if states is not None:
            condition = sa.and_(condition, trials.c.state.in_([s.value for s in states]))
        with self._transaction(write=False) as connection:
            require_study(connection, study_id)
            return load_trials(connection, condition)

    @retry_transient
    def get_trials_changed_since(
        self, study_id: int, change_count: int
    ) -> tuple[list[ChangedTrial], int]:
        with self._transaction(write=False) as connection:
            current = int(require_study(connection, study_id).change_count)
            changed = load_changed_trials(
                connection, CHANGED_SINCE, {"study_id": study_id, "change_count": change_count}
            )
        return changed, current


def _new_trial(
    state: TrialState = TrialState.RUNNING, system_attrs: Mapping[str, Any] | None = None
) -> FrozenTrial:
    """The record of a new trial with nothing in it yet; number and id come from the storage."""
    return FrozenTrial(
        number=-1,
        trial_id=-1,
        state=state,
        values=None,
        params={},
        distributions={},
        intermediate_values={},
        user_attrs={},
        system_attrs=system_attrs or {},
        datetime_start=datetime.datetime.now() if state is TrialState.RUNNING else None,
        datetime_complete=None,
    )


def _create_trial(
    connection: Connection, study_id: int, max_trials: int | None, template: FrozenTrial
) -> FrozenTrial | None:
    """Store ``template`` as the study's next trial, unless it holds ``max_trials`` already."""
    reserved = reserve_trial_number(connection, study_id, max_trials)
    if reserved is None:
        return None
    number, change = reserved
    trial_id = insert_trial(connection, study_id, number, change, template)
    return dataclasses.replace(template, number=number, trial_id=trial_id)


def _waiting(study_id: int | sa.BindParameter[Any]) -> sa.ColumnElement[bool]:
    return sa.and_(trials.c.study_id == study_id, trials.c.state == TrialState.WAITING.value)


_STUDY_NEWS = sa.select(
    studies.c.change_count,
    sa.select(trials.c.id)
    .where(_waiting(sa.bindparam("study_id")))
    .limit(1)
    .scalar_subquery()
    .label("waiting_id"),
).where(studies.c.id == sa.bindparam("study_id"))
"""The study's change count and the id of a waiting trial (or None), in one statement.

No row when the study ``study_id`` does not exist. Built once, like the other
statements every worker makes on every trial.
"""
