"""Rich tables of studies and trials, and the one-line summaries the commands print."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tunesmith.analysis import train_validation_gaps
from tunesmith.cli.sampler_choice import sampler_choice_line
from tunesmith.history import default_reference
from tunesmith.history.budget import step_budget
from tunesmith.storage import StudySummary
from tunesmith.study import Study
from tunesmith.trial import FAIL_REASON_ATTR, FrozenTrial, StudyDirection, TrialState
from tunesmith.trial.user_attrs import MEAN_TRAIN_SCORE, N_PARAMETERS

__all__ = [
    "best_line",
    "failure_line",
    "format_value",
    "hyperparameters_table",
    "hypervolume_line",
    "print_run_results",
    "pruning_line",
    "ranked_trials",
    "states_line",
    "studies_table",
    "trials_table",
]

# How many of the best trials a run shows at its end.
TOP_TRIALS = 5


def format_value(value: Any) -> str:
    """A value as a table cell: numbers to 6 significant digits, nothing as '-'."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _cells(values: Sequence[Any]) -> list[Text]:
    # Text, not str: rich would read "[...]" in a value as markup.
    return [Text(format_value(value)) for value in values]


def _value_headers(
    directions: Sequence[StudyDirection], objective_names: Sequence[str] | None
) -> list[str]:
    if objective_names is not None and len(objective_names) == len(directions):
        return [f"{name} ({d.value})" for name, d in zip(objective_names, directions, strict=True)]
    if len(directions) == 1:
        return [f"value ({directions[0].value})"]
    return [f"value {index} ({d.value})" for index, d in enumerate(directions)]


def trials_table(
    trials: Sequence[FrozenTrial],
    directions: Sequence[StudyDirection],
    title: str,
    *,
    show_state: bool = True,
    objective_names: Sequence[str] | None = None,
) -> Table:
    """One row per trial: number, state (if show_state), value(s), size, hyperparameters, duration.

    The value columns are headed by ``objective_names`` (``accuracy``,
    ``n_parameters``) when given, else "value". The size column,
    n_parameters, is shown when a trial recorded its model's parameter count
    (estimator-based studies do) and no objective is that count. Beside the state, a "last
    step" column shows where each trial stopped, when any reported a step.
    After the value(s), "train score" and "gap" (how much better the train
    score is than the first value; see ``tunesmith.analysis.overfitting``)
    are shown when a trial recorded its mean train score.
    """
    names = sorted({name for trial in trials for name in trial.params})
    stepped = show_state and any(trial.last_step is not None for trial in trials)
    state_header = (["state"] if show_state else []) + (["last step"] if stepped else [])
    sized = N_PARAMETERS not in (objective_names or ()) and any(
        N_PARAMETERS in trial.user_attrs for trial in trials
    )
    size_header = [N_PARAMETERS] if sized else []
    trained = any(MEAN_TRAIN_SCORE in trial.user_attrs for trial in trials)
    train_header = ["train score", "gap"] if trained else []
    table = Table(title=Text(title))
    value_headers = _value_headers(directions, objective_names)
    headers = [*value_headers, *train_header, *size_header, *names, "duration (s)"]
    for header in ["trial", *state_header, *headers]:
        table.add_column(Text(header), overflow="fold")
    for trial in trials:
        values = list(trial.values) if trial.values else [None] * len(directions)
        duration = trial.duration.total_seconds() if trial.duration else None
        row = [
            trial.number,
            *([trial.state.name] if show_state else []),
            *([trial.last_step] if stepped else []),
            *values,
            *(_train_and_gap(trial, directions[0]) if trained else []),
            *([trial.user_attrs.get(N_PARAMETERS)] if sized else []),
            *(trial.params.get(name) for name in names),
            None if duration is None else round(duration, 2),
        ]
        table.add_row(*_cells(row))
    return table


def _train_and_gap(trial: FrozenTrial, direction: StudyDirection) -> list[float | None]:
    train = trial.user_attrs.get(MEAN_TRAIN_SCORE)
    if not isinstance(train, int | float) or isinstance(train, bool) or not trial.values:
        return [None, None]
    maximize = direction is StudyDirection.MAXIMIZE
    gap = train_validation_gaps([train], [trial.values[0]], maximize=maximize)[0]
    return [float(train), float(gap)]


def hyperparameters_table(trial: FrozenTrial) -> Table:
    """One row per hyperparameter of ``trial``: its name and value."""
    table = Table(title=Text(f"Hyperparameters of trial {trial.number}"))
    table.add_column("hyperparameter")
    table.add_column("value")
    for name in sorted(trial.params):
        table.add_row(*_cells([name, trial.params[name]]))
    return table


