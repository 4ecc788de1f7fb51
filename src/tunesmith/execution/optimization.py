"""One optimisation run: check its limits, then let an executor run the trials."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.execution.dead_trials import fail_stale_trials
from tunesmith.execution.heartbeat import HEARTBEAT_GRACE_SECONDS
from tunesmith.execution.processes import ProcessExecutor
from tunesmith.execution.progress import ProgressBar
from tunesmith.execution.protocol import Executor, StudyT, TrialT, WorkOrder
from tunesmith.execution.quota import TrialQuota
from tunesmith.execution.registry import make_executor
from tunesmith.trial import FrozenTrial

__all__ = ["MAX_N_JOBS", "resolve_n_jobs", "run_optimization"]


# Each worker holds a thread or a process, a database connection and a sampler's copy of the
# history: far more workers than this is a typo, and would exhaust memory before it helped.
MAX_N_JOBS = 256


def resolve_n_jobs(n_jobs: int) -> int:
    """Turn ``n_jobs`` into a worker count; -1 means one per CPU core.

    Raises:
        InvalidArgumentError: anything but an int in [1, MAX_N_JOBS] or -1.
    """
    if (
        isinstance(n_jobs, bool)
        or not isinstance(n_jobs, int)
        or (n_jobs < 1 and n_jobs != -1)
        or n_jobs > MAX_N_JOBS
    ):
        raise InvalidArgumentError(
            f"The 'n_jobs' argument must be an int from 1 to {MAX_N_JOBS}, or -1 for one "
            f"worker per core; got {n_jobs!r}."
        )
    return os.cpu_count() or 1 if n_jobs == -1 else n_jobs


def run_optimization(
    study: StudyT,
    objective: Callable[[TrialT], float | Sequence[float]],
    *,
    n_trials: int | None = None,
    max_total_trials: int | None,
    timeout: float | None,
    n_jobs: int,
    callbacks: Sequence[Callable[[StudyT, FrozenTrial], None]],
    catch: tuple[type[Exception], ...],
    executor: Executor | str,
    show_progress_bar: bool,
    progress_total: int | None,
    retries: int = 0,
    trial_timeout: float | None = None,
    trial_memory: int | None = None,
) -> None:
    """Run trials until this run started ``n_trials``, the study holds ``max_total_trials``,
    or ``timeout`` seconds pass.

    ``n_trials`` counts the trials this run starts, whatever other processes
    do; ``max_total_trials`` counts every trial of the study (what ``tunesmith
    run`` uses, so that every ``--resume`` shares one total). Trials of dead
    workers (no heartbeat for the grace period) are marked FAIL first, and by
    every worker while the run goes on; ``retries`` runs a failed trial's
    hyperparameters again, as a new trial that counts towards the budget.
    ``trial_timeout`` (seconds) and ``trial_memory`` (megabytes, worker
    processes only) stop a trial that runs too long or grows too big: it is
    stored as FAIL with the reason and its worker goes on.

    Raises:
        InvalidArgumentError: a bad timeout, n_jobs, retries, trial_timeout,
            trial_memory or executor.
    """
    _check_limits(trial_timeout, trial_memory, executor)
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise InvalidArgumentError(
            f"The 'retries' argument must be a non-negative int; got {retries!r}."
        )
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0
    ):
        raise InvalidArgumentError(
            f"The 'timeout' argument must be a positive number of seconds or None; got {timeout!r}."
        )
    workers = resolve_n_jobs(n_jobs)
    chosen = make_executor(executor)
    fail_stale_trials(study.storage, study.study_id, HEARTBEAT_GRACE_SECONDS, retries)
    deadline = None if timeout is None else time.monotonic() + timeout
    quota = None if n_trials is None else TrialQuota(n_trials)
    order = WorkOrder(
        objective,
        max_total_trials,
        deadline,
        callbacks,
        catch,
        quota,
        retries,
        trial_timeout,
        trial_memory,
    )
    progress = ProgressBar(study, progress_total, timeout) if show_progress_bar else nullcontext()
    with progress:
        chosen.run(study, order, workers)


def _check_limits(
    trial_timeout: float | None, trial_memory: int | None, executor: Executor | str
) -> None:
    if trial_timeout is not None and (
        isinstance(trial_timeout, bool)
        or not isinstance(trial_timeout, int | float)
        or not trial_timeout > 0
        or not math.isfinite(trial_timeout)
    ):
        raise InvalidArgumentError(
            "The 'trial_timeout' argument must be a positive number of seconds or None; "
            f"got {trial_timeout!r}."
        )
    if trial_memory is not None and (
        isinstance(trial_memory, bool) or not isinstance(trial_memory, int) or trial_memory < 1
    ):
        raise InvalidArgumentError(
            "The 'trial_memory' argument must be a positive number of megabytes or None; "
            f"got {trial_memory!r}."
        )
    if trial_memory is not None and not isinstance(make_executor(executor), ProcessExecutor):
        raise InvalidArgumentError(
            "The 'trial_memory' argument needs executor='process' (a thread cannot be given "
            f"memory of its own); got executor={executor!r}."
        )
