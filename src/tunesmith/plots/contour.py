"""Contour: the objective over two hyperparameters, interpolated between trials drawn on top."""

from __future__ import annotations

from tunesmith.analysis.targets import target_index, target_label
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.plots._plotly import go
from tunesmith.plots._trials import axis_type, completed_with_value
from tunesmith.study import StudyBase

__all__ = ["plot_contour"]


def plot_contour(study: StudyBase, x: str, y: str, *, target: int | str | None = None) -> go.Figure:
    """The objective's contours over hyperparameters ``x`` and ``y``, and the trials that used both.

    Args:
        study: a study from any storage, finished or still running.
        x: the hyperparameter on the horizontal axis.
        y: the one on the vertical axis.
        target: the objective, by index or metric name; needed for several.

    Returns:
        A Figure: a "contour" trace (plotly interpolates between the trials)
        and a "trials" marker trace.

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
                x=xs,
                y=ys,
                z=values,
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
