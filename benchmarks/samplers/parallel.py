"""The parallel benchmark: does a sampler keep its quality when 4 trials run at once?

Each sampler runs 100 trials in all, once with one worker and once with 4 threads
(``optimize(n_jobs=4)``); each trial of a parallel run waits a random few
milliseconds, so trials overlap and finish out of order and the sampler must
suggest while others are still running. The target: the parallel normalised regret
is no worse than 1.25 times the sequential one. Random search (the scale) and
Optuna's TPE (with its constant liar) run beside tunesmith's samplers as references.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from benchmarks.samplers.adapters import optuna_adapter, tunesmith_adapter
from benchmarks.samplers.contenders import BASELINE, available_contenders
from benchmarks.samplers.pool import run_jobs
from benchmarks.samplers.problems import PROBLEMS, Problem
from benchmarks.samplers.results import write_csv, write_markdown
from benchmarks.samplers.scoring import (
    RunRecord,
    mean_regrets,
    overall_means,
    reference_values,
    score_runs,
)
from benchmarks.samplers.tables import format_number, markdown_table

__all__ = ["ParallelReport", "ParallelSettings", "run_parallel", "write_parallel"]

# The worst parallel / sequential ratio of mean regrets that counts as keeping quality.
TARGET_RATIO = 1.25

# (problem, seed, n_trials, n_jobs, max_sleep) -> values in trial order.
ParallelRun = Callable[[Problem, int, int, int, float], list[float]]


def _tunesmith(sampler_name: str) -> ParallelRun:
    return partial(_run_tunesmith, sampler_name)


def _run_tunesmith(
    sampler_name: str, problem: Problem, seed: int, n_trials: int, n_jobs: int, max_sleep: float
) -> list[float]:
    return tunesmith_adapter.run_tunesmith(problem, sampler_name, seed, n_trials, n_jobs, max_sleep)


def _run_optuna_tpe(
    problem: Problem, seed: int, n_trials: int, n_jobs: int, max_sleep: float
) -> list[float]:
    return optuna_adapter.run_optuna(problem, "tpe", seed, n_trials, n_jobs, max_sleep)


RUNNERS: dict[str, ParallelRun] = {
    BASELINE: _tunesmith("random"),
    "tunesmith-auto": _tunesmith("auto"),
    "tunesmith-tpe": _tunesmith("tpe"),
    "optuna-tpe": _run_optuna_tpe,
}


@dataclass(frozen=True)
class ParallelSettings:
    """Problems, samplers, seeds, trials in all, workers, and the longest wait of a trial."""

    problems: tuple[str, ...] = ("branin2", "hartmann6", "rosenbrock4", "ackley5", "mixed")
    samplers: tuple[str, ...] = tuple(RUNNERS)
    seeds: int = 10
    n_trials: int = 100
    n_workers: int = 4
    max_sleep: float = 0.02
    jobs: int = 2

    @classmethod
    def quick(cls) -> ParallelSettings:
        """One problem, one seed, twelve trials, in this process."""
        return cls(problems=("branin2",), seeds=1, n_trials=12, jobs=1)


def _label(sampler: str, n_workers: int) -> str:
    return sampler if n_workers == 1 else f"{sampler} x{n_workers}"


def run_one(
    sampler: str, problem_name: str, seed: int, n_trials: int, n_workers: int, max_sleep: float
) -> RunRecord:
    """One run of ``sampler`` with ``n_workers`` threads (in a worker process)."""
    run, problem = RUNNERS[sampler], PROBLEMS[problem_name]
    return RunRecord.measure(
        problem_name,
        _label(sampler, n_workers),
        seed,
        lambda: run(problem, seed, n_trials, n_workers, max_sleep),
    )


@dataclass(frozen=True)
class ParallelReport:
    """Sequential and parallel regrets per sampler, and whether each meets the target."""

    settings: ParallelSettings
    samplers: tuple[str, ...]
    notes: list[str]
    records: list[RunRecord]
    means: dict[tuple[str, str, int], float]
    seconds: float

    def overall(self) -> dict[str, float]:
        labels = [_label(s, n) for s in self.samplers for n in (1, self.settings.n_workers)]
        overall, _ = overall_means(
            self.means, self.settings.problems, labels, self.settings.n_trials
        )
        return overall

    def ratios(self) -> dict[str, float]:
        """sampler -> parallel mean regret / sequential mean regret."""
        overall = self.overall()
        workers = self.settings.n_workers
        return {
            s: overall[_label(s, workers)] / overall[s] if overall[s] > 0 else math.nan
            for s in self.samplers
        }

    def markdown(self) -> str:
        settings = self.settings
        budget = settings.n_trials
        labels = [_label(s, n) for s in self.samplers for n in (1, settings.n_workers)]
        rows = [
            [problem] + [format_number(self.means[problem, label, budget]) for label in labels]
            for problem in settings.problems
        ]
        overall = self.overall()
        rows.append(["mean"] + [format_number(overall[label]) for label in labels])
        ratios = self.ratios()
        summary = [
            [
                sampler,
                format_number(overall[sampler]),
                format_number(overall[_label(sampler, settings.n_workers)]),
                format_number(ratios[sampler], 2),
                "yes" if ratios[sampler] <= TARGET_RATIO else "no",
            ]
            for sampler in self.samplers
        ]
        parts = [
            "## Parallel trials",
            "",
            f"{budget} trials in all, with 1 worker and with {settings.n_workers} threads "
            f"(each trial waits up to {1000 * settings.max_sleep:g} ms so that trials overlap); "
            f"normalised regret at {budget} trials (0 = optimum, 1 = median of sequential "
            f"random search), mean over {settings.seeds} seed(s).",
            "",
            markdown_table(["problem", *labels], rows),
            "",
            markdown_table(
                [
                    "sampler",
                    "1 worker",
                    f"{settings.n_workers} workers",
                    "ratio",
                    f"within {TARGET_RATIO}x",
                ],
                summary,
            ),
        ]
        if self.notes:
            parts += ["", "### Notes", "", *(f"- {note}" for note in self.notes)]
        parts += ["", f"Wall time: {self.seconds / 60:.1f} min with {settings.jobs} worker(s)."]
        return "\n".join(parts)

    def csv_rows(self) -> list[list[object]]:
        return [
            [r.problem, r.sampler, r.seed, repr(min(r.values)), f"{r.seconds:.3f}"]
            for r in self.records
        ]


CSV_HEADER = ("problem", "sampler", "seed", "best", "run_seconds")


def run_parallel(settings: ParallelSettings) -> ParallelReport:
    """Run every sampler sequentially and in parallel on every problem and seed."""
    samplers, notes = available_contenders(settings.samplers)
    if BASELINE not in samplers:
        samplers = (BASELINE, *samplers)
    for note in notes:
        print(f"  {note}", file=sys.stderr)
    jobs = [
        (sampler, problem, seed, settings.n_trials, n_workers, settings.max_sleep)
        for problem in settings.problems
        for sampler in samplers
        for n_workers in (1, settings.n_workers)
        for seed in range(settings.seeds)
    ]
    started = time.monotonic()
    records = run_jobs(run_one, jobs, settings.jobs, "parallel")
    seconds = time.monotonic() - started
    reference = reference_values(records, PROBLEMS)
    scores = score_runs(records, reference, (settings.n_trials,), BASELINE)
    return ParallelReport(settings, samplers, notes, records, mean_regrets(scores), seconds)


def write_parallel(report: ParallelReport, directory: Path) -> list[Path]:
    """Write the markdown and the raw CSV; return the paths written."""
    return [
        write_markdown(directory, "parallel", report.markdown()),
        write_csv(directory, "parallel", CSV_HEADER, report.csv_rows()),
    ]
