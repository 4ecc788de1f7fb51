"""Run a study's trials in worker processes, for CPU-bound objectives the GIL would serialise."""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.trial_runner import WorkOrder, run_trials
from tunesmith.pruners import Pruner
from tunesmith.samplers import Sampler
from tunesmith.storage import InMemoryStorage, Storage
from tunesmith.study import Study
from tunesmith.study.copying import copy_trials
from tunesmith.trial import TrialState

__all__ = ["run_in_processes"]


def _worker(
    storage: Storage,
    study_name: str,
    sampler: Sampler,
    pruner: Pruner,
    order: WorkOrder,
    seconds_left: float | None,
) -> None:
    # A monotonic clock means nothing in another process: the deadline travels as seconds left.
    deadline = None if seconds_left is None else time.monotonic() + seconds_left
    study = Study(study_name, storage, sampler, pruner)
    try:
        with Heartbeat(storage) as heartbeat:
            run_trials(study, replace(order, deadline=deadline), heartbeat)
    finally:
        storage.close()


def run_in_processes(study: Study, order: WorkOrder, n_jobs: int) -> None:
    """Run one worker loop in each of ``n_jobs`` new processes sharing the study's storage.

    A study kept in memory cannot be shared between processes, so its trials
    go through a temporary SQLite file and the new ones are copied back.
    """
    if isinstance(study.storage, InMemoryStorage):
        with tempfile.TemporaryDirectory(prefix="tunesmith-") as folder:
            _run_through_sqlite(study, order, n_jobs, Path(folder))
        return
    _spawn(study, study.storage, order, n_jobs)


def _run_through_sqlite(study: Study, order: WorkOrder, n_jobs: int, folder: Path) -> None:
    from tunesmith.storage.sql import SQLStorage

    shared = SQLStorage(f"sqlite:///{folder / 'study.db'}")
    try:
        shared_id = shared.create_study(study.study_name, study.directions)
        copy_trials(study.storage, study.study_id, shared, shared_id)
        n_before = len(study.storage.get_all_trials(study.study_id))
        try:
            _spawn(study, shared, order, n_jobs)
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


def _spawn(study: Study, storage: Storage, order: WorkOrder, n_jobs: int) -> None:
    deadline = order.deadline
    seconds_left = None if deadline is None else max(0.0, deadline - time.monotonic())
    # "spawn" starts clean interpreters: forking a process that runs threads can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_jobs, mp_context=context) as pool:
        futures = [
            pool.submit(
                _worker,
                storage,
                study.study_name,
                study.sampler,
                study.pruner,
                order,
                seconds_left,
            )
            for _ in range(n_jobs)
        ]
        for future in futures:
            future.result()
