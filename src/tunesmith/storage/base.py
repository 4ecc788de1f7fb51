"""The Storage contract every backend fulfils, and the study summary record.

The storage is the single source of truth of a study. Every state change is one
short transaction, trial numbers are assigned by the storage, and every change
to a trial raises the study's change counter so that readers can fetch only
what changed since their last read (see ``tunesmith.history``). The change
feed hands each record over with its hyperparameters in the internal form the
storage keeps, so the history never converts them back.
"""

from __future__ import annotations

import abc
import datetime
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tunesmith.space import Distribution
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__all__ = ["ChangedTrial", "StartedTrial", "Storage", "StudySummary", "stale_heartbeat_reason"]


@dataclass(frozen=True, slots=True)
class StudySummary:
    """What a study list shows: name, directions, trial counts, best values."""

    study_id: int
    study_name: str
    directions: tuple[StudyDirection, ...]
    n_trials: int
    n_complete: int
    best_values: tuple[float, ...] | None
    datetime_start: datetime.datetime | None
    user_attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChangedTrial:
    """One trial as the change feed (``Storage.get_trials_changed_since``) reports it.

    Attributes:
        trial: the trial's record.
        internal_params: hyperparameter name -> its internal value, the float
            the storage keeps: ``trial.distributions[name].to_internal(trial.params[name])``
            without the conversion. A read-only mapping.
    """

    trial: FrozenTrial
    internal_params: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class StartedTrial:
    """What ``Storage.start_trial`` returns: the trial a worker starts, and the news.

    Attributes:
        trial: the claimed or created trial, RUNNING; None when the budget was spent.
        changed: the trials changed since the counter value the caller gave,
            as ``get_trials_changed_since`` reports them (``trial`` among them).
        change_count: the counter to ask for changes after next time.
    """

    trial: FrozenTrial | None
    changed: Sequence[ChangedTrial]
    change_count: int


def stale_heartbeat_reason(last_beat: float, grace_seconds: float) -> str:
    """Why a trial whose worker last beat at ``last_beat`` (seconds since the epoch) failed.

    >>> stale_heartbeat_reason(0.0, 60)
    'The worker stopped sending heartbeats at 1970-01-01 00:00:00 UTC (grace 60 s).'
    """
    when = datetime.datetime.fromtimestamp(last_beat, tz=datetime.UTC)
    return (
        f"The worker stopped sending heartbeats at {when:%Y-%m-%d %H:%M:%S} UTC "
        f"(grace {grace_seconds:g} s)."
    )


