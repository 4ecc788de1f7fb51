"""Slice plot: the objective against each hyperparameter, one panel each."""

from __future__ import annotations

from collections.abc import Sequence

from tunesmith.analysis.targets import target_index, target_label
from tunesmith.plots._plotly import go, make_subplots
from tunesmith.plots._trials import axis_type, completed_with_value, sorted_param_names
from tunesmith.study import StudyBase

__all__ = ["plot_slice"]


def plot_slice(
    study: StudyBase, *, params: Sequence[str] | None = None, target: int | str | None = None
) -> go.Figure:
    """One panel per hyperparameter: each completed trial that used it, at its value.

    A conditional hyperparameter's panel shows the trials that used it; log
    ranges get a log axis and categorical ones a category axis.

    Args:
        study: a study from any storage, finished or still running.
        params: the hyperparameters, one panel each; all of them when None.
        target: the objective, by index or metric name; needed for several.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_slice
    >>> study = tunesmith.create_study(sampler="random", seed=0)
    >>> study.optimize(lambda t: t.suggest_float("x", 1e-3, 1, log=True), n_trials=5)
    >>> plot_slice(study).data[0].name
    'x'
    """
    index = target_index(study, target, "plot_slice")
    trials = completed_with_value(study, index)
    names = sorted_param_names(trials, None if params is None else list(params))
    figure = make_subplots(rows=1, cols=max(1, len(names)), shared_yaxes=True)
    for column, name in enumerate(names, start=1):
        used = [t for t in trials if name in t.params]
        figure.add_trace(
            go.Scatter(
                x=[t.params[name] for t in used],
                y=[t.values[index] for t in used if t.values is not None],
                mode="markers",
                name=name,
                marker={"color": [t.number for t in used], "colorscale": "Blues"},
                text=[f"trial {t.number}" for t in used],
            ),
            row=1,
            col=column,
        )
        if used:
            kind = axis_type(used[0].distributions[name])
            figure.update_xaxes(type=kind, title_text=name, row=1, col=column)
    figure.update_yaxes(title_text=target_label(study, index), row=1, col=1)
    figure.update_layout(title="Slice", showlegend=False)
    return figure
