"""Command line: ``python -m benchmarks.boosting_pruning [--quick] [--seeds N]``; prints a table."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence

from benchmarks.boosting_pruning.runner import FRAMEWORKS, LIBRARIES, RunResult, run

FULL = {"seeds": 10, "trials": 30, "rounds": 100}
QUICK = {"seeds": 2, "trials": 4, "rounds": 6}


def _mean_sd(values: list[float]) -> str:
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.fmean(values):.4g} ± {spread:.2g}"


def table(results: list[RunResult], trials: int, rounds: int) -> str:
    """A markdown table: per library and framework, rounds spent and best loss over seeds."""
    lines = [
        f"{trials} trials of up to {rounds} boosting rounds each, Hyperband (min 1, max {rounds} "
        "rounds); mean ± sd over seeds; the same configurations for both frameworks.",
        "",
        "| library | framework | rounds spent | pruned trials | best validation log loss |",
        "|---|---|---|---|---|",
    ]
    for library in LIBRARIES:
        for framework in FRAMEWORKS:
            runs = [r for r in results if (r.library, r.framework) == (library, framework)]
            rounds_spent = _mean_sd([r.rounds_spent for r in runs])
            pruned = _mean_sd([r.n_pruned for r in runs])
            best = _mean_sd([r.best_loss for r in runs])
            lines.append(f"| {library} | {framework} | {rounds_spent} | {pruned} | {best} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> str:
    """Run every library, framework and seed; print and return the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument("--seeds", type=int, default=None, help="seeds 0 .. N-1 (default 10)")
    args = parser.parse_args(argv)
    budget = dict(QUICK if args.quick else FULL)
    if args.seeds is not None:
        budget["seeds"] = args.seeds
    started = time.perf_counter()
    results = [
        run(library, framework, seed, budget["trials"], budget["rounds"])
        for library in LIBRARIES
        for framework in FRAMEWORKS
        for seed in range(budget["seeds"])
    ]
    report = table(results, budget["trials"], budget["rounds"])
    print(report)
    print(f"\n{time.perf_counter() - started:.0f} s")
    return report


if __name__ == "__main__":
    main()
