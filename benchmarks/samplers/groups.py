"""Scores per problem group, and how ``auto`` stands against the others, with standard errors.

A group is a problem kind (synthetic, sklearn, tabular). A sampler's score on a
group at a budget is ``100 * (1 - mean normalised regret)``, the regret averaged
over the group's scored problems and the seeds. ``auto`` is compared with the best
other tunesmith sampler and with the best anchor of each group: the difference of
scores, and its standard error from the seeds both ran (per seed, the difference
of their regrets averaged over the group's problems; paired, since a seed is the
same start for both).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from benchmarks.samplers.scoring import Score
from benchmarks.samplers.tables import format_number, markdown_table

__all__ = ["AUTO", "Comparison", "GroupScores", "group_scores", "groups_table"]

AUTO = "tunesmith-auto"

RegretsBySeed = dict[int, list[float]]


@dataclass(frozen=True)
class Comparison:
    """``auto``'s score minus ``other``'s, in points, and the standard error of that difference."""

    other: str
    difference: float
    standard_error: float

    def cell(self) -> str:
        return f"{self.other} {self.difference:+.1f} ± {self.standard_error:.1f}"


@dataclass(frozen=True)
class GroupScores:
    """One group at one budget: each sampler's score and seeds, and auto's two comparisons."""

    group: str
    budget: int
    n_problems: int
    scores: dict[str, float]
    n_seeds: dict[str, int]
    against_tunesmith: Comparison | None
    against_anchors: Comparison | None


def _per_seed(
    scores: Iterable[Score], problems: Sequence[str], budget: int
) -> dict[str, RegretsBySeed]:
    """sampler -> seed -> the regrets of that seed on ``problems``, for seeds that ran all."""
    grouped: dict[str, RegretsBySeed] = defaultdict(lambda: defaultdict(list))
    for score in scores:
        if score.budget == budget and score.problem in problems:
            grouped[score.sampler][score.seed].append(score.regret)
    return {
        sampler: {seed: r for seed, r in by_seed.items() if len(r) == len(problems)}
        for sampler, by_seed in grouped.items()
    }


def _compare(per_seed: Mapping[str, RegretsBySeed], other: str) -> Comparison:
    seeds = sorted(set(per_seed[AUTO]) & set(per_seed[other]))
    differences = [
        100 * (statistics.fmean(per_seed[other][s]) - statistics.fmean(per_seed[AUTO][s]))
        for s in seeds
    ]
    error = statistics.stdev(differences) / math.sqrt(len(seeds)) if len(seeds) > 1 else math.nan
    return Comparison(other, statistics.fmean(differences) if seeds else math.nan, error)


def group_scores(
    scores: Sequence[Score],
    kinds: Mapping[str, str],
    samplers: Sequence[str],
    anchors: Sequence[str],
    budget: int,
) -> list[GroupScores]:
    """The score of each sampler on each group of problems (``kinds``: problem -> group)."""
    scorable = {
        s.problem
        for s in scores
        if s.budget == budget and s.sampler in samplers and math.isfinite(s.regret)
    }
    unscorable = {s.problem for s in scores if s.budget == budget and not math.isfinite(s.regret)}
    results = []
    for group in sorted(set(kinds.values())):
        problems = sorted(p for p in scorable - unscorable if kinds[p] == group)
        per_seed = _per_seed(scores, problems, budget)
        ran = [s for s in samplers if per_seed.get(s)]
        if not problems or AUTO not in ran:
            continue
        means = {s: statistics.fmean(r for rs in per_seed[s].values() for r in rs) for s in ran}
        group_result = {s: 100 * (1 - means[s]) for s in ran}
        own = [s for s in ran if s.startswith("tunesmith-") and s != AUTO]
        others = [s for s in ran if s in anchors]
        best_own = max(own, key=group_result.__getitem__, default=None)
        best_anchor = max(others, key=group_result.__getitem__, default=None)
        results.append(
            GroupScores(
                group,
                budget,
                len(problems),
                group_result,
                {s: len(per_seed[s]) for s in ran},
                None if best_own is None else _compare(per_seed, best_own),
                None if best_anchor is None else _compare(per_seed, best_anchor),
            )
        )
    return results


def groups_table(results: Sequence[GroupScores], samplers: Sequence[str]) -> str:
    """A markdown table: a row per group and budget, a column per sampler, then auto's leads."""
    rows = []
    for result in results:
        best = max(result.scores.values())
        rows.append(
            [f"{result.group} ({result.n_problems}), {result.budget} trials"]
            + [
                format_number(result.scores[s], 1, bold=result.scores[s] >= best - 1e-9)
                + (
                    ""
                    if result.n_seeds[s] == max(result.n_seeds.values())
                    else f" ({result.n_seeds[s]})"
                )
                if s in result.scores
                else "n/a"
                for s in samplers
            ]
            + [
                "n/a" if comparison is None else comparison.cell()
                for comparison in (result.against_tunesmith, result.against_anchors)
            ]
        )
    header = ["group, budget", *samplers, "auto vs best tunesmith", "auto vs best anchor"]
    return markdown_table(header, rows)
