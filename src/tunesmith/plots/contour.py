"""Contour: the objective over two hyperparameters, interpolated between trials drawn on top."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tunesmith.analysis.targets import target_index, target_label
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.plots._plotly import go
from tunesmith.plots._trials import axis_type, completed_with_value, is_log
from tunesmith.space import Categorical, Distribution
from tunesmith.study import StudyBase

__all__ = ["plot_contour"]

# plotly grids scattered points over every distinct x by every distinct y: at thousands of
# trials, millions of cells, which the browser cannot draw. An axis with more distinct
# values than this is cut into this many cells, and the trials in a cell are averaged.
_MAX_CELLS = 60


def _cells(values: Sequence[Any], distribution: Distribution) -> tuple[list[Any], list[int]]:
    """An axis's cell labels, and each value's cell: its own value while few are distinct."""
    if isinstance(distribution, Categorical):
        distinct = [choice for choice in distribution.choices if choice in set(values)]
    else:
        distinct = sorted(set(values))
    if isinstance(distribution, Categorical) or len(distinct) <= _MAX_CELLS:
        where = {value: cell for cell, value in enumerate(distinct)}
        return distinct, [where[value] for value in values]
    log = is_log(distribution)
    scaled = np.log10(np.asarray(values, dtype=float)) if log else np.asarray(values, dtype=float)
    edges = np.linspace(scaled.min(), scaled.max(), _MAX_CELLS + 1)
    cells = np.clip(np.digitize(scaled, edges[1:-1]), 0, _MAX_CELLS - 1)
    centres = (edges[:-1] + edges[1:]) / 2
    return [float(c) for c in (10.0**centres if log else centres)], [int(c) for c in cells]


def _contour_grid(
    xs: list[Any], ys: list[Any], values: list[float], x_range: Distribution, y_range: Distribution
) -> dict[str, Any]:
    """A contour trace's x, y and z: the trials as they are, or averaged on a grid when many."""
    if len(set(xs)) <= _MAX_CELLS and len(set(ys)) <= _MAX_CELLS:
        return {"x": xs, "y": ys, "z": values}
    x_labels, x_cells = _cells(xs, x_range)
    y_labels, y_cells = _cells(ys, y_range)
    sums = np.zeros((len(y_labels), len(x_labels)))
    counts = np.zeros_like(sums)
    np.add.at(sums, (y_cells, x_cells), values)
    np.add.at(counts, (y_cells, x_cells), 1)
    with np.errstate(invalid="ignore"):
        means = sums / counts
    z = [[None if np.isnan(v) else float(v) for v in row] for row in means]
    return {"x": x_labels, "y": y_labels, "z": z}


def plot_contour(study: StudyBase, x: str, y: str, *, target: int | str | None = None) -> go.Figure:
    """The objective's contours over hyperparameters ``x`` and ``y``, and the trials that used both.

    Args:
        study: a study from any storage, finished or still running.
        x: the hyperparameter on the horizontal axis.
        y: the one on the vertical axis.
        target: the objective, by index or metric name; needed for several.

    Returns:
        A Figure: a "contour" trace (plotly interpolates between the trials;
        past 60 distinct values of a hyperparameter, between the mean values of
        a 60-cell grid, which a browser draws at 10,000 trials) and a
        "trials" marker trace.

    Raises:
        InvalidArgumentError: ``x`` or ``y`` is not a hyperparameter of the study, or they are equal.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_contour
    >>> study = tunesmith.create_study(sampler="random", seed=0)
    >>> study.optimize(lambda t: t.suggest_float("a", 0, 1) * t.suggest_float("b", 0, 1), n_trials=9)
    >>> len(plot_contour(study, "a", "b").data[1].x)
    9
    """  # noqa: E501 - a doctest line
    known = set(study.history.param_names)
    if x not in known or y not in known or x == y:
        raise InvalidArgumentError(
            f"The 'x' and 'y' arguments of plot_contour must be two different hyperparameters "
            f"of the study, among {sorted(known)}; got x={x!r}, y={y!r}."
        )
    index = target_index(study, target, "plot_contour")
    trials = [t for t in completed_with_value(study, index) if x in t.params and y in t.params]
    xs = [t.params[x] for t in trials]
    ys = [t.params[y] for t in trials]
    values = [t.values[index] for t in trials if t.values is not None]
    label = target_label(study, index)
    figure = go.Figure(
        [
            go.Contour(
                **(
                    _contour_grid(
                        xs, ys, values, trials[0].distributions[x], trials[0].distributions[y]
                    )
                    if trials
                    else {"x": [], "y": [], "z": []}
                ),
                name="contour",
                connectgaps=True,
                colorscale="Viridis",
                colorbar_title=label,
            ),
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name="trials",
                marker={"color": "white", "line": {"width": 1, "color": "black"}},
                text=[
                    f"trial {t.number}: {label} {v:.4g}"
                    for t, v in zip(trials, values, strict=True)
                ],
            ),
        ]
    )
    if trials:
        figure.update_xaxes(type=axis_type(trials[0].distributions[x]), title_text=x)
        figure.update_yaxes(type=axis_type(trials[0].distributions[y]), title_text=y)
    figure.update_layout(title=f"Contour of {label}")
    return figure
