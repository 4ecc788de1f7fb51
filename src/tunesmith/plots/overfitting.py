"""Overfitting: each trial's train score against its validation score, the gap threshold drawn."""

from __future__ import annotations

from tunesmith.analysis import overfitting
from tunesmith.plots._plotly import go
from tunesmith.plots._trials import is_maximised
from tunesmith.study import Study

__all__ = ["plot_overfitting"]


def plot_overfitting(study: Study, *, max_gap: float | None = None) -> go.Figure:
    """Validation against train score per trial, flagged trials apart, with the lines gap = 0 and max_gap.

    Args:
        study: a study whose trials recorded ``mean_train_score``.
        max_gap: the floor below which no trial is flagged (see
            ``tunesmith.analysis.overfitting`` for the whole rule); the study's
            ``analysis_settings.overfit_gap`` when None.

    Returns:
        A Figure with traces "not flagged" and "flagged" (train on x,
        validation on y), and the two reference lines.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_overfitting
    >>> study = tunesmith.create_study(direction="maximize")
    >>> trial = study.ask()
    >>> trial.set_user_attr("mean_train_score", 0.99)
    >>> _ = study.tell(trial, 0.8)
    >>> plot_overfitting(study).data[1].x
    (0.99,)
    """  # noqa: E501 - the first line
    gap = study.analysis_settings.overfit_gap if max_gap is None else max_gap
    records = overfitting(study, gap)
    figure = go.Figure()
    for name, flagged in [("not flagged", False), ("flagged", True)]:
        chosen = [r for r in records if r.flagged is flagged]
        figure.add_trace(
            go.Scatter(
                x=[r.train for r in chosen],
                y=[r.validation for r in chosen],
                mode="markers",
                name=name,
                text=[f"trial {r.number}: gap {r.gap:.3f}, noise {r.noise:.3f}" for r in chosen],
            )
        )
    if records:
        low = min(min(r.train, r.validation) for r in records)
        high = max(max(r.train, r.validation) for r in records)
        # Validation = train - gap for a score, train + gap for a loss.
        shift = -gap if is_maximised(study, 0) else gap
        figure.add_trace(go.Scatter(x=[low, high], y=[low, high], mode="lines", name="gap = 0"))
        figure.add_trace(
            go.Scatter(
                x=[low, high],
                y=[low + shift, high + shift],
                mode="lines",
                name=f"gap = {gap:g}",
                line_dash="dash",
            )
        )
    score = study.analysis_settings.score_name
    figure.update_layout(
        title="Overfitting: train against validation",
        xaxis_title=f"train {score}",
        yaxis_title=f"validation {score}",
    )
    return figure
