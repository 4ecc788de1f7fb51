"""What the CLI says about how far to trust a study's best score.

``run`` (at its end), ``show`` and ``best`` print, when the study has what
each needs:

- the held-out test score of the chosen configuration, when the config had
  ``test_size`` (``tunesmith.analysis.held_out_score``); otherwise the best
  cross-validation score beside its selection-bias corrected estimate, from
  the trials' fold scores (``tunesmith.analysis.selection_bias``);
- a warning when the trial shown may overfit (its train score beats its
  validation score by more than ``overfit_gap`` and its fold noise, and a
  trial fitting less validates as well; ``tunesmith.analysis.overfitting``),
  and how many trials may.

A run stores the config's ``scoring`` and ``overfit_gap`` with the study
(``Study.analysis_settings``), so that ``show`` and ``best`` later say what
the run said.
"""

from __future__ import annotations

from rich.text import Text

from tunesmith.analysis import (
    HeldOutScore,
    TrainValidationGap,
    held_out_score,
    overfitting,
    selection_bias,
)
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.study import Study
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__all__ = [
    "chosen_trial",
    "estimate_line",
    "overfitting_lines",
    "trust_lines",
]

_REFERENCE = "Tibshirani & Tibshirani 2009"


def chosen_trial(study: Study, rule: str | None) -> FrozenTrial | None:
    """The trial ``rule`` selects; without one, the best score (the first objective).

    None when no trial has completed.
    """
    completed = [t for t in study.get_trials([TrialState.COMPLETE]) if t.values]
    if not completed:
        return None
    if rule is not None:
        return study.select(rule)
    sign = -1.0 if study.directions[0] is StudyDirection.MAXIMIZE else 1.0
    return min(completed, key=lambda t: (sign * t.values[0] if t.values else 0.0, t.number))


def _score(value: float) -> str:
    return f"{value:.3f}" if value == 0 or abs(value) >= 0.01 else f"{value:.3g}"


def _held_out_line(held: HeldOutScore, best: FrozenTrial | None) -> str:
    name = held.scoring
    who = "Best" if best is not None and best.number == held.trial_number else "Selected"
    return (
        f"{who} CV {name} {_score(held.cv_score)} (trial {held.trial_number}, optimistic) · "
        f"held-out test {name} {_score(held.test_score)} on {held.n_test_samples:,} samples"
    )


def estimate_line(study: Study, score_name: str) -> str | None:
    """The held-out test line, else the selection-bias line; None when neither applies."""
    held = held_out_score(study)
    if held is not None:
        return _held_out_line(held, chosen_trial(study, None))
    try:
        estimate = selection_bias(study)
    except (InvalidArgumentError, NoCompletedTrialsError):
        return None  # nothing completed, or no trial recorded its fold scores
    return (
        f"Best CV {score_name} {_score(estimate.best_cv_score)} (trial {estimate.trial_number}) "
        f"· selection-bias corrected estimate {_score(estimate.corrected_score)} ({_REFERENCE})"
    )


def overfitting_lines(study: Study, focus: FrozenTrial | None, max_gap: float) -> list[str]:
    """A warning when ``focus`` may overfit, and the count of trials that may; [] when none."""
    records = overfitting(study, max_gap=max_gap)
    flagged = [record for record in records if record.flagged]
    if not flagged:
        return []
    lines = [
        f"Trial {record.number} may overfit: train {_score(record.train)}, validation "
        f"{_score(record.validation)}, gap {_score(record.gap)} > {max_gap:g}" + _reference(record)
        for record in flagged
        if focus is not None and record.number == focus.number
    ]
    lines.append(
        f"{len(flagged)} of {len(records)} trials with a train score may overfit: they score "
        f"more than {max_gap:g} better on their training folds than on validation (the gap; "
        "overfit_gap in a config sets this floor), by more than their fold noise, "
        "and a trial that fitted its training folds less validated as well or better"
    )
    return lines


def _reference(record: TrainValidationGap) -> str:
    if record.fits_less_validates_better is None:
        return ""
    return f"; trial {record.fits_less_validates_better} fits less and validates as well"


def trust_lines(study: Study, focus: FrozenTrial | None = None) -> list[Text]:
    """The estimate line, then the overfitting lines (in yellow), as the commands print them.

    Args:
        study: the study.
        focus: the trial the command shows (the best or the selected one),
            warned about by number when it may overfit. None: the trial
            tested on held-out data, if any, else the best score.
    """
    if focus is None:
        held = held_out_score(study)
        numbered = {trial.number: trial for trial in study.trials}
        focus = chosen_trial(study, None) if held is None else numbered.get(held.trial_number)
    settings = study.analysis_settings
    line = estimate_line(study, settings.score_name)
    lines = [] if line is None else [Text(line)]
    warnings = overfitting_lines(study, focus, settings.overfit_gap)
    return lines + [Text(warning, style="yellow") for warning in warnings]
