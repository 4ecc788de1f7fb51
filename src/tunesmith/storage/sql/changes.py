"""How the writers of one study take turns, and how every change is counted.

Every write to a study's trials starts by raising the study row's
``change_count`` with ``UPDATE ... RETURNING``. In PostgreSQL that update locks
the study row until the transaction ends; in SQLite the transaction holds the
whole database from its ``BEGIN IMMEDIATE``. Either way the writers of a study
take turns, so the counter values follow the order of the commits, a state
read after the update cannot change before the commit, and the trial number
reserved in the same update is never handed out twice.

The functions here run inside the caller's write transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tunesmith.exceptions import StudyNotFoundError, TrialFinishedError, TrialNotFoundError
from tunesmith.storage.sql.schema import studies, trials
from tunesmith.trial import TrialState

__all__ = [
    "UNFINISHED",
    "explain_unchanged_trial",
    "mark_trial_changed",
    "require_study",
    "reserve_trial_number",
    "take_study_turn",
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


def reserve_trial_number(
    connection: Connection, study_id: int, max_trials: int | None
) -> tuple[int, int] | None:
    """The study's next trial number and the change count of its creation.

    Returns None, reserving nothing, when the study holds ``max_trials``
    trials already.

    Raises:
        StudyNotFoundError: no study has the id ``study_id``.
    """
    statement = (
        sa.update(studies)
        .where(studies.c.id == study_id)
        .values(
            next_trial_number=studies.c.next_trial_number + 1,
            change_count=studies.c.change_count + 1,
        )
        .returning(studies.c.next_trial_number, studies.c.change_count)
    )
    if max_trials is not None:
        # Trials are never deleted one by one, so the next number is the count. Trial numbers
        # are 32-bit integers: a larger budget is no budget, and must not overflow the query.
        limit = min(max_trials, _LARGEST_TRIAL_COUNT)
        statement = statement.where(studies.c.next_trial_number < limit)
    row = connection.execute(statement).one_or_none()
    if row is None:
        require_study(connection, study_id)
        return None
    return row.next_trial_number - 1, row.change_count


def take_study_turn(connection: Connection, study_id: int) -> int:
    """Raise the study's change count, holding its turn until commit; the new count.

    Raises:
        StudyNotFoundError: no study has the id ``study_id``.
    """
    change = _raise_change_count(connection, studies.c.id == study_id)
    if change is None:
        raise StudyNotFoundError(f"No study has the id {study_id!r}.")
    return change


def _raise_change_count(connection: Connection, which: sa.ColumnElement[bool]) -> int | None:
    """Raise the change count of the study row matching ``which``; None if none matches."""
    change = connection.execute(
        sa.update(studies)
        .where(which)
        .values(change_count=studies.c.change_count + 1)
        .returning(studies.c.change_count)
    ).scalar()
    return None if change is None else int(change)


def mark_trial_changed(
    connection: Connection,
    trial_id: int,
    *,
    unfinished: bool,
    updates: Mapping[str, Any] | None = None,
) -> int:
    """Take the turn of the trial's study and stamp the trial with the new change count.

    ``updates`` are further columns of the trial row to set in the same
    statement. Returns the change count.

    Raises:
        TrialNotFoundError: no trial has the id ``trial_id``.
        TrialFinishedError: with ``unfinished``, the trial has finished.
    """
    study_of_trial = sa.select(trials.c.study_id).where(trials.c.id == trial_id)
    change = _raise_change_count(connection, studies.c.id == study_of_trial.scalar_subquery())
    if change is None:
        raise TrialNotFoundError(f"No trial has the id {trial_id!r}.")
    condition = trials.c.id == trial_id
    if unfinished:
        condition = sa.and_(condition, trials.c.state.in_(UNFINISHED))
    marked = connection.execute(
        sa.update(trials).where(condition).values(changed_at=change, **(updates or {}))
    )
    if marked.rowcount == 0:
        explain_unchanged_trial(connection, trial_id)
    return change


def explain_unchanged_trial(connection: Connection, trial_id: int) -> None:
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
