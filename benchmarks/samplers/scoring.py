"""Normalised regret: 0 is the optimum, 1 is the median best value of random search.

For a problem and a budget, a run's best value is the lowest of its first ``budget``
values (so one 100-trial run also gives the 50-trial result). The optimum is the
problem's known minimum, or for a task without one the best value any run saw. A
(problem, budget) where random search's median already reaches that optimum has no
scale; its regrets are NaN and it is left out of the means and the wins.
"""

from __future__ import annotations

import math
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from benchmarks.samplers.problems.base import Problem

__all__ = [
    "RunRecord",
    "Score",
    "count_wins",
    "mean_regrets",
    "overall_means",
    "reference_values",
    "score_runs",
]


@dataclass(frozen=True)
class RunRecord:
    """One run: a sampler on a problem with a seed, its values in trial order, and its cost.

    ``cpu_seconds`` is this process's CPU time; on a shared machine it tells what the
    run would take alone better than the wall-clock ``seconds`` do.
    """

    problem: str
    sampler: str
    seed: int
    values: tuple[float, ...]
    seconds: float
    cpu_seconds: float

    @classmethod
    def measure(
        cls, problem: str, sampler: str, seed: int, run: Callable[[], list[float]]
    ) -> RunRecord:
        """Call ``run`` and record its values and what it cost."""
        started, cpu_started = time.perf_counter(), time.process_time()
        values = tuple(run())
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        return cls(problem, sampler, seed, values, seconds, cpu_seconds)

    def best_at(self, budget: int) -> float:
        """The best value among the first ``budget`` trials."""
        return min(self.values[:budget])


@dataclass(frozen=True)
class Score:
    """A run's best value at one budget and its normalised regret (NaN when unscorable)."""

    problem: str
    sampler: str
    seed: int
    budget: int
    best: float
    regret: float


def reference_values(
    records: Iterable[RunRecord], problems: Mapping[str, Problem]
) -> dict[str, float]:
    """Each problem's optimum: the known one, else the lowest value any run saw."""
    seen: dict[str, float] = {}
    for record in records:
        seen[record.problem] = min([seen.get(record.problem, math.inf), *record.values])
    return {
        name: known if (known := problems[name].optimum) is not None else lowest
        for name, lowest in seen.items()
    }


def score_runs(
    records: Sequence[RunRecord],
    reference: Mapping[str, float],
    budgets: Sequence[int],
    baseline: str,
) -> list[Score]:
    """Every run's score at every budget, scaled by the ``baseline`` sampler's median."""
    baseline_bests: dict[tuple[str, int], list[float]] = defaultdict(list)
    for record in records:
        if record.sampler == baseline:
            for budget in budgets:
                baseline_bests[record.problem, budget].append(record.best_at(budget))
    scores = []
    for record in records:
        optimum = reference[record.problem]
        for budget in budgets:
            best = record.best_at(budget)
            scale = statistics.median(baseline_bests[record.problem, budget]) - optimum
            regret = (best - optimum) / scale if scale > 0 else math.nan
            scores.append(Score(record.problem, record.sampler, record.seed, budget, best, regret))
    return scores


def mean_regrets(scores: Iterable[Score]) -> dict[tuple[str, str, int], float]:
    """(problem, sampler, budget) -> mean regret over seeds."""
    grouped: dict[tuple[str, str, int], list[float]] = defaultdict(list)
    for score in scores:
        grouped[score.problem, score.sampler, score.budget].append(score.regret)
    return {key: statistics.fmean(regrets) for key, regrets in grouped.items()}


def _scored_problems(
    means: Mapping[tuple[str, str, int], float],
    problems: Sequence[str],
    samplers: Sequence[str],
    budget: int,
) -> list[str]:
    """The problems with a finite mean regret for every sampler at ``budget``."""
    return [
        problem
        for problem in problems
        if all(math.isfinite(means.get((problem, s, budget), math.nan)) for s in samplers)
    ]


def overall_means(
    means: Mapping[tuple[str, str, int], float],
    problems: Sequence[str],
    samplers: Sequence[str],
    budget: int,
) -> tuple[dict[str, float], int]:
    """Each sampler's mean regret over the scored problems at ``budget``, and how many those are."""
    scored = _scored_problems(means, problems, samplers, budget)
    overall = {
        sampler: statistics.fmean(means[p, sampler, budget] for p in scored) if scored else math.nan
        for sampler in samplers
    }
    return overall, len(scored)


def count_wins(
    means: Mapping[tuple[str, str, int], float],
    problems: Sequence[str],
    samplers: Sequence[str],
    budget: int,
) -> dict[str, int]:
    """On how many scored problems each sampler has the lowest mean regret; a tie wins for each."""
    wins = dict.fromkeys(samplers, 0)
    for problem in _scored_problems(means, problems, samplers, budget):
        lowest = min(means[problem, s, budget] for s in samplers)
        for sampler in samplers:
            if means[problem, sampler, budget] <= lowest + 1e-12:
                wins[sampler] += 1
    return wins
