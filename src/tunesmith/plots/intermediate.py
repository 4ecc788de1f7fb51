"""Learning curves: each trial's intermediate values by step, pruned trials marked at their end."""

from __future__ import annotations

from tunesmith.plots._plotly import go
from tunesmith.study import StudyBase
from tunesmith.trial import TrialState

__all__ = ["plot_intermediate_values"]


def plot_intermediate_values(study: StudyBase) -> go.Figure:
    """A line per trial that reported intermediate values; pruned trials marked at their last step.

    Args:
        study: a study from any storage, finished or still running.

    Returns:
        A Figure with one line trace per reporting trial (named ``trial N``)
        and a final "pruned" marker trace.

    >>> import tunesmith
    >>> from tunesmith.plots import plot_intermediate_values
    >>> study = tunesmith.create_study()
    >>> trial = study.ask()
    >>> trial.report(0.5, step=1)
    >>> _ = study.tell(trial, 0.4)
    >>> plot_intermediate_values(study).data[0].y
    (0.5,)
    """
    figure = go.Figure()
    pruned_steps: list[int] = []
    pruned_values: list[float] = []
    pruned_numbers: list[int] = []
    for trial in study.trials:
        if not trial.intermediate_values:
            continue
        steps = sorted(trial.intermediate_values)
        figure.add_trace(
            go.Scatter(
                x=steps,
                y=[trial.intermediate_values[step] for step in steps],
                mode="lines",
                name=f"trial {trial.number}",
                legendgroup=trial.state.name.lower(),
            )
        )
        if trial.state is TrialState.PRUNED:
            pruned_steps.append(steps[-1])
            pruned_values.append(trial.intermediate_values[steps[-1]])
            pruned_numbers.append(trial.number)
    figure.add_trace(
        go.Scatter(
            x=pruned_steps,
            y=pruned_values,
            mode="markers",
            name="pruned",
            marker={"symbol": "x", "color": "red", "size": 9},
            text=[f"trial {number}" for number in pruned_numbers],
        )
    )
    figure.update_layout(
        title="Intermediate values", xaxis_title="step", yaxis_title="intermediate value"
    )
    return figure
