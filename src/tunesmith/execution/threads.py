"""Run a study's trials in threads of this process."""

from __future__ import annotations

import threading

from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.trial_runner import WorkOrder, run_trials
from tunesmith.study import Study

__all__ = ["run_in_threads"]


def run_in_threads(study: Study, order: WorkOrder, n_jobs: int) -> None:
    """Run ``n_jobs`` worker loops at once; the first error stops the others and is raised."""
    with Heartbeat(study.storage) as heartbeat:
        if n_jobs == 1:
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
            threading.Thread(target=work, name=f"tunesmith-worker-{i}") for i in range(n_jobs)
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
