"""What the CLI says about how far to trust a study's best score.

``run`` (at its end), ``show`` and ``best`` print, when the study has what
each needs:

- the held-out test score of the chosen configuration, when the config had
  ``test_size`` (``tunesmith.analysis.held_out_score``); otherwise the best
  cross-validation score beside its selection-bias corrected estimate, from
  the trials' fold scores (``tunesmith.analysis.selection_bias``);
- a warning when the trial shown may overfit (its train score beats its
  validation score by more than ``overfit_gap``), and how many trials may.

A run keeps the config's ``scoring`` and ``overfit_gap`` with the study (a
system attribute), so that ``show`` and ``best`` later say what the run said.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from tunesmith.analysis import (
    DEFAULT_MAX_GAP,
    HeldOutScore,
    held_out_score,
    overfitting,
    selection_bias,
)
from tunesmith.cli.config import RunConfig
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.study import Study
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__all__ = [
    "REPORT_SETTINGS_ATTR",
    "ReportSettings",
    "chosen_trial",
    "estimate_line",
    "overfitting_lines",
    "remember_report_settings",
    "report_settings",
    "trust_lines",
]

# The study system attribute holding the settings of the run that made the study.
REPORT_SETTINGS_ATTR = "cli_report_settings"

_REFERENCE = "Tibshirani & Tibshirani 2009"


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """How the lines name the score and where overfitting starts.

    Attributes:
        score_name: the scorer's name (``accuracy``), or ``score``.
        overfit_gap: the train-validation gap above which a trial is flagged.
        objective_names: what each objective is (``accuracy``, ``n_parameters``)
            for an estimator config; None when the objectives have no names.
    """

    score_name: str
    overfit_gap: float
    objective_names: tuple[str, ...] | None = None


def remember_report_settings(study: Study, config: RunConfig) -> None:
    """Keep the config's ``scoring``, ``overfit_gap`` and objective names with the study."""
    names = None
    if config.estimator is not None:
        score_name = config.scoring if isinstance(config.scoring, str) else "score"
        objectives = config.objectives or ["score"]
        names = [score_name if name == "score" else name for name in objectives]
    settings = {
        "scoring": config.scoring,
        "overfit_gap": config.overfit_gap,
        "objective_names": names,
    }
    study.storage.set_study_system_attr(study.study_id, REPORT_SETTINGS_ATTR, settings)


def report_settings(study: Study) -> ReportSettings:
    """The settings a run kept with the study; defaults for a study made in Python."""
    stored = study.system_attrs.get(REPORT_SETTINGS_ATTR) or {}
    names = stored.get("objective_names")
    return ReportSettings(
        score_name=stored.get("scoring") or "score",
        overfit_gap=float(stored.get("overfit_gap", DEFAULT_MAX_GAP)),
        objective_names=tuple(names) if names else None,
    )


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
        f"{_score(record.validation)}, gap {_score(record.gap)} > {max_gap:g}"
        for record in flagged
        if focus is not None and record.number == focus.number
    ]
    lines.append(
        f"{len(flagged)} of {len(records)} trials with a train score may overfit: they score "
        f"more than {max_gap:g} better on their training folds than on validation (the gap "
        "column; overfit_gap in a config sets the threshold)"
    )
    return lines


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
    settings = report_settings(study)
    line = estimate_line(study, settings.score_name)
    lines = [] if line is None else [Text(line)]
    warnings = overfitting_lines(study, focus, settings.overfit_gap)
    return lines + [Text(warning, style="yellow") for warning in warnings]
