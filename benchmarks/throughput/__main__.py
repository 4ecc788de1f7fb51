"""Command line: ``python -m benchmarks.throughput [options]``.

Prints the tables and writes them to ``benchmarks/results/throughput.md`` and
``.csv`` unless ``--out`` says otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.samplers.results import DEFAULT_RESULTS_DIR
from benchmarks.throughput.contenders import CONTENDERS
from benchmarks.throughput.databases import DEFAULT_POSTGRES_URL
from benchmarks.throughput.measure import (
    Latency,
    Throughput,
    measure_latency,
    measure_throughput,
)
from benchmarks.throughput.report import STORAGE_NAMES, ThroughputReport

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.throughput",
        description="Trials per second of 8 worker processes, and ask + tell latency at "
        "10,000 trials: tunesmith beside Optuna on PostgreSQL and SQLite.",
    )
    parser.add_argument("--quick", action="store_true", help="smoke-test sizes, a minute")
    parser.add_argument("--workers", type=int, help="worker processes (default 8; quick: 2)")
    parser.add_argument(
        "--trials-per-worker", type=int, help="trials each worker runs (default 100; quick: 3)"
    )
    parser.add_argument(
        "--fill", type=int, help="trials in the study before latency is timed (default 10000)"
    )
    parser.add_argument("--samples", type=int, help="ask + tell timed (default 100; quick: 3)")
    parser.add_argument(
        "--storages", nargs="+", choices=list(STORAGE_NAMES), default=list(STORAGE_NAMES)
    )
    parser.add_argument(
        "--contenders", nargs="+", choices=list(CONTENDERS), default=list(CONTENDERS)
    )
    parser.add_argument(
        "--measure",
        nargs="+",
        choices=["throughput", "latency"],
        default=["throughput", "latency"],
    )
    parser.add_argument(
        "--postgres-url",
        default=DEFAULT_POSTGRES_URL,
        help="a database on the server where a fresh database is made per measurement "
        "(default %(default)s)",
    )
    parser.add_argument(
        "--database-prefix",
        default="tunesmith_throughput_",
        help="name prefix of the databases and files made (default %(default)s)",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_RESULTS_DIR, help="results folder (default %(default)s)"
    )
    return parser


def _size(given: int | None, default: int, quick: int, is_quick: bool) -> int:
    if given is not None:
        return given
    return quick if is_quick else default


def main(argv: list[str] | None = None) -> ThroughputReport:
    """Run the measurements, print the report, write it; return it."""
    arguments = _parser().parse_args(argv)
    quick = arguments.quick
    n_workers = _size(arguments.workers, 8, 2, quick)
    per_worker = _size(arguments.trials_per_worker, 100, 3, quick)
    n_filled = _size(arguments.fill, 10_000, 20, quick)
    n_samples = _size(arguments.samples, 100, 3, quick)
    where = {"server_url": arguments.postgres_url, "prefix": arguments.database_prefix}
    started = time.perf_counter()
    throughputs: list[Throughput] = []
    latencies: list[Latency] = []
    # Storage by storage, contender after contender, so that a change in the machine's load
    # falls on every contender alike.
    for storage in arguments.storages:
        for name in arguments.contenders:
            contender = CONTENDERS[name]
            if "throughput" in arguments.measure:
                throughputs.append(
                    measure_throughput(
                        contender,
                        storage,
                        n_workers=n_workers,
                        trials_per_worker=per_worker,
                        **where,
                    )
                )
                print(f"{name} on {storage}: {throughputs[-1].trials_per_second:.1f} trials/s")
            if "latency" in arguments.measure:
                latencies.append(
                    measure_latency(
                        contender, storage, n_filled=n_filled, n_samples=n_samples, **where
                    )
                )
                print(f"{name} on {storage}: ask + tell {latencies[-1].median_ms:.1f} ms")
    settings = (
        f"{n_workers} worker processes, each `study.optimize(objective, n_trials={per_worker})` "
        f"with a storage URL, on one study ({n_workers * per_worker:,} trials in all): the "
        "objective suggests one float and returns its square. Trials per second are the "
        "completed trials over the wall time from the moment every worker has loaded the study "
        "to the last one's exit; worker CPU is what the worker processes spent (not the "
        "database server). A fresh PostgreSQL database or SQLite file per measurement. "
        f"Machine: {sys.platform}, Python {sys.version.split()[0]}."
    )
    report = ThroughputReport(
        tuple(arguments.contenders),
        tuple(arguments.storages),
        throughputs,
        latencies,
        settings,
        time.perf_counter() - started,
    )
    print(report.markdown())
    for path in report.write(arguments.out):
        print(f"Wrote {path}")
    return report


if __name__ == "__main__":
    main()
