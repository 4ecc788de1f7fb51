"""Importance bar chart: each hyperparameter's share of the objective's variance."""

from __future__ import annotations

from tunesmith.analysis import Importance
from tunesmith.plots._plotly import go

__all__ = ["plot_importance"]


def plot_importance(result: Importance) -> go.Figure:
    """A horizontal bar per hyperparameter, the most important on top.

    A conditional hyperparameter's label says over how many trials it was measured.

    Args:
        result: what ``tunesmith.importance(study, ...)`` returned.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_importance
    >>> study = tunesmith.create_study(sampler="random", seed=0)
    >>> study.optimize(lambda t: t.suggest_float("x", 0, 1) + 0.1 * t.suggest_float("y", 0, 1), n_trials=30)
    >>> plot_importance(tunesmith.importance(study, seed=0)).data[0].y
    ('y', 'x')
    """  # noqa: E501 - a doctest line
    names = list(reversed(result.shares))
    labels = [
        name
        if result.n_trials_used[name] == result.n_trials
        else f"{name} ({result.n_trials_used[name]} of {result.n_trials} trials)"
        for name in names
    ]
    figure = go.Figure(
        go.Bar(
            x=[result.shares[name] for name in names],
            y=labels,
            orientation="h",
            text=[f"{result.shares[name]:.2f}" for name in names],
        )
    )
    method = {"fanova": "fANOVA", "ped_anova": "PED-ANOVA"}[result.method]
    figure.update_layout(
        title=f"Hyperparameter importance ({method}, {result.n_trials} trials)",
        xaxis_title="share of the objective's variance",
    )
    return figure
