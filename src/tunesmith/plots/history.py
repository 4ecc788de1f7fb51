"""The optimisation history: each trial's value and the best so far, pruned and failed marked."""

from __future__ import annotations

from collections.abc import Callable

from tunesmith.analysis.targets import target_index, target_label
from tunesmith.plots._plotly import go
from tunesmith.plots._trials import is_maximised
from tunesmith.study import StudyBase
from tunesmith.trial import TrialState

__all__ = ["plot_history"]


def _best_steps(
    numbers: list[int], values: list[float], better: Callable[[float, float], float]
) -> tuple[list[int], list[float]]:
    """The best value so far where it changed, and at the last trial: the corners of its steps.

    Drawn with ``line_shape="hv"`` this is the line through every trial, in a
    few points instead of one per trial (a page draws 10,000 trials faster).
    """
    steps_x: list[int] = []
    steps_y: list[float] = []
    for number, value in zip(numbers, values, strict=True):
        if not steps_y or better(steps_y[-1], value) != steps_y[-1]:
            steps_x.append(number)
            steps_y.append(value)
    if numbers and steps_x[-1] != numbers[-1]:
        steps_x.append(numbers[-1])
        steps_y.append(steps_y[-1])
    return steps_x, steps_y


def plot_history(study: StudyBase, *, target: int | str | None = None) -> go.Figure:
    """Each completed trial's value by trial number, with the best value so far as a line.

    Pruned trials are drawn at the last value they reported (or left out if
    they reported none); failed trials are marked on the lower edge of the plot.

    Args:
        study: a study from any storage, finished or still running.
        target: the objective, by index or metric name; needed for several.

    Returns:
        A plotly Figure with the traces "completed", "best so far", "pruned"
        and "failed".

    >>> import tunesmith
    >>> from tunesmith.plots import plot_history
    >>> study = tunesmith.create_study(sampler="random", seed=0)
    >>> study.optimize(lambda t: t.suggest_float("x", -1, 1) ** 2, n_trials=10)
    >>> [trace.name for trace in plot_history(study).data]
    ['completed', 'best so far', 'pruned', 'failed']
    """
    index = target_index(study, target, "plot_history")
    trials = study.trials
    complete = [t for t in trials if t.state is TrialState.COMPLETE and t.values is not None]
    numbers = [t.number for t in complete]
    values = [t.values[index] for t in complete if t.values is not None]
    best_numbers, best = _best_steps(numbers, values, max if is_maximised(study, index) else min)
    pruned = [t for t in trials if t.state is TrialState.PRUNED and t.intermediate_values]
    pruned_values = [
        t.values[index] if t.values else t.intermediate_values[max(t.intermediate_values)]
        for t in pruned
    ]
    failed = [t.number for t in trials if t.state is TrialState.FAIL]
    floor = min([*values, *pruned_values], default=0.0)
    label = target_label(study, index)
    figure = go.Figure(
        [
            go.Scatter(x=numbers, y=values, mode="markers", name="completed"),
            go.Scatter(x=best_numbers, y=best, mode="lines", name="best so far", line_shape="hv"),
            go.Scatter(
                x=[t.number for t in pruned],
                y=pruned_values,
                mode="markers",
                name="pruned",
                marker_symbol="triangle-down",
            ),
            go.Scatter(
                x=failed,
                y=[floor] * len(failed),
                mode="markers",
                name="failed",
                marker={"symbol": "x", "color": "red"},
            ),
        ]
    )
    figure.update_layout(title="Optimisation history", xaxis_title="trial", yaxis_title=label)
    return figure
