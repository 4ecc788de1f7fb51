"""The line the CLI prints about the trial a selection rule chose (``--select``, ``select:``)."""

from __future__ import annotations

from tunesmith.cli.estimates import chosen_trial
from tunesmith.formatting import format_value
from tunesmith.study import Study
from tunesmith.study.selection import trial_size
from tunesmith.trial import FrozenTrial

__all__ = ["selected_trial_line"]


def _described(trial: FrozenTrial, study: Study) -> str:
    values = list(trial.values or ())
    size = trial_size(trial, study.directions)
    if size is not None and len(values) == 2 and values[1] == size:
        values = values[:1]  # the second objective is the size, shown once, as a size
    shown = ", ".join(format_value(value) for value in values)
    text = f"trial {trial.number} (value{'s' if len(values) > 1 else ''} {shown}"
    if size is not None:
        text += f", {size:,.0f} parameters"
    return text + ")"


def selected_trial_line(study: Study, rule: str, chosen: FrozenTrial) -> str:
    """'Selected by RULE: trial N (value V, P parameters), Kx smaller than the best-scoring ...'.

    The best-scoring trial (by the first objective) is named beside the chosen
    one when they differ, with how many times more parameters it has when
    both sizes are known, so the price and the gain of a smaller model show.
    """
    line = f"Selected by {rule.strip()}: {_described(chosen, study)}"
    best = chosen_trial(study, None)
    if best is None or best.number == chosen.number:
        return line
    best_size = trial_size(best, study.directions)
    chosen_size = trial_size(chosen, study.directions)
    if best_size is not None and chosen_size:
        ratio = best_size / chosen_size
        return f"{line}, {ratio:.1f}x smaller than the best-scoring {_described(best, study)}"
    return f"{line}; the best-scoring is {_described(best, study)}"
