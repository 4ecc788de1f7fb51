"""Run independent jobs in worker processes, one thread of numeric libraries each.

The workers are the parallelism: a BLAS, OpenMP or PyTorch pool of its own in each
worker would fight the other workers for the same cores and make timings noisy.
Those libraries read their thread counts from the environment when they load, so
the workers are spawned (not forked) with the settings in their environment.
They also get a fixed ``PYTHONHASHSEED``: SMAC3 iterates over sets, and with a random
hash seed per process one seed's run would differ from one process to the next.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Any, TypeVar, cast

__all__ = ["run_jobs"]

Result = TypeVar("Result")

_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
_CHILD_ENVIRONMENT = {**dict.fromkeys(_THREAD_VARIABLES, "1"), "PYTHONHASHSEED": "0"}


@contextmanager
def _single_threaded_children() -> Iterator[None]:
    """Processes started inside this block inherit ``_CHILD_ENVIRONMENT``; this one is restored."""
    saved = {variable: os.environ.get(variable) for variable in _CHILD_ENVIRONMENT}
    os.environ.update(_CHILD_ENVIRONMENT)
    try:
        yield
    finally:
        for variable, value in saved.items():
            if value is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = value


def run_jobs(
    function: Callable[..., Result],
    jobs: Sequence[tuple[Any, ...]],
    n_workers: int,
    label: str,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """``[function(*job) for job in jobs]``, in ``n_workers`` processes; results in job order.

    Progress goes to stderr. With one worker the jobs run in this process, which is
    what the smoke test wants (no start-up cost). The first job that raises stops
    the rest (an hour of runs should not go on towards a report that cannot be made)
    and is named in the error. ``on_result`` is called with each result as it
    arrives, in this process.
    """
    started = time.monotonic()
    results: list[Result | None] = [None] * len(jobs)

    def report(done: int) -> None:
        elapsed = time.monotonic() - started
        print(f"  {label}: {done}/{len(jobs)} jobs, {elapsed:.0f} s", file=sys.stderr, flush=True)

    step = max(1, len(jobs) // 20)
    if n_workers <= 1:
        for index, job in enumerate(jobs):
            results[index] = result = function(*job)
            if on_result is not None:
                on_result(result)
            if (index + 1) % step == 0:
                report(index + 1)
        return cast(list[Result], results)
    context = multiprocessing.get_context("spawn")
    with _single_threaded_children(), ProcessPoolExecutor(n_workers, mp_context=context) as pool:
        futures = {pool.submit(function, *job): index for index, job in enumerate(jobs)}
        for done, future in enumerate(as_completed(futures), start=1):
            index = futures[future]
            try:
                results[index] = result = future.result()
            except Exception as error:
                for pending in futures:
                    pending.cancel()
                raise RuntimeError(f"{label} job {jobs[index]} failed: {error!r}") from error
            if on_result is not None:
                on_result(result)
            if done % step == 0:
                report(done)
    return cast(list[Result], results)