class Storage(abc.ABC):
    """Where studies and their trials live.

    Implementations: ``InMemoryStorage`` (one process) and ``SQLStorage``
    (SQLite embedded, PostgreSQL for many workers on many machines). The
    contract suite in ``tunesmith.testing.storage`` holds every one of them to
    the same behaviour.
    """

    # Studies -----------------------------------------------------------------

    @abc.abstractmethod
    def create_study(self, study_name: str, directions: Sequence[StudyDirection]) -> int:
        """Create a study and return its id.

        Raises:
            DuplicatedStudyError: a study by that name exists already.
        """

    @abc.abstractmethod
    def delete_study(self, study_id: int) -> None:
        """Delete a study and all its trials. Raises StudyNotFoundError."""

    @abc.abstractmethod
    def get_study_id(self, study_name: str) -> int:
        """The id of the study named ``study_name``. Raises StudyNotFoundError."""

    @abc.abstractmethod
    def get_study_name(self, study_id: int) -> str:
        """Raises StudyNotFoundError."""

    @abc.abstractmethod
    def get_study_directions(self, study_id: int) -> tuple[StudyDirection, ...]:
        """Raises StudyNotFoundError."""

    @abc.abstractmethod
    def get_all_studies(self) -> list[StudySummary]:
        """A summary of every study, ordered by id."""

    @abc.abstractmethod
    def set_study_user_attr(self, study_id: int, key: str, value: Any) -> None:
        """Store a JSON-serialisable value under ``key``."""

    @abc.abstractmethod
    def set_study_system_attr(self, study_id: int, key: str, value: Any) -> None:
        """Store a JSON-serialisable value under ``key``, for tunesmith's own use."""

    @abc.abstractmethod
    def get_study_user_attrs(self, study_id: int) -> dict[str, Any]: ...

    @abc.abstractmethod
    def get_study_system_attrs(self, study_id: int) -> dict[str, Any]: ...

    # Trials ------------------------------------------------------------------

    @abc.abstractmethod
    def create_trial(
        self,
        study_id: int,
        *,
        state: TrialState = TrialState.RUNNING,
        system_attrs: Mapping[str, Any] | None = None,
        max_trials: int | None = None,
        template: FrozenTrial | None = None,
    ) -> FrozenTrial | None:
        """Create a trial with the next free number and return it.

        Args:
            study_id: the study.
            state: RUNNING for a trial a worker starts now, WAITING for an
                enqueued one.
            system_attrs: stored with the trial in the same transaction.
            max_trials: if given and the study already holds that many
                trials, create nothing and return None. The check and the
                creation are one transaction, so workers sharing a budget
                never overshoot it.
            template: copy state, values, hyperparameters, intermediate values
                and attributes from this record (used to copy studies); its
                number and id are ignored.
        """

    @abc.abstractmethod
    def claim_waiting_trial(self, study_id: int) -> FrozenTrial | None:
        """Turn the lowest-numbered WAITING trial into RUNNING and return it.

        Two workers never claim the same trial. Returns None when none waits.
        """

    def start_trial(
        self, study_id: int, *, max_trials: int | None, changed_since: int
    ) -> StartedTrial:
        """Claim the lowest-numbered WAITING trial, or else create a RUNNING one.

        What a worker does to start a trial, in one step where the backend can:
        ``claim_waiting_trial``, then ``create_trial(study_id,
        max_trials=max_trials)`` if nothing waits, and the trials changed after
        the counter was ``changed_since``, which the worker's sampler reads next.
        The created or claimed trial is among them; the count returned may be
        older than its change, so that a later read brings it again.

        Raises:
            StudyNotFoundError: no study has the id ``study_id``.
        """
        trial = self.claim_waiting_trial(study_id)
        if trial is None:
            trial = self.create_trial(study_id, max_trials=max_trials)
        changed, change_count = self.get_trials_changed_since(study_id, changed_since)
        return StartedTrial(trial, changed, change_count)

    @abc.abstractmethod
    def set_trial_param(
        self, trial_id: int, name: str, internal_value: float, distribution: Distribution
    ) -> None:
        """Record a hyperparameter of a running trial. Raises TrialFinishedError.

        ``internal_value`` is kept as given and read back as it is by the
        change feed; the record's ``params`` hold its external form.
        """

    @abc.abstractmethod
    def set_trial_intermediate_value(self, trial_id: int, step: int, value: float) -> None:
        """Record (or overwrite) the value reported at ``step``. Raises TrialFinishedError."""

    @abc.abstractmethod
    def set_trial_user_attr(self, trial_id: int, key: str, value: Any) -> None: ...

    @abc.abstractmethod
    def set_trial_system_attr(self, trial_id: int, key: str, value: Any) -> None: ...

    def set_trial_system_attrs(self, trial_id: int, attrs: Mapping[str, Any]) -> None:
        """Store several system attributes of a trial at once: all of them, or none.

        What ``set_trial_system_attr`` does for each item, in the mapping's
        order; the default does just that, and tunesmith's storages override it
        to write them in one transaction (the contract suite holds them to all
        or none).
        """
        for key, value in attrs.items():
            self.set_trial_system_attr(trial_id, key, value)

    @abc.abstractmethod
    def finish_trial(
        self, trial_id: int, state: TrialState, values: Sequence[float] | None = None
    ) -> FrozenTrial:
        """Move a running trial to COMPLETE, PRUNED or FAIL and return its record.

        Raises:
            TrialFinishedError: the trial had finished already (for example a
                stale trial that another worker marked failed).
        """

    @abc.abstractmethod
    def record_heartbeat(self, trial_id: int) -> None:
        """Note that the worker running this trial is alive."""

    @abc.abstractmethod
    def fail_stale_trials(self, study_id: int, grace_seconds: float) -> list[FrozenTrial]:
        """Mark FAIL every RUNNING trial whose heartbeat is older than ``grace_seconds``.

        A trial's start (its creation or claim as RUNNING) counts as its
        first heartbeat, so a worker that dies before it beats once is found
        as well. Each one's ``system_attrs["fail_reason"]`` says when its
        worker last beat (``stale_heartbeat_reason``), written in the same
        step as the FAIL. Returns the trials it marked.
        """

    @abc.abstractmethod
    def get_trial(self, trial_id: int) -> FrozenTrial:
        """Raises TrialNotFoundError."""

    @abc.abstractmethod
    def get_trial_id(self, study_id: int, number: int) -> int:
        """The id of trial ``number`` of the study. Raises TrialNotFoundError."""

    @abc.abstractmethod
    def get_all_trials(
        self, study_id: int, states: Collection[TrialState] | None = None
    ) -> list[FrozenTrial]:
        """Every trial of the study (of the given states), ordered by number."""

    @abc.abstractmethod
    def get_trials_changed_since(
        self, study_id: int, change_count: int
    ) -> tuple[list[ChangedTrial], int]:
        """The trials changed after the study's change counter was ``change_count``.

        Returns them ordered by number, each with its hyperparameters' internal
        values, and the counter's current value; pass that value to the next
        call to get only later changes.
        """

    def close(self) -> None:  # noqa: B027 - a backend without connections has nothing to do
        """Release connections; the default holds none."""
