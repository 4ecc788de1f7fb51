"""Pareto front: trials of a study of 2 or 3 objectives, the non-dominated ones highlighted."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tunesmith.analysis.targets import target_index, target_label
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.history import non_dominated_mask
from tunesmith.plots._plotly import go
from tunesmith.plots._trials import is_maximised
from tunesmith.study import StudyBase
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["plot_pareto_front"]


def _points(trials: list[FrozenTrial], indices: list[int]) -> list[list[float]]:
    """Each trial's values of ``indices``, one list per axis."""
    return [[t.values[i] for t in trials if t.values is not None] for i in indices]


def plot_pareto_front(
    study: StudyBase,
    *,
    targets: Sequence[int | str] | None = None,
    selected: FrozenTrial | None = None,
) -> go.Figure:
    """The completed trials in objective space: the Pareto front, the rest, and a selected trial.

    Args:
        study: a study of 2 or more objectives, from any storage.
        targets: the 2 or 3 objectives drawn (index or metric name); all of
            them when None and the study has 2 or 3.
        selected: a trial to mark, for example ``study.select("smallest_within:1se")``.

    Raises:
        InvalidArgumentError: not 2 or 3 targets.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_pareto_front
    >>> study = tunesmith.create_study(directions=["minimize", "minimize"], sampler="random", seed=0)
    >>> study.optimize(lambda t: (t.suggest_float("x", 0, 1), 1 - t.suggest_float("x", 0, 1)), n_trials=5)
    >>> [trace.name for trace in plot_pareto_front(study).data]
    ['Pareto front', 'dominated']
    """  # noqa: E501 - a doctest line
    chosen = list(range(len(study.directions))) if targets is None else list(targets)
    if len(chosen) not in (2, 3):
        raise InvalidArgumentError(
            "The 'targets' argument of plot_pareto_front must name 2 or 3 objectives; "
            f"got {targets!r} for a study of {len(study.directions)} objectives."
        )
    indices = [target_index(study, t, "plot_pareto_front") for t in chosen]
    trials = [t for t in study.get_trials([TrialState.COMPLETE]) if t.values is not None]
    signs = np.array([-1.0 if is_maximised(study, i) else 1.0 for i in indices])
    minimised = np.array(_points(trials, indices), dtype=np.float64).T.reshape(-1, len(indices))
    on_front = non_dominated_mask(minimised * signs) if trials else np.zeros(0, dtype=bool)
    groups = [
        ("Pareto front", [t for t, front in zip(trials, on_front, strict=True) if front]),
        ("dominated", [t for t, front in zip(trials, on_front, strict=True) if not front]),
    ]
    if selected is not None:
        groups.append(("selected", [selected]))
    figure = go.Figure()
    for name, group in groups:
        axes = _points(group, indices)
        selected_symbol = "star" if len(indices) == 2 else "diamond"
        marker = {"symbol": selected_symbol, "size": 14} if name == "selected" else {}
        text = [f"trial {t.number}" for t in group]
        if len(indices) == 2:
            trace = go.Scatter(x=axes[0], y=axes[1], mode="markers", name=name, marker=marker)
        else:
            trace = go.Scatter3d(
                x=axes[0], y=axes[1], z=axes[2], mode="markers", name=name, marker=marker
            )
        figure.add_trace(trace.update(text=text))
    labels = [target_label(study, i) for i in indices]
    if len(indices) == 2:
        figure.update_layout(xaxis_title=labels[0], yaxis_title=labels[1])
    else:
        figure.update_layout(
            scene={"xaxis_title": labels[0], "yaxis_title": labels[1], "zaxis_title": labels[2]}
        )
    figure.update_layout(title="Pareto front")
    return figure
