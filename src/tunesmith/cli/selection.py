"""The line the CLI prints about the trial a selection rule chose (``--select``, ``select:``)."""

from __future__ import annotations

from tunesmith.cli.estimates import chosen_trial
from tunesmith.cli.tables import format_value
from tunesmith.study import Study
from tunesmith.trial import FrozenTrial
from tunesmith.trial.user_attrs import N_PARAMETERS

__all__ = ["selected_trial_line"]


def _size(trial: FrozenTrial) -> int | None:
    size = trial.user_attrs.get(N_PARAMETERS)
    return size if isinstance(size, int) and not isinstance(size, bool) else None


def _described(trial: FrozenTrial) -> str:
    values = ", ".join(format_value(value) for value in trial.values or ())
    text = f"trial {trial.number} (value{'s' if len(trial.values or ()) > 1 else ''} {values}"
    size = _size(trial)
    if size is not None:
        text += f", {size:,} parameters"
    return text + ")"


def selected_trial_line(study: Study, rule: str, chosen: FrozenTrial) -> str:
    """'Selected by RULE: trial N (value V, P parameters), Kx smaller than the best-scoring ...'.

    The best-scoring trial (by the first objective) is named beside the chosen
    one when they differ, with how many times more parameters it has when
    both sizes are known, so the price and the gain of a smaller model show.
    """
    line = f"Selected by {rule.strip()}: {_described(chosen)}"
    best = chosen_trial(study, None)
    if best is None or best.number == chosen.number:
        return line
    best_size, chosen_size = _size(best), _size(chosen)
    if best_size is not None and chosen_size:
        ratio = best_size / chosen_size
        return f"{line}, {ratio:.1f}x smaller than the best-scoring {_described(best)}"
    return f"{line}; the best-scoring is {_described(best)}"
