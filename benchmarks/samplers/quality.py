"""The quality benchmark: the best value each sampler finds within a budget, over many seeds.

Every (problem, sampler, seed) is one run of the largest budget; the smaller budgets
are its prefixes. Scores are normalised regrets (see ``scoring``), averaged over seeds
per problem, then over problems per sampler. Finished runs are logged as they finish
(see ``run_log``), so a stopped run can be resumed.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from benchmarks.samplers.contenders import (
    ANCHORS,
    BASELINE,
    CHEAP,
    CONTENDERS,
    available_contenders,
)
from benchmarks.samplers.groups import group_scores, groups_table
from benchmarks.samplers.plots import plot_overall_regret
from benchmarks.samplers.pool import run_jobs
from benchmarks.samplers.problems import PROBLEMS
from benchmarks.samplers.results import write_csv, write_markdown
from benchmarks.samplers.run_log import RunKey, RunLog
from benchmarks.samplers.scoring import (
    RunRecord,
    Score,
    count_wins,
    mean_regrets,
    overall_means,
    reference_values,
    score_runs,
)
from benchmarks.samplers.tables import format_number, markdown_table

__all__ = ["QualityReport", "QualitySettings", "run_one", "run_quality", "write_quality"]


@dataclass(frozen=True)
class QualitySettings:
    """What to run: problems and samplers by name, seeds 0..seeds-1, budgets in trials.

    ``anchor_seeds``, when given, is the number of seeds of the other tools' samplers
    (some cost minutes a run). ``resume`` reuses the runs of the log that match;
    ``rerun`` names samplers whose logged runs are forgotten first, so that they run again.
    ``logged_only`` (with ``resume``) runs nothing: the report is made of the logged runs,
    and a (problem, sampler) with none shows n/a.
    """

    problems: tuple[str, ...] = tuple(PROBLEMS)
    samplers: tuple[str, ...] = tuple(CONTENDERS)
    seeds: int = 10
    anchor_seeds: int | None = None
    budgets: tuple[int, ...] = (50, 100)
    jobs: int = 2
    resume: bool = False
    logged_only: bool = False
    rerun: tuple[str, ...] = ()

    @classmethod
    def quick(cls) -> QualitySettings:
        """Two cheap problems, one seed, ten trials, no Gaussian process: a few seconds.

        One process: starting workers would cost more than the runs themselves.
        """
        return cls(
            problems=("branin2", "conditional"), samplers=CHEAP, seeds=1, budgets=(5, 10), jobs=1
        )

    def __post_init__(self) -> None:
        unknown = [p for p in self.problems if p not in PROBLEMS]
        unknown += [s for s in (*self.samplers, *self.rerun) if s not in CONTENDERS]
        if unknown:
            raise ValueError(
                f"Unknown problems or samplers {unknown}; problems: {list(PROBLEMS)}, "
                f"samplers: {list(CONTENDERS)}."
            )
        if min(self.seeds, self.anchor_seeds or 1) < 1 or not self.budgets or min(self.budgets) < 1:
            raise ValueError(
                f"Seeds and budgets must be positive; got seeds={self.seeds}, "
                f"anchor_seeds={self.anchor_seeds}, budgets={self.budgets}."
            )

    def seeds_of(self, sampler: str) -> int:
        """How many seeds ``sampler`` runs."""
        if sampler in ANCHORS and self.anchor_seeds is not None:
            return self.anchor_seeds
        return self.seeds


def run_one(problem_name: str, sampler_name: str, seed: int, n_trials: int) -> RunRecord:
    """Run one sampler on one problem with one seed (in a worker process)."""
    contender, problem = CONTENDERS[sampler_name], PROBLEMS[problem_name]
    return RunRecord.measure(
        problem_name, sampler_name, seed, lambda: contender.run(problem, seed, n_trials)
    )


@dataclass(frozen=True)
class QualityReport:
    """The runs of a quality benchmark and what is computed from them."""

    settings: QualitySettings
    samplers: tuple[str, ...]
    notes: list[str]
    records: list[RunRecord]
    reference: dict[str, float]
    scores: list[Score]
    seconds: float
    n_reused: int = 0

    @cached_property
    def means(self) -> dict[tuple[str, str, int], float]:
        """(problem, sampler, budget) -> mean regret over seeds."""
        return mean_regrets(self.scores)

    def regret_rows(self, budget: int) -> dict[str, dict[str, float]]:
        """problem -> sampler -> mean regret over seeds at ``budget``."""
        return {
            problem: {s: self.means.get((problem, s, budget), math.nan) for s in self.samplers}
            for problem in self.settings.problems
        }

    def overall(self, budget: int) -> tuple[dict[str, float], int]:
        """sampler -> mean regret over the scored problems, and how many problems those are."""
        return overall_means(self.means, self.settings.problems, self.samplers, budget)

    def wins(self, budget: int) -> dict[str, int]:
        return count_wins(self.means, self.settings.problems, self.samplers, budget)

    def markdown(self) -> str:
        """The report: a regret table per budget, run costs, samplers, problems and notes."""
        settings = self.settings
        parts = [
            "## Sampler quality",
            "",
            f"Normalised regret of the best value found (0 = optimum, 1 = median of random "
            f'search), mean over {settings.seeds} seed(s); lowest in bold. "mean" averages '
            'the problems every sampler could be scored on; "wins" counts the problems where '
            "a sampler has the lowest mean (ties count for each).",
        ]
        for budget in settings.budgets:
            parts += ["", f"### {budget} trials", "", self._regret_table(budget)]
        parts += ["", "### Scores by group", "", GROUPS_INTRO, "", self.groups_markdown()]
        parts += ["", "### Seconds per run", "", self._seconds_table()]
        parts += ["", "### Samplers", ""]
        parts += [f"- `{s}`: {CONTENDERS[s].description}" for s in self.samplers]
        parts += ["", "### Problems", "", self._problems_table()]
        notes = self.notes + [
            f"{problem} at {budget} trials is not scored: random search's median already "
            "reaches the best value seen."
            for budget in settings.budgets
            for problem in settings.problems
            if not math.isfinite(self.means.get((problem, BASELINE, budget), math.nan))
        ]
        if notes:
            parts += ["", "### Notes", "", *(f"- {note}" for note in notes)]
        cpu_minutes = sum(record.cpu_seconds for record in self.records) / 60
        reused = (
            f" ({self.n_reused} of the {len(self.records)} runs read back from the run log)"
            if self.n_reused
            else ""
        )
        parts += [
            "",
            f"Wall time: {self.seconds / 60:.1f} min with {settings.jobs} worker(s){reused}; "
            f"CPU time of the runs: {cpu_minutes:.1f} min.",
        ]
        return "\n".join(parts)

    def _anchor_seeds_note(self) -> str:
        anchor_seeds = self.settings.anchor_seeds
        if anchor_seeds is None or not set(self.samplers) & set(ANCHORS):
            return ""
        return f" ({anchor_seeds} for the other tools' samplers)"

    def groups_markdown(self) -> str:
        """The scores by problem group, with auto's lead over the best others."""
        kinds = {name: PROBLEMS[name].kind for name in self.settings.problems}
        results = [
            result
            for budget in self.settings.budgets
            for result in group_scores(self.scores, kinds, self.samplers, ANCHORS, budget)
        ]
        return groups_table(results, self.samplers)

    def _regret_table(self, budget: int) -> str:
        rows = []
        for problem, regrets in self.regret_rows(budget).items():
            lowest = min((r for r in regrets.values() if math.isfinite(r)), default=math.nan)
            rows.append(
                [problem] + [format_number(r, bold=r <= lowest + 1e-12) for r in regrets.values()]
            )
        overall, n_scored = self.overall(budget)
        lowest = min((r for r in overall.values() if math.isfinite(r)), default=math.nan)
        rows.append(
            [f"mean ({n_scored} problems)"]
            + [format_number(overall[s], bold=overall[s] <= lowest + 1e-12) for s in self.samplers]
        )
        wins = self.wins(budget)
        rows.append(["wins"] + [str(wins[s]) for s in self.samplers])
        return markdown_table(["problem", *self.samplers], rows)

    def _seconds_table(self) -> str:
        grouped: dict[tuple[str, str], list[float]] = defaultdict(list)
        for record in self.records:
            grouped[record.sampler, PROBLEMS[record.problem].kind].append(record.seconds)
        kinds = sorted({PROBLEMS[p].kind for p in self.settings.problems})
        rows = [
            [sampler]
            + [
                format_number(statistics.fmean(grouped[sampler, kind] or [math.nan]), 1)
                for kind in kinds
            ]
            for sampler in self.samplers
        ]
        n_trials = max(self.settings.budgets)
        header = ["sampler", *(f"{kind} (mean s / {n_trials} trials)" for kind in kinds)]
        return markdown_table(header, rows)

    def _problems_table(self) -> str:
        rows = []
        for name in self.settings.problems:
            problem = PROBLEMS[name]
            known = problem.optimum is not None
            rows.append(
                [
                    name,
                    str(problem.n_hyperparameters),
                    problem.description,
                    f"{self.reference[name]:.6g}" + ("" if known else " (best seen)"),
                ]
            )
        return markdown_table(["problem", "hyperparameters", "what", "optimum"], rows, "lrlr")

    def csv_rows(self) -> list[list[object]]:
        """One row per run and budget: the raw results."""
        records = {(r.problem, r.sampler, r.seed): r for r in self.records}
        return [
            [
                s.problem,
                s.sampler,
                s.seed,
                s.budget,
                repr(s.best),
                repr(self.reference[s.problem]),
                repr(s.regret),
                f"{records[s.problem, s.sampler, s.seed].seconds:.3f}",
                f"{records[s.problem, s.sampler, s.seed].cpu_seconds:.3f}",
            ]
            for s in self.scores
        ]


