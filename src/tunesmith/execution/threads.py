"""Run a study's trials in threads of this process."""

from __future__ import annotations

import threading

from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.protocol import StudyT, TrialT, WorkOrder
from tunesmith.execution.trial_runner import run_trials

__all__ = ["ThreadExecutor"]


class ThreadExecutor:
    """Runs trials in threads of this process: for objectives that release the GIL or wait on I/O.

    >>> ThreadExecutor()
    ThreadExecutor()
    """

    def __repr__(self) -> str:
        return "ThreadExecutor()"

    def run(self, study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int) -> None:
        """Run ``n_workers`` worker loops at once; the first error stops the rest and is raised."""
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
                threading.Thread(target=work, name=f"tunesmith-worker-{i}")
                for i in range(n_workers)
            ]
            for worker in workers:
                worker.start()
            try:
                for worker in workers:
                    worker.join()
            except KeyboardInterrupt:
                study.stop()
                for worker in workers:
                    worker.join()
                raise
            if errors:
                raise errors[0]
