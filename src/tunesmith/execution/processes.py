"""Run a study's trials in worker processes, for CPU-bound objectives the GIL would serialise."""

from __future__ import annotations

import multiprocessing
import signal
import tempfile
import threading
import time
import traceback
from dataclasses import replace
from multiprocessing.connection import wait
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from multiprocessing.queues import SimpleQueue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import cast

from tunesmith.execution.dead_trials import fail_dead_trial
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.protocol import StudyT, TrialT, WorkOrder
from tunesmith.execution.trial_runner import run_trials
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
        _spawn(study, order, n_workers)


def _worker(
    study: StudyT,
    order: WorkOrder[StudyT, TrialT],
    seconds_left: float | None,
    link: _WorkerLink,
) -> None:
    """The body of one worker process: run trials, report an error to the parent."""
    # A monotonic clock means nothing in another process: the deadline travels as seconds left.
    deadline = None if seconds_left is None else time.monotonic() + seconds_left
    watcher = threading.Thread(target=_stop_on_request, args=(link, study), daemon=True)
    watcher.start()
    try:
        with Heartbeat(
            study.storage, study.study_id, retries=order.retries, announce=link.announce
        ) as heartbeat:
            run_trials(study, replace(order, deadline=deadline), heartbeat)
    except KeyboardInterrupt:
        # Ctrl-C in a terminal reaches every process of the group; the parent reports it.
        pass
    except BaseException as error:
        link.report(error)
    finally:
        study.storage.close()


def _stop_on_request(link: _WorkerLink, study: StudyT) -> None:
    link.stop.wait()
    study.stop()


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
            _spawn(study.with_storage(shared), order, n_workers)
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


class _WorkerLink:
    """What a worker process shares with its parent: a stop request, its trial, its error."""

    def __init__(self, context: SpawnContext, stop: Event, errors: SimpleQueue[BaseException]):
        self.stop = stop
        self.errors = errors
        # The id of the trial the worker runs, -1 between trials.
        self.running = context.Value("q", -1)

    def announce(self, trial_id: int | None) -> None:
        self.running.value = -1 if trial_id is None else trial_id

    def report(self, error: BaseException) -> None:
        error.add_note("".join(traceback.format_exception(error)).rstrip())
        try:
            self.errors.put(error)
        except Exception:  # an error that cannot be pickled still gets through
            self.errors.put(RuntimeError(f"{type(error).__name__}: {error}"))
        self.stop.set()


def _death_reason(process: BaseProcess) -> str:
    code = process.exitcode or 0
    if code < 0:
        name = signal.Signals(-code).name
        hint = " (the system may have run out of memory)" if -code == signal.SIGKILL else ""
        return f"Worker process {process.pid} was killed by {name} while running this trial{hint}."
    return f"Worker process {process.pid} exited with code {code} while running this trial."


def _spawn(study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int) -> None:
    """Run the worker processes; fail the trial of one that dies; raise the first error.

    A worker that dies (SIGKILL, the OOM killer) only loses its trial, which
    is failed with the reason (and retried if the order allows it); the others
    go on. Ctrl-C in this process asks every worker to finish its trial and
    start no new one, then raises KeyboardInterrupt.
    """
    deadline = order.deadline
    seconds_left = None if deadline is None else max(0.0, deadline - time.monotonic())
    # "spawn" starts clean interpreters: forking a process that runs threads can deadlock.
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    errors: SimpleQueue[BaseException] = context.SimpleQueue()
    links = [_WorkerLink(context, stop, errors) for _ in range(n_workers)]
    processes = [
        context.Process(
            target=_worker,
            args=(study, order, seconds_left, link),
            name=f"tunesmith-worker-{index}",
        )
        for index, link in enumerate(links)
    ]
    for process in processes:
        process.start()
    try:
        _watch(study, order, dict(zip(processes, links, strict=True)))
    except BaseException:
        stop.set()
        for process in processes:
            process.join()
        raise
    if not errors.empty():
        raise errors.get()


def _watch(
    study: StudyT, order: WorkOrder[StudyT, TrialT], running: dict[BaseProcess, _WorkerLink]
) -> None:
    """Wait for every worker to end, failing the trial of each that dies."""
    while running:
        by_sentinel = {process.sentinel: process for process in running}
        for sentinel in wait(list(by_sentinel)):
            process = by_sentinel[cast(int, sentinel)]
            process.join()
            link = running.pop(process)
            trial_id = int(link.running.value)
            if process.exitcode != 0 and trial_id >= 0:
                fail_dead_trial(
                    study.storage, study.study_id, trial_id, _death_reason(process), order.retries
                )