GROUPS_INTRO = (
    "Score = 100 x (1 - mean normalised regret) over a group's problems and seeds; a count "
    "in brackets is a sampler's seeds where it ran fewer. The last columns give auto's score "
    "minus the best other tunesmith sampler's and the best anchor's (other tools), with the "
    "standard error of the difference over the seeds both ran."
)

CSV_HEADER = (
    "problem",
    "sampler",
    "seed",
    "budget",
    "best",
    "optimum",
    "regret",
    "run_seconds",
    "run_cpu_seconds",
)


def _job_order(job: tuple[str, str, int, int]) -> tuple[bool, bool]:
    # Longest first, so that no worker is left alone with a slow run at the end.
    problem, sampler, _, _ = job
    return (not CONTENDERS[sampler].slow, PROBLEMS[problem].kind != "sklearn")


def run_quality(settings: QualitySettings, log: RunLog | None = None) -> QualityReport:
    """Run every (problem, available sampler, seed) and score the runs.

    Each finished run is appended to ``log``; with ``settings.resume`` the runs
    already there are used instead of running them again.
    """
    samplers, notes = available_contenders(settings.samplers)
    if BASELINE not in samplers:
        samplers = (BASELINE, *samplers)
        notes.append(f"{BASELINE} added: every score is scaled by random search.")
    for note in notes:
        print(f"  {note}", file=sys.stderr)
    n_trials = max(settings.budgets)
    jobs = sorted(
        (
            (problem, sampler, seed, n_trials)
            for problem in settings.problems
            for sampler in samplers
            for seed in range(settings.seeds_of(sampler))
        ),
        key=_job_order,
    )
    logged: dict[RunKey, RunRecord] = {}
    if log is not None:
        if settings.resume:
            logged = log.read(forget_samplers=settings.rerun)
        else:
            log.start_fresh()
    if settings.logged_only:
        left_out = sum(job not in logged for job in jobs)
        jobs = [job for job in jobs if job in logged]
        notes.append(f"{left_out} runs not in the log were left out (--logged-only).")
    missing = [job for job in jobs if job not in logged]
    started = time.monotonic()
    fresh = run_jobs(
        run_one, missing, settings.jobs, "quality", None if log is None else log.append
    )
    seconds = time.monotonic() - started
    fresh_by_job = dict(zip(missing, fresh, strict=True))
    records = [logged[job] if job in logged else fresh_by_job[job] for job in jobs]
    reference = reference_values(records, PROBLEMS)
    scores = score_runs(records, reference, settings.budgets, BASELINE)
    n_reused = len(jobs) - len(missing)
    return QualityReport(settings, samplers, notes, records, reference, scores, seconds, n_reused)


def write_quality(report: QualityReport, directory: Path) -> list[Path]:
    """Write the markdown, the raw CSV and the plot; return the paths written."""
    paths = [
        write_markdown(directory, "quality", report.markdown()),
        write_csv(directory, "quality", CSV_HEADER, report.csv_rows()),
    ]
    overall = {budget: report.overall(budget)[0] for budget in report.settings.budgets}
    plot = plot_overall_regret(overall, report.samplers, directory / "quality.png")
    if plot is not None:
        paths.append(plot)
    return paths
