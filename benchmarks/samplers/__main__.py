"""Command line: ``python -m benchmarks.samplers {quality,overhead,parallel,all} [options]``.

Each mode prints its markdown report and writes it, with a CSV of the raw results
(and a plot for quality), to ``benchmarks/results/`` unless ``--out`` says otherwise.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.samplers.contenders import CONTENDERS
from benchmarks.samplers.overhead import OverheadSettings, run_overhead, write_overhead
from benchmarks.samplers.parallel import ParallelSettings, run_parallel, write_parallel
from benchmarks.samplers.problems import PROBLEMS
from benchmarks.samplers.quality import QualitySettings, run_quality, write_quality
from benchmarks.samplers.results import DEFAULT_RESULTS_DIR
from benchmarks.samplers.run_log import RunLog

MODES = ("quality", "overhead", "parallel", "all")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.samplers",
        description="tunesmith's samplers side by side with Optuna, Hyperopt and random search.",
    )
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("--quick", action="store_true", help="a few seconds: smoke-test sizes")
    parser.add_argument("--seeds", type=int, help="seeds (default 10; quick: 1)")
    parser.add_argument(
        "--anchor-seeds",
        type=int,
        help="quality: seeds of the other tools' samplers (default: --seeds)",
    )
    parser.add_argument("--jobs", type=int, help="worker processes (default 2; quick: 1)")
    parser.add_argument("--budgets", type=int, nargs="+", help="quality: budgets in trials")
    parser.add_argument("--problems", nargs="+", choices=list(PROBLEMS), help="quality problems")
    parser.add_argument("--samplers", nargs="+", choices=list(CONTENDERS), help="quality samplers")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="quality: reuse the runs logged in OUT/quality-runs.jsonl, run only the rest",
    )
    parser.add_argument(
        "--logged-only",
        action="store_true",
        help="quality, with --resume: run nothing, report the logged runs (n/a where none)",
    )
    parser.add_argument(
        "--rerun",
        nargs="+",
        choices=list(CONTENDERS),
        help="quality, with --resume: forget these samplers' logged runs and run them again",
    )
    parser.add_argument(
        "--time-cap", type=float, help="overhead: seconds of timing per cell (default 60)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_RESULTS_DIR, help="results folder (default %(default)s)"
    )
    return parser


def _given(arguments: argparse.Namespace, *fields: str) -> dict[str, Any]:
    """The settings among ``fields`` given on the command line, lists as tuples."""
    given = {}
    for field in fields:
        value = getattr(arguments, field)
        if value is not None:
            given[field] = tuple(value) if isinstance(value, list) else value
    return given


def _quality(arguments: argparse.Namespace) -> tuple[str, list[Path]]:
    base = QualitySettings.quick() if arguments.quick else QualitySettings()
    given = _given(
        arguments, "problems", "samplers", "seeds", "anchor_seeds", "budgets", "jobs", "rerun"
    )
    settings = dataclasses.replace(
        base, resume=arguments.resume, logged_only=arguments.logged_only, **given
    )
    report = run_quality(settings, RunLog(arguments.out / "quality-runs.jsonl"))
    paths = write_quality(report, arguments.out)
    if not any(path.suffix == ".png" for path in paths):
        print("No plot: matplotlib is not installed.", file=sys.stderr)
    return report.markdown(), paths


def _overhead(arguments: argparse.Namespace) -> tuple[str, list[Path]]:
    base = OverheadSettings.quick() if arguments.quick else OverheadSettings()
    report = run_overhead(dataclasses.replace(base, **_given(arguments, "time_cap")))
    return report.markdown(), write_overhead(report, arguments.out)


def _parallel(arguments: argparse.Namespace) -> tuple[str, list[Path]]:
    base = ParallelSettings.quick() if arguments.quick else ParallelSettings()
    report = run_parallel(dataclasses.replace(base, **_given(arguments, "seeds", "jobs")))
    return report.markdown(), write_parallel(report, arguments.out)


RUNS = {"quality": _quality, "overhead": _overhead, "parallel": _parallel}


def main(argv: Sequence[str] | None = None) -> str:
    """Run the chosen mode(s), print the reports and where they were written; return the text."""
    arguments = _parser().parse_args(argv)
    modes = list(RUNS) if arguments.mode == "all" else [arguments.mode]
    texts = []
    for mode in modes:
        text, paths = RUNS[mode](arguments)
        print(text, flush=True)
        print("\nWritten: " + ", ".join(str(path) for path in paths) + "\n", flush=True)
        texts.append(text)
    return "\n\n".join(texts)


if __name__ == "__main__":
    main(sys.argv[1:])
