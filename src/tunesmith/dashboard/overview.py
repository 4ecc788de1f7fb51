"""What the dashboard says about a study as a whole: the studies list row and the study header."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from tunesmith.dashboard.notes import study_note
from tunesmith.dashboard.rows import jsonable
from tunesmith.report.summary import summary_facts
from tunesmith.space import Categorical
from tunesmith.storage import StudySummary
from tunesmith.study import Study, StudyBase
from tunesmith.trial import StudyDirection, TrialState

__all__ = ["SPARKLINE_POINTS", "state_counts", "study_header", "study_list_row"]

# Enough points for the shape of a history in a table cell.
SPARKLINE_POINTS = 60


def state_counts(study: StudyBase) -> dict[str, int]:
    """How many trials are in each state, as stored (the history's state codes may differ)."""
    counts = Counter(trial.state for trial in study.history.trials())
    return {state.name.lower(): counts[state] for state in TrialState}


def _sparkline(study: StudyBase) -> list[float]:
    """The best first-objective value so far after each completed trial, thinned to a few points."""
    history = study.history
    complete = history.mask(TrialState.COMPLETE)
    minimised = history.Y[complete, 0] if history.Y.shape[1] else np.empty(0)
    minimised = minimised[np.isfinite(minimised)]
    if minimised.size == 0:
        return []
    best = np.minimum.accumulate(minimised)
    if study.directions[0] is StudyDirection.MAXIMIZE:
        best = -best
    picked = np.unique(np.linspace(0, best.size - 1, min(best.size, SPARKLINE_POINTS)).astype(int))
    return [float(value) for value in best[picked]]


def _last_change(study: StudyBase) -> str | None:
    moments = [
        moment
        for trial in study.history.trials()
        for moment in (trial.datetime_complete or trial.datetime_start,)
        if moment is not None
    ]
    return max(moments).isoformat() if moments else None


def _objectives(study: StudyBase) -> list[dict[str, str]]:
    names = study.metric_names or [f"value {index}" for index in range(len(study.directions))]
    if names and len(study.directions) == 1 and study.metric_names is None:
        names = ["value"]
    return [
        {"name": name, "direction": direction.name.lower()}
        for name, direction in zip(names, study.directions, strict=True)
    ]


def study_list_row(summary: StudySummary, study: StudyBase) -> dict[str, Any]:
    """A studies list row: name, objectives, trials by state, best, last change, sparkline."""
    return {
        "name": summary.study_name,
        "objectives": _objectives(study),
        "n_trials": study.history.n_trials,
        "states": state_counts(study),
        "best_values": None if summary.best_values is None else jsonable(list(summary.best_values)),
        "last_change": _last_change(study),
        "sparkline": jsonable(_sparkline(study)),
    }


def study_header(study: Study) -> dict[str, Any]:
    """The top of a study's page: objectives, hyperparameters, counts, the report's facts, note.

    The facts are the HTML report's summary (``tunesmith.report``): the best
    trial, the selected small model, the honest estimate, overfitting
    warnings, pruning savings, the sampler ``auto`` chose.
    """
    return {
        "name": study.study_name,
        "objectives": _objectives(study),
        "param_names": sorted(study.history.param_names),
        "choices": {
            name: [str(choice) for choice in distribution.choices]
            for name, distribution in sorted(study.history.distributions.items())
            if isinstance(distribution, Categorical)
        },
        "n_trials": study.history.n_trials,
        "states": state_counts(study),
        "facts": [[heading, sentence] for heading, sentence in summary_facts(study)],
        "note": study_note(study),
        "change_count": study.history.change_count,
    }
