"""InMemoryStorage: the Python API's default, for studies that live in one process."""

from __future__ import annotations

import datetime
import json
import threading
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from tunesmith.exceptions import (
    DuplicatedStudyError,
    StudyNotFoundError,
    TrialFinishedError,
    TrialNotFoundError,
)
from tunesmith.space import Distribution
from tunesmith.storage.base import ChangedTrial, Storage, StudySummary, stale_heartbeat_reason
from tunesmith.storage.summary import best_values_of
from tunesmith.trial import FAIL_REASON_ATTR, FrozenTrial, StudyDirection, TrialState

__all__ = ["InMemoryStorage"]


def _json_copy(value: Any, what: str) -> Any:
    """Store what a SQL storage would give back, so both behave alike."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError) as error:
        raise TypeError(f"The value of {what} must be JSON-serialisable; got {value!r}.") from error


@dataclass
class _Study:
    study_id: int
    name: str
    directions: tuple[StudyDirection, ...]
    created: datetime.datetime
    user_attrs: dict[str, Any] = field(default_factory=dict)
    system_attrs: dict[str, Any] = field(default_factory=dict)
    trial_ids: list[int] = field(default_factory=list)
    change_count: int = 0


class InMemoryStorage(Storage):
    """Keeps studies in this process's memory; safe for many threads.

    >>> storage = InMemoryStorage()
    >>> storage.create_study("demo", [StudyDirection.MINIMIZE])
    0
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._studies: dict[int, _Study] = {}
        self._trials: dict[int, FrozenTrial] = {}
        # Each trial's hyperparameters as given to set_trial_param, for the change feed;
        # replaced, never changed in place, since readers hold on to them.
        self._internal_params: dict[int, Mapping[str, float]] = {}
        self._trial_study: dict[int, int] = {}
        self._trial_changed_at: dict[int, int] = {}
        self._heartbeats: dict[int, float] = {}
        self._next_study_id = 0

    def __repr__(self) -> str:
        return "InMemoryStorage()"

    # Studies -----------------------------------------------------------------

    def _study(self, study_id: int) -> _Study:
        try:
            return self._studies[study_id]
        except KeyError:
            raise StudyNotFoundError(f"No study has the id {study_id!r}.") from None

    def create_study(self, study_name: str, directions: Sequence[StudyDirection]) -> int:
        with self._lock:
            if any(s.name == study_name for s in self._studies.values()):
                raise DuplicatedStudyError(
                    f"A study named {study_name!r} exists already; load it, or pick another name."
                )
            study_id = self._next_study_id
            self._next_study_id += 1
            self._studies[study_id] = _Study(
                study_id, study_name, tuple(directions), datetime.datetime.now()
            )
            return study_id

    def delete_study(self, study_id: int) -> None:
        with self._lock:
            study = self._study(study_id)
            for trial_id in study.trial_ids:
                del self._trials[trial_id]
                del self._internal_params[trial_id]
                del self._trial_study[trial_id]
                self._trial_changed_at.pop(trial_id, None)
                self._heartbeats.pop(trial_id, None)
            del self._studies[study_id]

    def get_study_id(self, study_name: str) -> int:
        with self._lock:
            for study in self._studies.values():
                if study.name == study_name:
                    return study.study_id
        raise StudyNotFoundError(f"No study is named {study_name!r}.")

    def get_study_name(self, study_id: int) -> str:
        with self._lock:
            return self._study(study_id).name

    def get_study_directions(self, study_id: int) -> tuple[StudyDirection, ...]:
        with self._lock:
            return self._study(study_id).directions

    def get_all_studies(self) -> list[StudySummary]:
        with self._lock:
            summaries = []
            for study_id in sorted(self._studies):
                study = self._studies[study_id]
                trials = [self._trials[t] for t in study.trial_ids]
                complete = [t for t in trials if t.state is TrialState.COMPLETE]
                summaries.append(
                    StudySummary(
                        study_id=study_id,
                        study_name=study.name,
                        directions=study.directions,
                        n_trials=len(trials),
                        n_complete=len(complete),
                        best_values=best_values_of(complete, study.directions),
                        datetime_start=study.created,
                        user_attrs=dict(study.user_attrs),
                    )
                )
            return summaries

    def set_study_user_attr(self, study_id: int, key: str, value: Any) -> None:
        with self._lock:
            self._study(study_id).user_attrs[key] = _json_copy(value, f"study attribute {key!r}")

    def set_study_system_attr(self, study_id: int, key: str, value: Any) -> None:
        with self._lock:
            self._study(study_id).system_attrs[key] = _json_copy(value, f"study attribute {key!r}")

    def get_study_user_attrs(self, study_id: int) -> dict[str, Any]:
        with self._lock:
            return dict(self._study(study_id).user_attrs)

    def get_study_system_attrs(self, study_id: int) -> dict[str, Any]:
        with self._lock:
            return dict(self._study(study_id).system_attrs)

    # Trials ------------------------------------------------------------------

    def _trial(self, trial_id: int) -> FrozenTrial:
        try:
            return self._trials[trial_id]
        except KeyError:
            raise TrialNotFoundError(f"No trial has the id {trial_id!r}.") from None

    def _running(self, trial_id: int) -> FrozenTrial:
        trial = self._trial(trial_id)
        if trial.state.is_finished():
            raise TrialFinishedError(
                f"Trial {trial.number} is {trial.state.name} already; "
                "a finished trial cannot change."
            )
        return trial

    def _save(self, trial: FrozenTrial) -> None:
        study = self._studies[self._trial_study[trial.trial_id]]
        study.change_count += 1
        self._trials[trial.trial_id] = trial
        self._trial_changed_at[trial.trial_id] = study.change_count

    def create_trial(
        self,
        study_id: int,
        *,
        state: TrialState = TrialState.RUNNING,
        system_attrs: Mapping[str, Any] | None = None,
        max_trials: int | None = None,
        template: FrozenTrial | None = None,
    ) -> FrozenTrial | None:
        with self._lock:
            study = self._study(study_id)
            if max_trials is not None and len(study.trial_ids) >= max_trials:
                return None
            trial_id = len(self._trial_study)
            while trial_id in self._trial_study:
                trial_id += 1
            now = datetime.datetime.now()
            if template is None:
                trial = FrozenTrial(
                    number=len(study.trial_ids),
                    trial_id=trial_id,
                    state=state,
                    values=None,
                    params={},
                    distributions={},
                    intermediate_values={},
                    user_attrs={},
                    system_attrs=_json_copy(dict(system_attrs or {}), "trial system attributes"),
                    datetime_start=now if state is TrialState.RUNNING else None,
                    datetime_complete=None,
                )
            else:
                trial = replace(template, number=len(study.trial_ids), trial_id=trial_id)
            study.trial_ids.append(trial_id)
            self._trial_study[trial_id] = study_id
            self._internal_params[trial_id] = MappingProxyType(
                {
                    name: distribution.to_internal(trial.params[name])
                    for name, distribution in trial.distributions.items()
                }
            )
            self._save(trial)
            if trial.state is TrialState.RUNNING:
                self._heartbeats[trial_id] = time.time()
            return trial

    def claim_waiting_trial(self, study_id: int) -> FrozenTrial | None:
        with self._lock:
            for trial_id in self._study(study_id).trial_ids:
                trial = self._trials[trial_id]
                if trial.state is TrialState.WAITING:
                    claimed = replace(
                        trial, state=TrialState.RUNNING, datetime_start=datetime.datetime.now()
                    )
                    self._save(claimed)
                    self._heartbeats[trial_id] = time.time()
                    return claimed
            return None

    def set_trial_param(
        self, trial_id: int, name: str, internal_value: float, distribution: Distribution
    ) -> None:
        with self._lock:
            trial = self._running(trial_id)
            self._save(
                replace(
                    trial,
                    params={**trial.params, name: distribution.to_external(internal_value)},
                    distributions={**trial.distributions, name: distribution},
                )
            )
            internal = {**self._internal_params[trial_id], name: float(internal_value)}
            self._internal_params[trial_id] = MappingProxyType(internal)

    def set_trial_intermediate_value(self, trial_id: int, step: int, value: float) -> None:
        with self._lock:
            trial = self._running(trial_id)
            values = {**trial.intermediate_values, int(step): float(value)}
            self._save(replace(trial, intermediate_values=values))

    def set_trial_user_attr(self, trial_id: int, key: str, value: Any) -> None:
        with self._lock:
            trial = self._trial(trial_id)
            stored = _json_copy(value, f"trial attribute {key!r}")
            self._save(replace(trial, user_attrs={**trial.user_attrs, key: stored}))

    def set_trial_system_attr(self, trial_id: int, key: str, value: Any) -> None:
        with self._lock:
            trial = self._trial(trial_id)
            stored = _json_copy(value, f"trial attribute {key!r}")
            self._save(replace(trial, system_attrs={**trial.system_attrs, key: stored}))

    def set_trial_system_attrs(self, trial_id: int, attrs: Mapping[str, Any]) -> None:
        with self._lock:
            trial = self._trial(trial_id)
            stored = {
                key: _json_copy(value, f"trial attribute {key!r}") for key, value in attrs.items()
            }
            self._save(replace(trial, system_attrs={**trial.system_attrs, **stored}))

    def finish_trial(
        self, trial_id: int, state: TrialState, values: Sequence[float] | None = None
    ) -> FrozenTrial:
        with self._lock:
            trial = self._running(trial_id)
            finished = replace(
                trial,
                state=state,
                values=None if values is None else tuple(float(v) for v in values),
                datetime_complete=datetime.datetime.now(),
            )
            self._save(finished)
            self._heartbeats.pop(trial_id, None)
            return finished

    def record_heartbeat(self, trial_id: int) -> None:
        with self._lock:
            self._running(trial_id)
            self._heartbeats[trial_id] = time.time()

    def fail_stale_trials(self, study_id: int, grace_seconds: float) -> list[FrozenTrial]:
        with self._lock:
            now = time.time()
            stale = [
                trial_id
                for trial_id in self._study(study_id).trial_ids
                if trial_id in self._heartbeats and now - self._heartbeats[trial_id] > grace_seconds
            ]
            for trial_id in stale:
                reason = stale_heartbeat_reason(self._heartbeats[trial_id], grace_seconds)
                self.set_trial_system_attr(trial_id, FAIL_REASON_ATTR, reason)
            return [self.finish_trial(trial_id, TrialState.FAIL) for trial_id in stale]

    def get_trial(self, trial_id: int) -> FrozenTrial:
        with self._lock:
            return self._trial(trial_id)

    def get_trial_id(self, study_id: int, number: int) -> int:
        with self._lock:
            trial_ids = self._study(study_id).trial_ids
            if not 0 <= number < len(trial_ids):
                raise TrialNotFoundError(f"The study has no trial number {number!r}.")
            return trial_ids[number]

    def get_all_trials(
        self, study_id: int, states: Collection[TrialState] | None = None
    ) -> list[FrozenTrial]:
        with self._lock:
            trials = [self._trials[t] for t in self._study(study_id).trial_ids]
        if states is None:
            return trials
        return [t for t in trials if t.state in states]

    def get_trials_changed_since(
        self, study_id: int, change_count: int
    ) -> tuple[list[ChangedTrial], int]:
        with self._lock:
            study = self._study(study_id)
            changed = [
                ChangedTrial(self._trials[t], self._internal_params[t])
                for t in study.trial_ids
                if self._trial_changed_at[t] > change_count
            ]
            return changed, study.change_count
