"""Worker processes of one run, watched by their parent.

The parent starts ``n_workers`` spawned processes, each running the worker
loop, and watches them. A worker that dies (SIGKILL, the OOM killer) loses
only its trial: the parent fails it with the reason, retries it if the order
allows, and the other workers go on. A trial that runs past the order's
``trial_timeout`` is stopped the only sure way, by killing its worker, which
the parent then replaces. With ``trial_memory`` each worker may grow by that
many megabytes of address space; a trial that needs more gets a MemoryError
(or dies) and fails with the reason. Ctrl-C in the parent asks every worker
to finish its trial and start no new one.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import wait
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from multiprocessing.queues import SimpleQueue
from multiprocessing.synchronize import Event
from typing import Any, Generic, cast

from tunesmith.execution.dead_trials import fail_dead_trial, timeout_reason
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.memory_limit import capped_memory
from tunesmith.execution.protocol import StudyT, TrialT, WorkOrder
from tunesmith.execution.trial_runner import run_trials

__all__ = ["run_worker_processes"]

# How often the parent looks at the running trials' ages when there is a trial_timeout.
_TIMEOUT_CHECK_SECONDS = 0.1


class _WorkerLink:
    """What a worker process shares with its parent: a stop request, its trial, its error."""

    def __init__(self, context: SpawnContext, stop: Event, errors: SimpleQueue[BaseException]):
        self.stop = stop
        self.errors = errors
        # The id of the trial the worker runs (-1 between trials), and since when.
        self.running = context.Value("q", -1)
        self.started = context.Value("d", 0.0)

    def announce(self, trial_id: int | None) -> None:
        self.started.value = time.time()
        self.running.value = -1 if trial_id is None else trial_id

    def report(self, error: BaseException) -> None:
        error.add_note("".join(traceback.format_exception(error)).rstrip())
        try:
            self.errors.put(error)
        except Exception:  # an error that cannot be pickled still gets through
            self.errors.put(RuntimeError(f"{type(error).__name__}: {error}"))
        self.stop.set()


def _worker(
    study: StudyT, order: WorkOrder[StudyT, TrialT], seconds_left: float | None, link: _WorkerLink
) -> None:
    """The body of one worker process: run trials, report an error to the parent."""
    if order.trial_memory is not None:
        order = replace(order, objective=_MemoryCapped(order.objective, order.trial_memory))
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


class _MemoryCapped(Generic[TrialT]):
    """An objective that runs under ``capped_memory``."""

    def __init__(self, objective: Callable[[TrialT], Any], megabytes: int) -> None:
        self._objective = objective
        self._megabytes = megabytes

    def __call__(self, trial: TrialT) -> Any:
        with capped_memory(self._megabytes):
            return self._objective(trial)


def _stop_on_request(link: _WorkerLink, study: StudyT) -> None:
    link.stop.wait()
    study.stop()


def _death_reason(process: BaseProcess, memory: int | None) -> str:
    code = process.exitcode or 0
    if code < 0:
        name = signal.Signals(-code).name
        if memory is not None:
            hint = f" (it may have needed more than trial_memory={memory} MB)"
        elif -code == signal.SIGKILL:
            hint = " (the system may have run out of memory)"
        else:
            hint = ""
        return f"Worker process {process.pid} was killed by {name} while running this trial{hint}."
    return f"Worker process {process.pid} exited with code {code} while running this trial."


class _Pool:
    """The parent's view of the worker processes: start, watch, replace."""

    def __init__(self, study: StudyT, order: WorkOrder[StudyT, TrialT]) -> None:
        self._study = study
        self._order = order
        # "spawn" starts clean interpreters: forking a process that runs threads can deadlock.
        self._context = multiprocessing.get_context("spawn")
        self.stop = self._context.Event()
        self.errors: SimpleQueue[BaseException] = self._context.SimpleQueue()
        self.workers: dict[BaseProcess, _WorkerLink] = {}
        self._timed_out: dict[BaseProcess, str] = {}

    def start_worker(self) -> None:
        deadline = self._order.deadline
        seconds_left = None if deadline is None else max(0.0, deadline - time.monotonic())
        link = _WorkerLink(self._context, self.stop, self.errors)
        process = self._context.Process(
            target=_worker,
            args=(self._study, self._order, seconds_left, link),
            name=f"tunesmith-worker-{len(self.workers)}",
        )
        process.start()
        self.workers[process] = link

    def watch(self) -> None:
        """Wait for every worker to end, failing the trial of each that dies or runs too long."""
        timeout = self._order.trial_timeout
        while self.workers:
            by_sentinel = {process.sentinel: process for process in self.workers}
            ready = wait(list(by_sentinel), None if timeout is None else _TIMEOUT_CHECK_SECONDS)
            for sentinel in ready:
                self._ended(by_sentinel[cast(int, sentinel)])
            if timeout is not None:
                self._stop_overdue_trials(timeout)

    def _stop_overdue_trials(self, timeout: float) -> None:
        now = time.time()
        for process, link in self.workers.items():
            if process in self._timed_out or link.running.value < 0:
                continue
            if now - link.started.value > timeout:
                self._timed_out[process] = timeout_reason(timeout)
                process.kill()

    def _ended(self, process: BaseProcess) -> None:
        process.join()
        link = self.workers.pop(process)
        trial_id = int(link.running.value)
        timed_out = self._timed_out.pop(process, None)
        if process.exitcode != 0 and trial_id >= 0:
            reason = timed_out or _death_reason(process, self._order.trial_memory)
            fail_dead_trial(
                self._study.storage, self._study.study_id, trial_id, reason, self._order.retries
            )
        # A worker stopped for its trial's sake is replaced; one that ended by itself is done.
        if timed_out is not None and not self.stop.is_set():
            self.start_worker()


def run_worker_processes(study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int) -> None:
    """Run the order in ``n_workers`` watched processes; raise the first error a worker raised.

    Raises:
        KeyboardInterrupt: Ctrl-C in this process, once every worker finished its trial.
    """
    pool = _Pool(study, order)
    for _ in range(n_workers):
        pool.start_worker()
    try:
        pool.watch()
    except BaseException:
        pool.stop.set()
        for process in list(pool.workers):
            process.join()
        raise
    if not pool.errors.empty():
        raise pool.errors.get()
