"""Which plots a report holds: every one that applies to the study, with its title."""

from __future__ import annotations

from typing import Any

from tunesmith.analysis import importance
from tunesmith.plots import (
    plot_contour,
    plot_fit_over_size,
    plot_history,
    plot_importance,
    plot_intermediate_values,
    plot_overfitting,
    plot_parallel_coordinates,
    plot_pareto_front,
    plot_slice,
    plot_timeline,
)
from tunesmith.study import Study
from tunesmith.study.selection import trial_size
from tunesmith.trial import TrialState
from tunesmith.trial.user_attrs import MEAN_TRAIN_SCORE

__all__ = ["report_figures"]


def report_figures(study: Study, seed: int) -> list[tuple[str, Any]]:
    """``(title, plotly Figure)`` for every plot that applies to ``study``.

    History, slice and parallel coordinates need a completed trial (for the
    first objective in a study of several); importance needs 2, and the
    contour shows the two most important hyperparameters; the other plots
    need what they draw: intermediate values, several objectives, recorded
    model sizes, train scores. The timeline closes the report.
    """
    completed = [t for t in study.get_trials([TrialState.COMPLETE]) if t.values]
    target = None if not study.is_multi_objective else 0
    figures: list[tuple[str, Any]] = []
    if completed:
        figures.append(("History", plot_history(study, target=target)))
    if len(completed) >= 2 and any(t.params for t in completed):
        result = importance(study, target=target, seed=seed)
        figures.append(("Importance", plot_importance(result)))
        if len(result.shares) >= 2:
            first, second = result.ranking()[:2]
            figures.append(("Contour", plot_contour(study, first, second, target=target)))
    if completed and any(t.params for t in completed):
        figures.append(("Parallel coordinates", plot_parallel_coordinates(study, target=target)))
        figures.append(("Slice", plot_slice(study, target=target)))
    if any(t.intermediate_values for t in study.trials):
        figures.append(("Intermediate values", plot_intermediate_values(study)))
    if study.is_multi_objective and len(study.directions) <= 3 and completed:
        figures.append(("Pareto front", plot_pareto_front(study)))
    if any(trial_size(t, study.directions) for t in completed):
        figures.append(("Fit over model size", plot_fit_over_size(study)))
    if any(MEAN_TRAIN_SCORE in t.user_attrs for t in completed):
        figures.append(("Overfitting", plot_overfitting(study)))
    if study.trials:
        figures.append(("Timeline", plot_timeline(study)))
    return figures
