"""Empirical distribution of the results of several studies: to compare samplers at a glance."""

from __future__ import annotations

from collections.abc import Sequence

from tunesmith.analysis.targets import target_index, target_label
from tunesmith.plots._plotly import go
from tunesmith.plots._trials import completed_with_value
from tunesmith.study import StudyBase

__all__ = ["plot_empirical_distribution"]


def plot_empirical_distribution(
    studies: Sequence[StudyBase], *, target: int | str | None = None
) -> go.Figure:
    """For each study, the fraction of its completed trials whose value is at most each value.

    A sampler whose curve rises earlier (for a minimised objective) found good
    values more often. Each study is one step line named after it.

    Args:
        studies: the studies to compare, for example one per sampler on one task.
        target: the objective, by index or metric name, in every study.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_empirical_distribution
    >>> study = tunesmith.create_study(study_name="random", sampler="random", seed=0)
    >>> study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=4)
    >>> list(plot_empirical_distribution([study]).data[0].y)
    [0.25, 0.5, 0.75, 1.0]
    """
    figure = go.Figure()
    label = "value"
    for study in studies:
        index = target_index(study, target, "plot_empirical_distribution")
        label = target_label(study, index)
        values = sorted(
            t.values[index] for t in completed_with_value(study, index) if t.values is not None
        )
        figure.add_trace(
            go.Scatter(
                x=values,
                y=[(rank + 1) / len(values) for rank in range(len(values))],
                mode="lines",
                line_shape="hv",
                name=study.study_name,
            )
        )
    figure.update_layout(
        title="Empirical distribution of results",
        xaxis_title=label,
        yaxis_title="fraction of trials at most this value",
    )
    return figure
