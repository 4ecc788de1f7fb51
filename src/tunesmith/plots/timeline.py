"""Timeline: when each trial ran, from start to end, coloured by its state."""

from __future__ import annotations

import datetime

from tunesmith.plots._plotly import go
from tunesmith.study import StudyBase
from tunesmith.trial import TrialState

__all__ = ["plot_timeline"]


def plot_timeline(study: StudyBase) -> go.Figure:
    """A horizontal segment per trial from its start to its end (now, while it runs), by state.

    Trials run side by side show as overlapping segments: with several
    workers, the picture shows how busy they kept each other. tunesmith does
    not record which worker ran a trial, so rows are trial numbers.

    Args:
        study: a study from any storage, finished or still running.

    Returns:
        A Figure with one line trace per state present (named after it); a
        trace's x holds each trial's start and end, then None between trials.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_timeline
    >>> study = tunesmith.create_study()
    >>> study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=3)
    >>> [trace.name for trace in plot_timeline(study).data]
    ['complete']
    """
    now = datetime.datetime.now(datetime.UTC)
    figure = go.Figure()
    for state in TrialState:
        trials = [t for t in study.trials if t.state is state and t.datetime_start is not None]
        if not trials:
            continue
        xs: list[datetime.datetime | None] = []
        ys: list[int | None] = []
        for trial in trials:
            end = trial.datetime_complete or now.astimezone(trial.datetime_start.tzinfo)  # type: ignore[union-attr]
            xs += [trial.datetime_start, end, None]
            ys += [trial.number, trial.number, None]
        figure.add_trace(
            go.Scatter(x=xs, y=ys, mode="lines+markers", name=state.name.lower(), line_width=6)
        )
    figure.update_layout(title="Timeline", xaxis_title="time", yaxis_title="trial")
    return figure
