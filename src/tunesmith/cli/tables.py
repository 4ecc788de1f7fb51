"""Rich tables of studies and trials, and the one-line summaries the commands print."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tunesmith.analysis import train_validation_gaps
from tunesmith.cli.console import print_line
from tunesmith.cli.fitted_table import Column, fitted_table
from tunesmith.cli.sampler_choice import sampler_choice_line
from tunesmith.formatting import format_count, format_hyperparameters, format_value
from tunesmith.history import default_reference
from tunesmith.history.budget import step_budget
from tunesmith.storage import StudySummary
from tunesmith.study import Study
from tunesmith.trial import (
    FAIL_REASON_ATTR,
    FrozenTrial,
    StudyDirection,
    TrialState,
)
from tunesmith.trial.user_attrs import MEAN_TRAIN_SCORE, N_PARAMETERS

__all__ = [
    "best_line",
    "failure_line",
    "format_count",
    "format_hyperparameters",
    "format_value",
    "hyperparameters_table",
    "hypervolume_line",
    "print_run_results",
    "pruning_line",
    "ranked_trials",
    "short_names",
    "states_line",
    "studies_table",
    "trials_table",
]

# How many of the best trials a run shows at its end.
TOP_TRIALS = 5


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
    width: int | None = None,
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

    No cell is split: within ``width`` terminal columns, the columns after the
    values that do not fit are left out, named in the caption (see
    ``tunesmith.cli.fitted_table``). A pipeline's hyperparameters are headed
    by their own names, without the step (see ``short_names``).
    """
    names = sorted({name for trial in trials for name in trial.params})
    stepped = show_state and any(trial.last_step is not None for trial in trials)
    sized = N_PARAMETERS not in (objective_names or ()) and any(
        N_PARAMETERS in trial.user_attrs for trial in trials
    )
    trained = any(MEAN_TRAIN_SCORE in trial.user_attrs for trial in trials)
    value_headers = _value_headers(directions, objective_names)
    rows: list[dict[Any, Any]] = []
    for trial in trials:
        values = list(trial.values) if trial.values else [None] * len(directions)
        duration = trial.duration.total_seconds() if trial.duration else None
        rows.append(
            {
                "trial": trial.number,
                "state": _state_label(trial),
                "last step": trial.last_step,
                **dict(zip(value_headers, values, strict=True)),
                **dict(
                    zip(("train score", "gap"), _train_and_gap(trial, directions[0]), strict=True)
                ),
                N_PARAMETERS: trial.user_attrs.get(N_PARAMETERS),
                # Keyed apart: a hyperparameter may be named like a column ("state").
                **{("hyperparameter", name): trial.params.get(name) for name in names},
                "duration (s)": None if duration is None else round(duration, 2),
            }
        )
    required = ["trial", *(["state"] if show_state else []), *(["last step"] if stepped else [])]
    required += value_headers
    optional = [*(["train score", "gap"] if trained else []), *([N_PARAMETERS] if sized else [])]
    keys: list[Any] = [*required, *optional, *(("hyperparameter", name) for name in names)]
    keys.append("duration (s)")
    headers = short_names(names)
    # A narrow terminal keeps the hyperparameters first, then the size, the train scores, the time.
    ranks = {N_PARAMETERS: 2, "train score": 3, "gap": 3, "duration (s)": 4}
    columns = [
        Column(
            headers[key[1]] if isinstance(key, tuple) else key,
            [(format_count if key == N_PARAMETERS else format_value)(row[key]) for row in rows],
            rank=1 if isinstance(key, tuple) else ranks.get(key, 0),
        )
        for key in keys
    ]
    return fitted_table(title, columns, width, n_required=len(required))


def short_names(names: Sequence[str]) -> dict[str, str]:
    """Each hyperparameter's header: its name after the last ``__`` when no other shares it.

    >>> short_names(["svc__C", "svc__gamma", "pca__n_components", "a__alpha", "b__alpha"])
    {'svc__C': 'C', 'svc__gamma': 'gamma', 'pca__n_components': 'n_components', \
'a__alpha': 'a__alpha', 'b__alpha': 'b__alpha'}
    """
    last = {name: name.rsplit("__", 1)[-1] for name in names}
    taken = Counter(last.values())
    return {name: last[name] if taken[last[name]] == 1 else name for name in names}


def _train_and_gap(trial: FrozenTrial, direction: StudyDirection) -> list[float | None]:
    train = trial.user_attrs.get(MEAN_TRAIN_SCORE)
    if not isinstance(train, int | float) or isinstance(train, bool) or not trial.values:
        return [None, None]
    maximize = direction is StudyDirection.MAXIMIZE
    gap = train_validation_gaps([train], [trial.values[0]], maximize=maximize)[0]
    return [float(train), float(gap)]


def hyperparameters_table(trial: FrozenTrial) -> Table:
    """One row per hyperparameter of ``trial``: its name and value, each on one line."""
    names = sorted(trial.params)
    columns = [
        Column("hyperparameter", names),
        Column("value", [format_value(trial.params[name]) for name in names]),
    ]
    return fitted_table(f"Hyperparameters of trial {trial.number}", columns, None)


def studies_table(summaries: Sequence[StudySummary], width: int | None = None) -> Table:
    """One row per study: name, directions, trials, completed trials, best value.

    Within ``width`` terminal columns, as ``trials_table``.
    """
    rows = [
        [
            summary.study_name,
            ", ".join(d.value for d in summary.directions),
            summary.n_trials,
            summary.n_complete,
            summary.best_values[0] if summary.best_values else None,
        ]
        for summary in summaries
    ]
    headers = ["study", "directions", "trials", "complete", "best value"]
    columns = [
        Column(header, [format_value(row[index]) for row in rows])
        for index, header in enumerate(headers)
    ]
    return fitted_table("Studies", columns, width)


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
    return (
        f"Best trial {best.number}: value {format_value(best.value)} with "
        f"{format_hyperparameters(best.params)}"
    )


def _state_label(trial: FrozenTrial) -> str:
    """The trial's state as the CLI names it: INTERRUPTED for a FAIL that Ctrl-C caused."""
    return "INTERRUPTED" if trial.interrupted else trial.state.name


def states_line(trials: Sequence[FrozenTrial]) -> str:
    """'N trials: a complete, b pruned, c failed', then any running, waiting, interrupted."""
    counts = Counter(_state_label(trial) for trial in trials)
    parts = [
        f"{counts[TrialState.COMPLETE.name]} complete",
        f"{counts[TrialState.PRUNED.name]} pruned",
        f"{counts[TrialState.FAIL.name]} failed",
    ]
    parts += [
        f"{counts[label]} {label.lower()}"
        for label in (TrialState.RUNNING.name, TrialState.WAITING.name, "INTERRUPTED")
        if counts[label]
    ]
    return f"{len(trials)} trials: {', '.join(parts)}"


def failure_line(trials: Sequence[FrozenTrial]) -> str | None:
    """Why the last failed trial failed, when any did."""
    reasons = [
        (trial.number, trial.system_attrs[FAIL_REASON_ATTR])
        for trial in trials
        if trial.state is TrialState.FAIL
        and FAIL_REASON_ATTR in trial.system_attrs
        and not trial.interrupted
    ]
    if not reasons:
        return None
    number, reason = reasons[-1]
    # An exception without a message gives a reason like "ValueError: ".
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
            shown,
            study.directions,
            title,
            show_state=False,
            objective_names=study.metric_names,
            width=console.width,
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
            print_line(console, Text(line))


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
