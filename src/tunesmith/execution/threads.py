"""Run a study's trials in threads of this process."""

from __future__ import annotations

import threading
import time

from tunesmith.execution.dead_trials import fail_dead_trial
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.interruption import store_interrupted
from tunesmith.execution.protocol import StudyT, TrialT, WorkOrder
from tunesmith.execution.trial_runner import run_trials

__all__ = ["ThreadExecutor"]

# How long Ctrl-C waits for threads that started a trial to reach its objective (or end).
_SETTLE_SECONDS = 5.0
# How often the main thread looks at the running trials' ages when there is a trial_timeout.
_TIMEOUT_CHECK_SECONDS = 0.1


class ThreadExecutor:
    """Runs trials in threads of this process: for objectives that release the GIL or wait on I/O.

    >>> ThreadExecutor()
    ThreadExecutor()
    """

    def __repr__(self) -> str:
        return "ThreadExecutor()"

    def run(self, study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int) -> None:
        """Run ``n_workers`` worker loops at once; the first error stops the rest and is raised.

        Ctrl-C stores the trials the threads are running as interrupted, at
        once, and raises KeyboardInterrupt. A trial past the order's ``trial_timeout`` is failed
        and its thread abandoned (a thread cannot be stopped from outside): it
        runs its objective on unobserved, its result is not stored, and a new
        thread takes its place. Either way the objectives of abandoned threads
        run on until they return or the program ends.
        """
        with Heartbeat(study.storage, study.study_id, retries=order.retries) as heartbeat:
            if n_workers == 1 and order.trial_timeout is None:
                run_trials(study, order, heartbeat)
                return
            _ThreadPool(study, order, heartbeat).run(n_workers)


class _ThreadPool:
    """Worker threads, watched by the calling thread."""

    def __init__(
        self, study: StudyT, order: WorkOrder[StudyT, TrialT], heartbeat: Heartbeat
    ) -> None:
        self._study = study
        self._order = order
        self._heartbeat = heartbeat
        self._errors: list[BaseException] = []
        self._abandoned: set[int] = set()
        self._workers: list[threading.Thread] = []

    def _work(self) -> None:
        def keep_going() -> bool:
            return threading.get_ident() not in self._abandoned

        try:
            run_trials(self._study, self._order, self._heartbeat, keep_going)
        except BaseException as error:
            if keep_going():
                self._errors.append(error)
                self._study.stop()

    def _start_worker(self) -> None:
        # Daemon threads: the program may end while an abandoned objective still runs.
        worker = threading.Thread(
            target=self._work, name=f"tunesmith-worker-{len(self._workers)}", daemon=True
        )
        self._workers.append(worker)
        worker.start()

    def run(self, n_workers: int) -> None:
        try:
            # Started inside the try: Ctrl-C may come as soon as the first thread runs a trial.
            for _ in range(n_workers):
                self._start_worker()
            self._watch()
        except KeyboardInterrupt:
            self._study.stop()
            self._interrupt_running_trials()
            raise
        if self._errors:
            raise self._errors[0]

    def _interrupt_running_trials(self) -> None:
        """Store the trials the threads run as interrupted.

        A thread that has just started a trial is still asking the sampler,
        and its trial is not known to the heartbeat yet: wait (briefly) until
        every live thread runs its objective or has ended.
        """
        deadline = time.monotonic() + _SETTLE_SECONDS
        while time.monotonic() < deadline:
            in_trials = self._heartbeat.running_threads() | self._abandoned
            if all(w.ident in in_trials for w in self._workers if w.is_alive()):
                break
            time.sleep(_TIMEOUT_CHECK_SECONDS / 5)
        for trial_id in self._heartbeat.running_trial_ids():
            store_interrupted(self._study.storage, trial_id)

    def _watch(self) -> None:
        timeout = self._order.trial_timeout
        while True:
            watched = [w for w in self._workers if w.ident not in self._abandoned]
            if not any(w.is_alive() for w in watched):
                return
            if timeout is None:
                for worker in watched:
                    worker.join()
                continue
            next(w for w in watched if w.is_alive()).join(_TIMEOUT_CHECK_SECONDS)
            for trial_id, thread in self._heartbeat.overdue_trials(timeout).items():
                if thread in self._abandoned:
                    continue
                self._abandoned.add(thread)
                self._fail(
                    trial_id,
                    f"The trial ran longer than trial_timeout={timeout:g} s and was stopped.",
                    retries=self._order.retries,
                )
                if not self._study.stop_requested:
                    self._start_worker()

    def _fail(self, trial_id: int, reason: str, retries: int) -> None:
        fail_dead_trial(self._study.storage, self._study.study_id, trial_id, reason, retries)
