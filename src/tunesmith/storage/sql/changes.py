"""How the writers of one study take turns, and how every change is counted.

A write to a study's trials first changes (and so locks, until commit) the
trial rows it is about, guarded by their state, then writes their children,
and only then takes the study's turn: it raises the study row's
``change_count`` and stamps the trials with the new count. In PostgreSQL
that last update locks the study row until the transaction ends; in SQLite
the transaction holds the whole database from its ``BEGIN IMMEDIATE``.
Either way the counter values follow the order of the commits, so a reader
that saw count N never later finds a change stamped N or less; and the study
row, which every worker of the study needs, is held only for the last
statement and the commit, not while the rest of the transaction goes back
and forth to the server. Locks are taken in one order, trials before the
study, so two writers never wait for each other. The trial number reserved
by raising ``next_trial_number`` is never handed out twice.

The functions here run inside the caller's write transaction.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NoReturn

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tunesmith.exceptions import StudyNotFoundError, TrialFinishedError, TrialNotFoundError
from tunesmith.storage.sql.schema import studies, trials
from tunesmith.trial import TrialState

__all__ = [
    "UNFINISHED",
    "change_trial",
    "explain_unchanged_trial",
    "require_study",
    "reserve_trial_number",
    "stamp_trials",
]

UNFINISHED = (TrialState.WAITING.value, TrialState.RUNNING.value)


def require_study(connection: Connection, study_id: int, *, lock: bool = False) -> sa.Row[Any]:
    """The study's row, locked until commit with ``lock``.

    Raises:
        StudyNotFoundError: no study has the id ``study_id``.
    """
    query = sa.select(studies).where(studies.c.id == study_id)
    if lock:
        query = query.with_for_update()
    row = connection.execute(query).one_or_none()
    if row is None:
        raise StudyNotFoundError(f"No study has the id {study_id!r}.")
    return row


_LARGEST_TRIAL_COUNT = 2**31 - 1


# The statements every worker makes on every trial, built once (building one costs more
# Python than running it); their values are bound at execution, under names that are no
# column's (an update reserves those for the columns it sets).
_RESERVE = (
    sa.update(studies)
    .where(studies.c.id == sa.bindparam("the_study"))
    .values(
        next_trial_number=studies.c.next_trial_number + 1,
        change_count=studies.c.change_count + 1,
    )
    .returning(studies.c.next_trial_number, studies.c.change_count)
)
_RESERVE_WITHIN = _RESERVE.where(studies.c.next_trial_number < sa.bindparam("limit"))
_TURN = (
    sa.update(studies)
    .where(studies.c.id == sa.bindparam("the_study"))
    .values(change_count=studies.c.change_count + 1)
    .returning(studies.c.change_count)
)
# PostgreSQL, one round trip: the turn and the stamp of one trial in one statement.
_TURN_AND_STAMP = (
    sa.update(trials)
    .where(trials.c.id == sa.bindparam("the_trial"))
    .values(changed_at=sa.select(_TURN.cte("turn").c.change_count).scalar_subquery())
    .returning(trials.c.changed_at)
)


def reserve_trial_number(
    connection: Connection, study_id: int, max_trials: int | None
) -> tuple[int, int] | None:
    """The study's next trial number and the change count of its creation.

    Returns None, reserving nothing, when the study holds ``max_trials``
    trials already.

    Raises:
        StudyNotFoundError: no study has the id ``study_id``.
    """
    if max_trials is None:
        row = connection.execute(_RESERVE, {"the_study": study_id}).one_or_none()
    else:
        # Trials are never deleted one by one, so the next number is the count. Trial numbers
        # are 32-bit integers: a larger budget is no budget, and must not overflow the query.
        limit = min(max_trials, _LARGEST_TRIAL_COUNT)
        row = connection.execute(
            _RESERVE_WITHIN, {"the_study": study_id, "limit": limit}
        ).one_or_none()
    if row is None:
        require_study(connection, study_id)
        return None
    return row.next_trial_number - 1, row.change_count


def stamp_trials(connection: Connection, study_id: int, trial_ids: Sequence[int]) -> int:
    """Take the study's turn, holding it until commit, and stamp the trials; the new count.

    Call it last in a transaction, after the trials' rows were changed.

    Raises:
        StudyNotFoundError: no study has the id ``study_id``.
    """
    if connection.dialect.name == "postgresql" and len(trial_ids) == 1:
        # The study exists: its trials are locked by the caller, and deleting a study locks
        # its trials first.
        stamped = connection.execute(
            _TURN_AND_STAMP, {"the_study": study_id, "the_trial": trial_ids[0]}
        )
        return int(stamped.scalar_one())
    change = connection.execute(_TURN, {"the_study": study_id}).scalar()
    if change is None:
        raise StudyNotFoundError(f"No study has the id {study_id!r}.")
    if trial_ids:
        connection.execute(
            sa.update(trials).where(trials.c.id.in_(trial_ids)).values(changed_at=change)
        )
    return int(change)


@contextlib.contextmanager
def change_trial(
    connection: Connection,
    trial_id: int,
    *,
    unfinished: bool,
    updates: Mapping[str, Any] | None = None,
) -> Iterator[None]:
    """Change the trial's row, run the block (its other writes), then stamp the change.

    ``updates`` are columns of the trial row to set; the row stays locked
    until commit either way. After the block, ``stamp_trials`` takes the
    study's turn (see the module docstring).

    Raises:
        TrialNotFoundError: no trial has the id ``trial_id``.
        TrialFinishedError: with ``unfinished``, the trial has finished.
    """
    updates = dict(updates or {})
    if any(isinstance(value, sa.ClauseElement) for value in updates.values()):
        # A value computed by the database (the clock): built for this call.
        statement = _change_statement(unfinished, ()).values(**updates)
        parameters = {"the_trial": trial_id}
    else:
        statement = _change_statement(unfinished, tuple(sorted(updates)))
        parameters = {"the_trial": trial_id, **{_NEW + name: v for name, v in updates.items()}}
    study_id = connection.execute(statement, parameters).scalar()
    if study_id is None:
        explain_unchanged_trial(connection, trial_id)
    yield
    stamp_trials(connection, int(study_id), [trial_id])


_NEW = "new_"  # the bound parameters of new column values: column names are reserved


@functools.cache
def _change_statement(unfinished: bool, columns: tuple[str, ...]) -> sa.Update:
    """The update of a trial's row that sets ``columns`` from bound parameters, built once.

    With no column to set, the row is locked by setting a column to itself.
    """
    condition = trials.c.id == sa.bindparam("the_trial")
    if unfinished:
        condition = sa.and_(condition, trials.c.state.in_(UNFINISHED))
    values: dict[str, Any] = {
        name: sa.bindparam(_NEW + name, type_=trials.c[name].type) for name in columns
    }
    if not values:
        values = {"changed_at": trials.c.changed_at}
    return sa.update(trials).where(condition).values(**values).returning(trials.c.study_id)


def explain_unchanged_trial(connection: Connection, trial_id: int) -> NoReturn:
    """Raise why an update guarded by the trial being unfinished changed no row.

    Raises:
        TrialNotFoundError: no trial has the id ``trial_id``.
        TrialFinishedError: otherwise; the trial has finished.
    """
    row = connection.execute(
        sa.select(trials.c.number, trials.c.state).where(trials.c.id == trial_id)
    ).one_or_none()
    if row is None:
        raise TrialNotFoundError(f"No trial has the id {trial_id!r}.")
    raise TrialFinishedError(
        f"Trial {row.number} is {row.state} already; a finished trial cannot change."
    )
