"""Regenerate the committed grids: ``python -m benchmarks.samplers.problems.tabulate``.

Scores every configuration of each tabulated task (see ``tabular``) in worker
processes and writes ``grids/<task>.json``. About 15 minutes of one core for the
three tasks; ``--tasks`` picks some, ``--jobs`` sets the workers (default 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from benchmarks.samplers.pool import run_jobs
from benchmarks.samplers.problems.grid import grid_points
from benchmarks.samplers.problems.tabular import TABULAR_TASKS, evaluate, write_table


def main(argv: Sequence[str] | None = None) -> None:
    names = [task.name for task in TABULAR_TASKS]
    parser = argparse.ArgumentParser(prog="python -m benchmarks.samplers.problems.tabulate")
    parser.add_argument("--tasks", nargs="+", choices=names, default=names)
    parser.add_argument("--jobs", type=int, default=2)
    arguments = parser.parse_args(argv)
    for task in TABULAR_TASKS:
        if task.name not in arguments.tasks:
            continue
        jobs = [(task.name, params) for params in grid_points(task.space)]
        results = run_jobs(evaluate, jobs, arguments.jobs, task.name)
        write_table(task, dict(results))
        print(f"{task.path}: {len(results)} configurations", file=sys.stderr)


if __name__ == "__main__":
    main()