def studies_table(summaries: Sequence[StudySummary]) -> Table:
    """One row per study: name, directions, trials, completed trials, best value."""
    table = Table(title=Text("Studies"))
    for header in ["study", "directions", "trials", "complete", "best value"]:
        table.add_column(Text(header), overflow="fold")
    for summary in summaries:
        best = summary.best_values[0] if summary.best_values else None
        directions = ", ".join(d.value for d in summary.directions)
        table.add_row(
            *_cells([summary.study_name, directions, summary.n_trials, summary.n_complete, best])
        )
    return table


def ranked_trials(study: Study) -> list[FrozenTrial]:
    """Completed trials best first; for several objectives, the Pareto front by number."""
    if study.is_multi_objective:
        return sorted(study.best_trials, key=lambda trial: trial.number)
    sign = -1.0 if study.direction is StudyDirection.MAXIMIZE else 1.0
    scored = [(t.values[0], t) for t in study.get_trials([TrialState.COMPLETE]) if t.values]
    return [t for _, t in sorted(scored, key=lambda pair: (sign * pair[0], pair[1].number))]


def best_line(study: Study) -> str | None:
    """'Best trial N: value V with {...}' for one objective; None before any completes."""
    ranked = ranked_trials(study)
    if study.is_multi_objective or not ranked:
        return None
    best = ranked[0]
    return f"Best trial {best.number}: value {format_value(best.value)} with {dict(best.params)}"


def states_line(trials: Sequence[FrozenTrial]) -> str:
    """'N trials: a complete, b pruned, c failed' (and running or waiting ones, if any)."""
    counts = Counter(trial.state for trial in trials)
    parts = [
        f"{counts[TrialState.COMPLETE]} complete",
        f"{counts[TrialState.PRUNED]} pruned",
        f"{counts[TrialState.FAIL]} failed",
    ]
    parts += [
        f"{counts[state]} {state.name.lower()}"
        for state in (TrialState.RUNNING, TrialState.WAITING)
        if counts[state]
    ]
    return f"{len(trials)} trials: {', '.join(parts)}"


def failure_line(trials: Sequence[FrozenTrial]) -> str | None:
    """Why the last failed trial failed, when any did."""
    reasons = [
        (trial.number, trial.system_attrs[FAIL_REASON_ATTR])
        for trial in trials
        if trial.state is TrialState.FAIL and FAIL_REASON_ATTR in trial.system_attrs
    ]
    if not reasons:
        return None
    number, reason = reasons[-1]
    # A KeyboardInterrupt's reason is "KeyboardInterrupt: " with nothing after the colon.
    return f"Trial {number} failed: {str(reason).rstrip(': ')}"


def print_run_results(console: Console, study: Study) -> None:
    """What a run ends with: best trials (or Pareto front), then best, states, sampler, pruning."""
    ranked = ranked_trials(study)
    if ranked:
        if study.is_multi_objective:
            title, shown = f"Pareto front of {study.study_name}", ranked
        else:
            shown = ranked[:TOP_TRIALS]
            title = f"Top {len(shown)} trials of {study.study_name}"
        table = trials_table(
            shown, study.directions, title, show_state=False, objective_names=study.metric_names
        )
        console.print(table)
    trials = study.trials
    lines = (
        best_line(study),
        hypervolume_line(study),
        states_line(trials),
        sampler_choice_line(trials),
        pruning_line(study),
        failure_line(trials),
    )
    for line in lines:
        if line is not None:
            console.print(Text(line), soft_wrap=True)


def pruning_line(study: Study) -> str | None:
    """'Pruned P of N trials: S training steps instead of U without pruning (...)'.

    None when no trial was pruned (nothing was saved, and a study without a
    pruner has nothing to say). Steps are counted as ``step_budget`` counts
    them; see ``tunesmith.history.budget``.
    """
    budget = step_budget(study.history)
    if budget is None or budget.n_pruned == 0:
        return None
    line = (
        f"Pruned {budget.n_pruned} of {budget.n_trials} trials: {budget.steps_trained:,} "
        f"training steps instead of {budget.steps_unpruned:,} without pruning"
    )
    if budget.steps_saved > 0:
        line += f" ({budget.steps_saved:,} saved, {budget.times_fewer:.1f}x fewer)"
    return line


def hypervolume_line(study: Study) -> str | None:
    """'Hypervolume of the Pareto front: H (reference R: ...)' for several objectives.

    None for one objective, or before any trial completes. The reference is
    the study's default (see ``Study.hypervolume``), printed so that runs can
    be compared against one reference in Python.
    """
    if not study.is_multi_objective:
        return None
    completed = [t.values for t in study.get_trials([TrialState.COMPLETE]) if t.values]
    if not completed:
        return None
    reference = default_reference(completed, study.directions)
    volume = study.hypervolume(reference=list(reference))
    shown = ", ".join(format_value(float(value)) for value in reference)
    return (
        f"Hypervolume of the Pareto front: {format_value(volume)} (reference point ({shown}): "
        "the worst completed values plus a tenth of their range)"
    )
