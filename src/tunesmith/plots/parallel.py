"""Parallel coordinates: every completed trial as a line across its hyperparameters and value."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from tunesmith.analysis.targets import target_index, target_label
from tunesmith.plots._plotly import go
from tunesmith.plots._trials import completed_with_value, is_log, sorted_param_names
from tunesmith.space import Categorical
from tunesmith.study import StudyBase
from tunesmith.trial import FrozenTrial

__all__ = ["UNUSED", "plot_parallel_coordinates"]

UNUSED = "unused"


def _dimension(name: str, trials: list[FrozenTrial]) -> dict[str, Any]:
    """One axis: categorical choices as ticks, log ranges in log10, and an 'unused' tick.

    A conditional hyperparameter is not dropped: the trials that did not use it
    cross its axis at a tick of its own below the range.
    """
    distribution = next(t.distributions[name] for t in trials if name in t.params)
    ticks: list[float]
    if isinstance(distribution, Categorical):
        ticks = [float(i) for i in range(len(distribution.choices))]
        texts = [str(choice) for choice in distribution.choices]
        positions = [
            float(distribution.index(t.params[name])) if name in t.params else math.nan
            for t in trials
        ]
    else:
        log = is_log(distribution)
        positions = [
            (math.log10(t.params[name]) if log else float(t.params[name]))
            if name in t.params
            else math.nan
            for t in trials
        ]
        used = [p for p in positions if not math.isnan(p)]
        ticks = sorted({min(used), max(used)})
        texts = [f"{10**tick:.3g}" if log else f"{tick:.3g}" for tick in ticks]
    if any(math.isnan(p) for p in positions):
        low, high = min(ticks), max(ticks)
        below = low - max(0.1 * (high - low), 1.0 if isinstance(distribution, Categorical) else 0.1)
        positions = [below if math.isnan(p) else p for p in positions]
        ticks, texts = [below, *ticks], [UNUSED, *texts]
    return {"label": name, "values": positions, "tickvals": ticks, "ticktext": texts}


def plot_parallel_coordinates(
    study: StudyBase, *, params: Sequence[str] | None = None, target: int | str | None = None
) -> go.Figure:
    """A line per completed trial through the objective's axis and one axis per hyperparameter.

    Args:
        study: a study from any storage, finished or still running.
        params: the hyperparameters, one axis each; all of them when None.
        target: the objective (the first axis and the lines' colour).

    >>> import tunesmith
    >>> from tunesmith.plots import plot_parallel_coordinates
    >>> study = tunesmith.create_study(sampler="random", seed=0)
    >>> study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=5)
    >>> [d.label for d in plot_parallel_coordinates(study).data[0].dimensions]
    ['value', 'x']
    """
    index = target_index(study, target, "plot_parallel_coordinates")
    trials = completed_with_value(study, index)
    names = sorted_param_names(trials, None if params is None else list(params))
    values = [t.values[index] for t in trials if t.values is not None]
    label = target_label(study, index)
    dimensions = [{"label": label, "values": values}]
    dimensions += [_dimension(name, trials) for name in names if trials]
    figure = go.Figure(
        go.Parcoords(
            line={"color": values, "colorscale": "Viridis", "showscale": True},
            dimensions=dimensions,
        )
    )
    figure.update_layout(title="Parallel coordinates")
    return figure
