"""Time each importance method of both tools on the same studies, and how their rankings agree."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import optuna
from scipy.stats import spearmanr

import tunesmith
from benchmarks.importance.studies import (
    NAMES,
    TRUE_RANKING,
    optuna_study,
    points,
    tunesmith_study,
)

__all__ = ["Measurement", "measure"]


@dataclass(frozen=True, slots=True)
class Measurement:
    """One method of one tool on one study size: seconds, ranking and agreement.

    Attributes:
        n_trials: the study's size.
        method: ``fanova`` or ``ped_anova``.
        tool: ``tunesmith`` or ``optuna``.
        seconds: wall time of one importance call; None when not run.
        ranking: the hyperparameters, most important first.
        spearman_truth: Spearman correlation of the ranking with the true one.
    """

    n_trials: int
    method: str
    tool: str
    seconds: float | None
    ranking: list[str]
    spearman_truth: float | None


def spearman(first: list[str], second: list[str]) -> float:
    """Spearman rank correlation of two orderings of the same names."""
    return float(spearmanr([first.index(n) for n in NAMES], [second.index(n) for n in NAMES])[0])


def _timed(call: Callable[[], Mapping[str, float] | list[str]]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    ranking = list(result) if isinstance(result, list) else sorted(result, key=lambda n: -result[n])
    return seconds, ranking


def measure(n_trials: int, seed: int, optuna_fanova_limit: int) -> list[Measurement]:
    """Both methods of both tools on one study of ``n_trials`` trials drawn with ``seed``.

    Optuna's fANOVA is run only up to ``optuna_fanova_limit`` trials (it takes
    minutes at 1,000 and grows faster than linearly).
    """
    x = points(n_trials, seed)
    ours, theirs = tunesmith_study(x), optuna_study(x)
    evaluators: dict[str, Callable[[], optuna.importance.BaseImportanceEvaluator]] = {
        "fanova": lambda: optuna.importance.FanovaImportanceEvaluator(seed=seed),
        "ped_anova": optuna.importance.PedAnovaImportanceEvaluator,
    }
    rows = []
    for method, evaluator in evaluators.items():
        seconds, ranking = _timed(
            lambda method=method: tunesmith.importance(ours, method=method, seed=seed).ranking()
        )
        rows.append(
            Measurement(
                n_trials, method, "tunesmith", seconds, ranking, spearman(ranking, TRUE_RANKING)
            )
        )
        if method == "fanova" and n_trials > optuna_fanova_limit:
            rows.append(Measurement(n_trials, method, "optuna", None, [], None))
            continue
        seconds, ranking = _timed(
            lambda evaluator=evaluator: optuna.importance.get_param_importances(
                theirs, evaluator=evaluator()
            )
        )
        rows.append(
            Measurement(
                n_trials, method, "optuna", seconds, ranking, spearman(ranking, TRUE_RANKING)
            )
        )
    return rows
