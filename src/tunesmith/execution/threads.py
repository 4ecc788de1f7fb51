"""Run a study's trials in threads of this process."""

from __future__ import annotations

import threading

from tunesmith.execution.dead_trials import fail_dead_trial
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.protocol import StudyT, TrialT, WorkOrder
from tunesmith.execution.trial_runner import run_trials

__all__ = ["ThreadExecutor"]

_INTERRUPTED_REASON = "KeyboardInterrupt: Ctrl-C stopped the run while this trial ran in a thread."


class ThreadExecutor:
    """Runs trials in threads of this process: for objectives that release the GIL or wait on I/O.

    >>> ThreadExecutor()
    ThreadExecutor()
    """

    def __repr__(self) -> str:
        return "ThreadExecutor()"

    def run(self, study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int) -> None:
        """Run ``n_workers`` worker loops at once; the first error stops the rest and is raised.

        Ctrl-C fails the trials the threads are running, at once, and raises
        KeyboardInterrupt; the threads' objectives run on unobserved until
        they return (their results are not stored) or the program ends.
        """
        with Heartbeat(study.storage, study.study_id, retries=order.retries) as heartbeat:
            if n_workers == 1:
                run_trials(study, order, heartbeat)
                return
            errors: list[BaseException] = []

            def work() -> None:
                try:
                    run_trials(study, order, heartbeat)
                except BaseException as error:
                    errors.append(error)
                    study.stop()

            workers = [
                # Daemon threads: after Ctrl-C the program may end while an objective still runs.
                threading.Thread(target=work, name=f"tunesmith-worker-{i}", daemon=True)
                for i in range(n_workers)
            ]
            for worker in workers:
                worker.start()
            try:
                for worker in workers:
                    worker.join()
            except KeyboardInterrupt:
                # Threads cannot be interrupted: their trials are failed now and left behind.
                study.stop()
                for trial_id in heartbeat.running_trial_ids():
                    fail_dead_trial(
                        study.storage, study.study_id, trial_id, _INTERRUPTED_REASON, retries=0
                    )
                raise
            if errors:
                raise errors[0]
