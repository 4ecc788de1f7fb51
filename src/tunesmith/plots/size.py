"""Fit over size: score against the number of learned parameters, with the one-standard-error band.

The picture of "bigger is not always better": each completed trial's score
(first objective) against its model's parameter count on a log axis, the best
trial, the band of scores within one standard error of the best (the standard
error of its cross-validation fold scores), and the smallest model inside that
band: the trial ``study.select("smallest_within:1se")`` returns.
"""

from __future__ import annotations

import math

import numpy as np

from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.plots._plotly import go
from tunesmith.plots._trials import completed_with_value, is_maximised
from tunesmith.study import StudyBase
from tunesmith.study.selection import trial_size
from tunesmith.trial import FrozenTrial
from tunesmith.trial.user_attrs import fold_test_scores

__all__ = ["plot_fit_over_size", "standard_error"]


def standard_error(trial: FrozenTrial) -> float | None:
    """The standard error of the trial's mean fold score, or None without 2 fold scores."""
    folds = [score for score in fold_test_scores(trial.user_attrs) if score is not None]
    if len(folds) < 2:
        return None
    return float(np.std(folds, ddof=1) / math.sqrt(len(folds)))


def plot_fit_over_size(study: StudyBase) -> go.Figure:
    """Score against learned parameters (log axis): the best, the 1 SE band, the smallest in it.

    Trials without a parameter count (the ``n_parameters`` user attribute, or a
    minimised second objective) are left out.

    Args:
        study: a study whose trials recorded model sizes, from any storage.

    Returns:
        A Figure with the traces "trials", "best", "smallest within 1 SE" (when
        the best trial has fold scores) and a shaded band.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_fit_over_size
    >>> study = tunesmith.create_study(directions=["maximize", "minimize"])
    >>> for size, score in [(10, 0.8), (1000, 0.9)]:
    ...     _ = study.tell(study.ask(), [score, size])
    >>> plot_fit_over_size(study).data[0].x
    (10.0, 1000.0)
    """
    trials = [t for t in completed_with_value(study, 0) if trial_size(t, study.directions)]
    sizes = [trial_size(t, study.directions) for t in trials]
    scores = [t.values[0] for t in trials if t.values is not None]
    figure = go.Figure(
        go.Scatter(
            x=sizes,
            y=scores,
            mode="markers",
            name="trials",
            text=[f"trial {t.number}" for t in trials],
        )
    )
    if trials:
        maximised = is_maximised(study, 0)
        best = (max if maximised else min)(range(len(trials)), key=lambda i: scores[i])
        figure.add_trace(
            go.Scatter(
                x=[sizes[best]],
                y=[scores[best]],
                mode="markers",
                name="best",
                marker={"symbol": "diamond", "size": 13},
            )
        )
        error = standard_error(trials[best])
        if error is not None:
            edge = scores[best] - error if maximised else scores[best] + error
            figure.add_hrect(
                y0=min(edge, scores[best]),
                y1=max(edge, scores[best]),
                fillcolor="green",
                opacity=0.15,
                line_width=0,
                annotation_text="within 1 SE of the best",
            )
            try:
                smallest = study.select("smallest_within:1se")
            except (InvalidArgumentError, NoCompletedTrialsError):
                smallest = None
            if smallest is not None and smallest.values is not None:
                figure.add_trace(
                    go.Scatter(
                        x=[trial_size(smallest, study.directions)],
                        y=[smallest.values[0]],
                        mode="markers",
                        name="smallest within 1 SE",
                        marker={"symbol": "star", "size": 15},
                    )
                )
    figure.update_xaxes(type="log", title_text="learned parameters")
    figure.update_yaxes(title_text=study.analysis_settings.score_name)
    figure.update_layout(title="Fit over model size")
    return figure
