"""The line the CLI prints about the trial a selection rule chose (``--select``, ``select:``)."""

from __future__ import annotations

from tunesmith.cli.tables import format_value
from tunesmith.study import Study
from tunesmith.trial import FrozenTrial
from tunesmith.trial.user_attrs import N_PARAMETERS

__all__ = ["selected_trial_line"]


def _described(trial: FrozenTrial) -> str:
    values = ", ".join(format_value(value) for value in trial.values or ())
    text = f"trial {trial.number} (value{'s' if len(trial.values or ()) > 1 else ''} {values}"
    size = trial.user_attrs.get(N_PARAMETERS)
    if isinstance(size, int):
        text += f", {size:,} parameters"
    return text + ")"


def selected_trial_line(study: Study, rule: str, chosen: FrozenTrial) -> str:
    """'Selected by RULE: trial N (value V, P parameters); the best is trial M (...)'.

    The best trial is named beside the chosen one for a single-objective
    study when they differ, so the price of a smaller model shows.
    """
    line = f"Selected by {rule.strip()}: {_described(chosen)}"
    if not study.is_multi_objective:
        best = study.best_trial
        if best.number != chosen.number:
            line += f"; the best is {_described(best)}"
    return line
