"""The two measurements: trials per second with many worker processes, and ask + tell latency."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.throughput.contenders import Contender
from benchmarks.throughput.databases import fresh_database

__all__ = ["Latency", "Throughput", "measure_latency", "measure_throughput"]

_STUDY = "throughput"
_REPOSITORY = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Throughput:
    """How fast ``n_workers`` processes ran ``n_expected`` trials of one study in all.

    ``n_trials`` is how many the study holds afterwards, ``n_complete`` how
    many of them completed: both equal ``n_expected`` when nothing was lost.
    """

    contender: str
    storage: str
    n_workers: int
    n_expected: int
    n_trials: int
    n_complete: int
    seconds: float
    cpu_seconds: float
    failed_workers: int

    @property
    def trials_per_second(self) -> float:
        return self.n_complete / self.seconds if self.seconds > 0 else float("nan")

    @property
    def cpu_ms_per_trial(self) -> float:
        """The workers' own CPU time per stored trial (the database server's is not counted)."""
        return 1000 * self.cpu_seconds / self.n_trials if self.n_trials else float("nan")


@dataclass(frozen=True)
class Latency:
    """Seconds of one ask + objective + tell on a study holding ``n_filled`` trials."""

    contender: str
    storage: str
    n_filled: int
    samples: tuple[float, ...]
    fill_seconds: float

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.samples)

    @property
    def p95_ms(self) -> float:
        return 1000 * float(np.percentile(self.samples, 95))


def _start_worker(
    contender: Contender, url: str, n_trials: int, seed: int
) -> subprocess.Popen[str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(_REPOSITORY), *filter(None, [environment.get("PYTHONPATH")])]
    )
    command = [sys.executable, "-m", "benchmarks.throughput.worker"]
    return subprocess.Popen(
        [*command, contender.name, url, _STUDY, str(n_trials), str(seed)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=_REPOSITORY,
    )


def measure_throughput(
    contender: Contender,
    storage: str,
    *,
    server_url: str,
    prefix: str,
    n_workers: int,
    trials_per_worker: int,
) -> Throughput:
    """Start ``n_workers`` processes on a fresh study; time them from "go" to the last exit.

    Each process has loaded its library and the study before the clock
    starts, so the time is the trials' alone.
    """
    with fresh_database(storage, server_url, prefix) as url:
        contender.create(url, _STUDY)
        workers = [
            _start_worker(contender, url, trials_per_worker, seed) for seed in range(n_workers)
        ]
        try:
            for worker in workers:
                assert worker.stdout is not None
                worker.stdout.readline()
            start = time.perf_counter()
            for worker in workers:
                assert worker.stdin is not None
                worker.stdin.write("go\n")
                worker.stdin.close()
            failed = sum(worker.wait() != 0 for worker in workers)
            seconds = time.perf_counter() - start
            cpu_seconds = sum(_reported_cpu_seconds(worker) for worker in workers)
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait()
                for pipe in (worker.stdin, worker.stdout):
                    if pipe is not None:
                        pipe.close()
        n_trials, n_complete = contender.count(url, _STUDY)
    return Throughput(
        contender.name,
        storage,
        n_workers,
        n_workers * trials_per_worker,
        n_trials,
        n_complete,
        seconds,
        cpu_seconds,
        failed,
    )


def _reported_cpu_seconds(worker: subprocess.Popen[str]) -> float:
    """The CPU seconds a finished worker spent on its trials, as its last line says; 0 if none."""
    assert worker.stdout is not None
    lines = worker.stdout.read().split()
    return float(lines[-1]) if lines else 0.0


def measure_latency(
    contender: Contender,
    storage: str,
    *,
    server_url: str,
    prefix: str,
    n_filled: int,
    n_samples: int,
) -> Latency:
    """Fill a fresh study with ``n_filled`` completed trials, then time ``n_samples`` ask + tell."""
    with fresh_database(storage, server_url, prefix) as url:
        contender.create(url, _STUDY)
        start = time.perf_counter()
        contender.fill(url, _STUDY, n_filled, 0)
        fill_seconds = time.perf_counter() - start
        samples = contender.ask_tell(url, _STUDY, n_samples, 1)
    return Latency(contender.name, storage, n_filled, tuple(samples), fill_seconds)
