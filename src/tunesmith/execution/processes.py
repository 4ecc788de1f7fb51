"""Run a study's trials in worker processes, for CPU-bound objectives the GIL would serialise."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tunesmith.execution.process_pool import run_worker_processes
from tunesmith.execution.protocol import StudyT, TrialT, WorkOrder
from tunesmith.storage import InMemoryStorage, Storage
from tunesmith.storage.copying import copy_trials
from tunesmith.trial import TrialState

__all__ = ["ProcessExecutor"]


class ProcessExecutor:
    """Runs trials in new worker processes: for CPU-bound Python objectives the GIL would serialise.

    The objective and callbacks must be picklable. The workers share the
    study's storage; a study kept in memory cannot be shared between
    processes, so its trials go through a temporary SQLite file and the new
    ones are copied back.

    >>> ProcessExecutor()
    ProcessExecutor()
    """

    def __repr__(self) -> str:
        return "ProcessExecutor()"

    def run(self, study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int) -> None:
        """Run one worker loop in each of ``n_workers`` new processes; raise the first error."""
        if isinstance(study.storage, InMemoryStorage):
            with tempfile.TemporaryDirectory(prefix="tunesmith-") as folder:
                _run_through_sqlite(study, order, n_workers, Path(folder))
            return
        run_worker_processes(study, order, n_workers)


def _run_through_sqlite(
    study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int, folder: Path
) -> None:
    from tunesmith.storage.sql import SQLStorage

    shared = SQLStorage(f"sqlite:///{folder / 'study.db'}")
    try:
        shared_id = shared.create_study(study.study_name, study.directions)
        copy_trials(study.storage, study.study_id, shared, shared_id)
        n_before = len(study.storage.get_all_trials(study.study_id))
        try:
            run_worker_processes(study.with_storage(shared), order, n_workers)
        finally:
            _copy_back_enqueued(shared, shared_id, study.storage, study.study_id)
            copy_trials(shared, shared_id, study.storage, study.study_id, first_number=n_before)
    finally:
        shared.close()


def _copy_back_enqueued(source: Storage, source_id: int, target: Storage, target_id: int) -> None:
    """Bring back what workers did with trials that waited in ``target`` (enqueued ones).

    Those trials exist in both storages, so they are replayed onto the target's
    records rather than copied. Workers claim waiting trials lowest number
    first, and so does the target here, so the records pair up.
    """
    ran = {t.number: t for t in source.get_all_trials(source_id)}
    for waiting in target.get_all_trials(target_id, states=[TrialState.WAITING]):
        outcome = ran.get(waiting.number)
        if outcome is None or outcome.state is TrialState.WAITING:
            return
        claimed = target.claim_waiting_trial(target_id)
        assert claimed is not None
        assert claimed.number == waiting.number
        trial_id = claimed.trial_id
        for name, value in outcome.params.items():
            distribution = outcome.distributions[name]
            target.set_trial_param(trial_id, name, distribution.to_internal(value), distribution)
        for step, value in outcome.intermediate_values.items():
            target.set_trial_intermediate_value(trial_id, step, value)
        for key, value in outcome.user_attrs.items():
            target.set_trial_user_attr(trial_id, key, value)
        for key, value in outcome.system_attrs.items():
            target.set_trial_system_attr(trial_id, key, value)
        # A trial still running belonged to a worker that died.
        finished = outcome.state if outcome.state.is_finished() else TrialState.FAIL
        target.finish_trial(trial_id, finished, outcome.values)
