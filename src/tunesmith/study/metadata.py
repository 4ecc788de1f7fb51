"""What a study says about itself beyond its trials: its metric names and analysis settings.

Both are stored with the study (as study system attributes, named here and
nowhere else), so every process that loads the study from the same storage
reads them, and ``copy_study`` carries them along. ``Study.set_metric_names``
and ``Study.set_analysis_settings`` write them; ``Study.metric_names`` and
``Study.analysis_settings`` read them.

Studies made by tunesmith 0.1's command line kept their score name, overfit
gap and objective names in one CLI attribute instead; the readers here fall
back to it, so such a study reads as it always did.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study.selection import ACCEPTED_FORMS, parse_selection_rule

__all__ = [
    "ANALYSIS_SETTINGS_ATTR",
    "DEFAULT_MAX_GAP",
    "METRIC_NAMES_ATTR",
    "AnalysisSettings",
    "check_metric_names",
    "stored_analysis_settings",
    "stored_metric_names",
]

# The study system attributes holding the metric names (a list of strings) and the
# analysis settings (``AnalysisSettings.to_stored``).
METRIC_NAMES_ATTR = "metric_names"
ANALYSIS_SETTINGS_ATTR = "analysis_settings"
# Where the command line of tunesmith 0.1 kept both: {"scoring", "overfit_gap",
# "objective_names"}. Read only, for studies stored by that version.
_LEGACY_CLI_SETTINGS_ATTR = "cli_report_settings"

# A train score 0.05 above validation (five points of accuracy) is worth a look.
DEFAULT_MAX_GAP = 0.05


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """How a study's results are to be read: the score's name, where overfitting starts, the rule.

    A ``tunesmith run`` stores its config's ``scoring``, ``overfit_gap`` and
    ``select`` this way, so that ``show``, ``best``, reports and your own
    code later read the study as the run did.

    Attributes:
        score_name: what the first objective is called in sentences about it
            (``accuracy``); ``score`` when nothing better is known.
        overfit_gap: the floor of the overfitting check: a trial whose
            train-validation gap, in the score's units, is at most this is
            never flagged as possibly overfitting; above it, the fold noise
            and the other trials decide (``tunesmith.analysis.overfitting``).
        selection_rule: the rule choosing the study's answer
            (``smallest_within:1se``; see ``tunesmith.study.selection``), or
            None when the best trial is the answer.

    Raises:
        InvalidArgumentError: an empty score name, a gap that is not a finite
            number >= 0, or a malformed rule.

    >>> AnalysisSettings(score_name="accuracy", selection_rule="smallest_within:1se")
    AnalysisSettings(score_name='accuracy', overfit_gap=0.05, selection_rule='smallest_within:1se')
    """

    score_name: str = "score"
    overfit_gap: float = DEFAULT_MAX_GAP
    selection_rule: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.score_name, str) or not self.score_name.strip():
            raise InvalidArgumentError(
                "The 'score_name' argument of AnalysisSettings must be a non-empty string; "
                f"got {self.score_name!r}."
            )
        gap: object = self.overfit_gap  # typed float, but built from any config or JSON
        if isinstance(gap, bool) or not isinstance(gap, Real) or not math.isfinite(gap) or gap < 0:
            raise InvalidArgumentError(
                "The 'overfit_gap' argument of AnalysisSettings must be a finite number >= 0 "
                f"(a train-validation gap in the score's units); got {gap!r}."
            )
        if self.selection_rule is not None:
            try:
                parse_selection_rule(self.selection_rule)
            except InvalidArgumentError:
                raise InvalidArgumentError(
                    f"The 'selection_rule' argument of AnalysisSettings must be None or "
                    f"{ACCEPTED_FORMS}; got {self.selection_rule!r}."
                ) from None

    def to_stored(self) -> dict[str, Any]:
        """The settings as the JSON object the storage keeps."""
        return {
            "score_name": self.score_name,
            "overfit_gap": float(self.overfit_gap),
            "selection_rule": self.selection_rule,
        }


def check_metric_names(names: object, n_objectives: int) -> tuple[str, ...]:
    """``names`` as a tuple, refused unless it is ``n_objectives`` distinct non-empty strings.

    Raises:
        InvalidArgumentError: naming the argument, the rule and the value.
    """
    valid = (
        not isinstance(names, str)
        and isinstance(names, Sequence)
        and len(names) == n_objectives
        and all(isinstance(name, str) and name.strip() for name in names)
        and len(set(names)) == len(names)
    )
    if not valid:
        plural = "s" if n_objectives > 1 else ""
        raise InvalidArgumentError(
            f"The 'names' argument of set_metric_names must be a list of {n_objectives} "
            f"distinct non-empty string{plural}, one per objective of the study (it has "
            f"{n_objectives} direction{plural}); got {names!r}."
        )
    assert isinstance(names, Sequence)
    return tuple(names)


def _legacy_cli_settings(system_attrs: Mapping[str, Any]) -> Mapping[str, Any]:
    stored = system_attrs.get(_LEGACY_CLI_SETTINGS_ATTR)
    return stored if isinstance(stored, Mapping) else {}


def stored_metric_names(system_attrs: Mapping[str, Any]) -> list[str] | None:
    """The metric names among a study's system attributes; None when none were set."""
    names = system_attrs.get(METRIC_NAMES_ATTR)
    if names is None:
        names = _legacy_cli_settings(system_attrs).get("objective_names")
    return list(names) if names else None


def stored_analysis_settings(system_attrs: Mapping[str, Any]) -> AnalysisSettings:
    """The analysis settings among a study's system attributes; the defaults when none were set."""
    stored = system_attrs.get(ANALYSIS_SETTINGS_ATTR)
    if isinstance(stored, Mapping):
        return AnalysisSettings(
            score_name=stored.get("score_name") or "score",
            overfit_gap=float(stored.get("overfit_gap", DEFAULT_MAX_GAP)),
            selection_rule=stored.get("selection_rule"),
        )
    legacy = _legacy_cli_settings(system_attrs)
    return AnalysisSettings(
        score_name=legacy.get("scoring") or "score",
        overfit_gap=float(legacy.get("overfit_gap", DEFAULT_MAX_GAP)),
    )
