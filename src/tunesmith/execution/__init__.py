"""Where trials run: threads of this process, or worker processes."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from contextlib import nullcontext

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.execution.heartbeat import HEARTBEAT_GRACE_SECONDS, Heartbeat
from tunesmith.execution.processes import run_in_processes
from tunesmith.execution.progress import ProgressBar
from tunesmith.execution.threads import run_in_threads
from tunesmith.execution.trial_runner import Callback, WorkOrder, run_one_trial, run_trials
from tunesmith.study import Objective, Study

__all__ = [
    "Callback",
    "Heartbeat",
    "ProgressBar",
    "WorkOrder",
    "resolve_n_jobs",
    "run_one_trial",
    "run_optimization",
    "run_trials",
]

EXECUTORS = ("thread", "process")


def resolve_n_jobs(n_jobs: int) -> int:
    """Turn ``n_jobs`` into a worker count; -1 means one per CPU core.

    Raises:
        InvalidArgumentError: anything but a positive int or -1.
    """
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or (n_jobs < 1 and n_jobs != -1):
        raise InvalidArgumentError(
            f"The 'n_jobs' argument must be a positive int, or -1 for one worker per core; "
            f"got {n_jobs!r}."
        )
    return os.cpu_count() or 1 if n_jobs == -1 else n_jobs


def run_optimization(
    study: Study,
    objective: Objective,
    *,
    max_total_trials: int | None,
    timeout: float | None,
    n_jobs: int,
    callbacks: Sequence[Callback],
    catch: tuple[type[Exception], ...],
    show_progress_bar: bool,
    executor: str,
    progress_total: int | None,
) -> None:
    """Run trials until the study holds ``max_total_trials`` or ``timeout`` seconds pass.

    Trials of dead workers (no heartbeat for a while) are marked FAIL first.

    Raises:
        InvalidArgumentError: a bad timeout, n_jobs or executor.
    """
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0
    ):
        raise InvalidArgumentError(
            f"The 'timeout' argument must be a positive number of seconds or None; got {timeout!r}."
        )
    workers = resolve_n_jobs(n_jobs)
    if executor not in EXECUTORS:
        raise InvalidArgumentError(
            f"The 'executor' argument must be one of {list(EXECUTORS)}; got {executor!r}."
        )
    study._clear_stop()
    study.storage.fail_stale_trials(study.study_id, HEARTBEAT_GRACE_SECONDS)
    deadline = None if timeout is None else time.monotonic() + timeout
    run = run_in_threads if executor == "thread" else run_in_processes
    progress = ProgressBar(study, progress_total, timeout) if show_progress_bar else nullcontext()
    with progress:
        run(study, WorkOrder(objective, max_total_trials, deadline, callbacks, catch), workers)
