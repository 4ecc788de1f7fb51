"""Command line: ``python -m benchmarks.pruning [--quick] [--seeds N] [--jobs N] [--no-plot]``."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from benchmarks.pruning.report import check_targets, markdown_table, plot
from benchmarks.pruning.runner import PRUNERS, RunResult, describe_pruners, run
from benchmarks.pruning.tasks import TASKS

# Full mode: the budget every pruner gets on every task and seed.
FULL_TRIALS = 40
QUICK_TRIALS = 4
QUICK_EPOCHS = 3


def _job(task_name: str, pruner: str, seed: int, quick: bool) -> RunResult:
    from threadpoolctl import threadpool_limits

    task = TASKS[task_name]
    n_trials = QUICK_TRIALS if quick else FULL_TRIALS
    n_epochs = QUICK_EPOCHS if quick else task.n_epochs
    # One BLAS thread per worker process: the workers are the parallelism.
    with threadpool_limits(limits=1):
        return run(task, task.load(quick), pruner, seed, n_trials, n_epochs)


def _results(jobs: list[tuple[str, str, int, bool]], n_workers: int) -> Iterator[RunResult]:
    """Run the jobs, in worker processes when there are several; yield results as they come."""
    if n_workers <= 1:
        yield from (_job(*job) for job in jobs)
        return
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        for future in as_completed([pool.submit(_job, *job) for job in jobs]):
            yield future.result()


def main(argv: list[str] | None = None) -> str:
    """Run the benchmark, print the report and return it."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pruning", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1 seed, few short trials")
    parser.add_argument("--seeds", type=int, default=None, help="seeds (default 10; quick 1)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--progress", action="store_true", help="log each run to stderr")
    parser.add_argument("--tasks", nargs="+", choices=sorted(TASKS), default=sorted(TASKS))
    parser.add_argument("--pruners", nargs="+", choices=PRUNERS, default=list(PRUNERS))
    parser.add_argument(
        "--plot",
        type=Path,
        default=Path("benchmarks/pruning/results/pruning_benchmark"),
        help="plot path, no suffix (default: %(default)s)",
    )
    parser.add_argument("--no-plot", action="store_true", help="print the tables only")
    options = parser.parse_args(argv)
    pruners = ["none", *(p for p in options.pruners if p != "none")]
    n_seeds = options.seeds or (1 if options.quick else 10)
    jobs = [
        (task, pruner, seed, options.quick)
        for seed in range(n_seeds)
        for task in options.tasks
        for pruner in pruners
    ]
    started = time.perf_counter()
    results: list[RunResult] = []
    for run_result in _results(jobs, options.jobs):
        results.append(run_result)
        if options.progress:
            print(
                f"{len(results)}/{len(jobs)} {run_result.task} {run_result.pruner} "
                f"seed {run_result.seed}: {run_result.steps} steps, "
                f"best {run_result.best_score:.4f}",
                file=sys.stderr,
                flush=True,
            )
    elapsed = time.perf_counter() - started
    sections = [
        f"# Pruning benchmark ({'quick' if options.quick else 'full'}: {n_seeds} seed(s), "
        f"{QUICK_TRIALS if options.quick else FULL_TRIALS} trials per run, {elapsed:.0f} s)"
    ]
    for task in options.tasks:
        built = describe_pruners(TASKS[task])
        sections.append(markdown_table(results, task, pruners))
        sections.append("Built as: " + "; ".join(f"{p} = {built[p]}" for p in pruners))
    if {"successive_halving", "hyperband", "optuna_hyperband"} <= set(pruners):
        sections.append(
            "\n".join(line for t in options.tasks for line in check_targets(results, t))
        )
    if not options.no_plot:
        sections.append(plot(results, options.tasks, options.plot))
    report = "\n\n".join(sections)
    print(report)
    return report


if __name__ == "__main__":
    main()
