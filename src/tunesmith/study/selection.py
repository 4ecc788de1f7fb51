"""Selection rules: which completed trial a study hands back as its answer.

A rule is a string, the same in Python (``study.select(rule)``), in configs
(``select:``) and on the command line (``--select``):

- ``"best"``: the trial with the best value. For several objectives there is
  one only when a single trial is best in all of them (the Pareto front is
  one trial); otherwise the rule is refused, as the choice is the user's.
- ``"smallest_within:1se"``: the model with the fewest parameters among the
  trials whose score is within one standard error of the best score (the
  "one standard error rule"); ``2se``, ``0.5se`` and so on scale it. The
  standard error is that of the best trial's mean cross-validation score:
  the sample standard deviation of its fold scores (user attributes
  ``split0_test_score``, ``split1_test_score``, ...) over the square root of
  the number of folds.
- ``"smallest_within:0.005"``: the same, within an absolute tolerance.
- ``"smallest_within:1%"``: the same, within a tolerance relative to the
  magnitude of the best score.

The score is the first objective, in its direction (maximised accuracy or
minimised loss alike). A trial's size is its user attribute
``n_parameters`` (recorded by the scikit-learn objective);
failing that, in a study of two objectives whose second is minimised, the
second objective's value (``directions=["maximize", "minimize"]`` with the
parameter count returned second). Ties in size go to the better score, then
to the lower trial number.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.history import non_dominated_mask
from tunesmith.trial import FrozenTrial, StudyDirection
from tunesmith.trial.user_attrs import N_PARAMETERS, fold_test_score, fold_test_scores

__all__ = ["SelectionRule", "parse_selection_rule", "select_trial", "trial_size"]

Tolerance = Literal["none", "standard_errors", "absolute", "relative"]

ACCEPTED_FORMS = (
    "'best', 'smallest_within:<k>se' (k standard errors of the best score, e.g. 1se), "
    "'smallest_within:<tolerance>' (absolute, e.g. 0.005) or "
    "'smallest_within:<percent>%' (relative to the best score, e.g. 1%)"
)

_NUMBER = r"(\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_SMALLEST_WITHIN = re.compile(rf"^smallest_within:(?P<amount>{_NUMBER})(?P<unit>se|%)?$")

# Scores this close (relative to the tolerance) count as within it, so that 0.945 is
# within 0.005 of 0.95 although the subtraction gives 0.0050000000000000044.
_ROUNDING = 1e-9


@dataclass(frozen=True, slots=True)
class SelectionRule:
    """A parsed selection rule.

    Attributes:
        text: the rule as written.
        tolerance: ``"none"`` for "best"; otherwise how ``amount`` reads:
            ``"standard_errors"``, ``"absolute"`` or ``"relative"`` (a percentage).
        amount: the tolerance's size (0 for "best").
    """

    text: str
    tolerance: Tolerance
    amount: float

    @property
    def is_best(self) -> bool:
        return self.tolerance == "none"


def parse_selection_rule(rule: str) -> SelectionRule:
    """Read a rule string; see the module's docstring for the forms.

    Raises:
        InvalidArgumentError: a rule of no accepted form, naming the forms.

    >>> parse_selection_rule("smallest_within:1se")
    SelectionRule(text='smallest_within:1se', tolerance='standard_errors', amount=1.0)
    >>> parse_selection_rule("smallest_within:1%").amount
    1.0
    """
    text = rule.strip() if isinstance(rule, str) else None
    if text == "best":
        return SelectionRule(text=text, tolerance="none", amount=0.0)
    match = _SMALLEST_WITHIN.match(text or "")
    if text is None or match is None:
        raise InvalidArgumentError(f"The selection rule must be {ACCEPTED_FORMS}; got {rule!r}.")
    amount = float(match["amount"])
    units: dict[str | None, Tolerance] = {
        "se": "standard_errors",
        "%": "relative",
        None: "absolute",
    }
    tolerance = units[match["unit"]]
    return SelectionRule(text=text, tolerance=tolerance, amount=amount)


def select_trial(
    trials: Sequence[FrozenTrial],
    directions: Sequence[StudyDirection],
    rule: str | SelectionRule,
    study_name: str,
) -> FrozenTrial:
    """The trial ``rule`` chooses among a study's completed ``trials``.

    Args:
        trials: the study's COMPLETE trials.
        directions: the study's objective directions.
        rule: a rule string or a parsed rule.
        study_name: named in errors.

    Raises:
        InvalidArgumentError: a malformed rule; "best" for several objectives
            whose Pareto front holds more than one trial; a study lacking what
            the rule needs (standard errors, parameter counts), saying what.
        NoCompletedTrialsError: no trial has completed.
    """
    parsed = rule if isinstance(rule, SelectionRule) else parse_selection_rule(rule)
    if not trials:
        raise NoCompletedTrialsError(
            f"Study {study_name!r} has no completed trial yet, so the rule {parsed.text!r} has "
            "nothing to choose from; run optimize first."
        )
    ordered = sorted(trials, key=lambda trial: trial.number)
    if parsed.is_best:
        return _best(ordered, directions, study_name)
    return _smallest_within(ordered, directions, parsed, study_name)


def _minimised(
    trials: Sequence[FrozenTrial], directions: Sequence[StudyDirection]
) -> npt.NDArray[np.float64]:
    signs = np.array([-1.0 if d is StudyDirection.MAXIMIZE else 1.0 for d in directions])
    values = np.array([trial.values for trial in trials], dtype=np.float64)
    return np.asarray(values * signs, dtype=np.float64)


def _best(
    trials: Sequence[FrozenTrial], directions: Sequence[StudyDirection], study_name: str
) -> FrozenTrial:
    minimised = _minimised(trials, directions)
    if len(directions) == 1:
        return trials[int(np.argmin(minimised[:, 0]))]
    front = np.flatnonzero(non_dominated_mask(minimised))
    if front.size == 1:
        return trials[int(front[0])]
    raise InvalidArgumentError(
        f"The selection rule 'best' needs one trial best in every objective; study "
        f"{study_name!r} has {len(directions)} objectives and {front.size} trials on its "
        "Pareto front. Look at study.best_trials, or pick one by a rule such as "
        "'smallest_within:1se' (the first objective as the score, the fewest parameters)."
    )


def _smallest_within(
    trials: Sequence[FrozenTrial],
    directions: Sequence[StudyDirection],
    rule: SelectionRule,
    study_name: str,
) -> FrozenTrial:
    scores = _minimised(trials, directions)[:, 0]
    best = int(np.argmin(scores))
    tolerance = _tolerance(trials[best], float(scores[best]), rule)
    gaps = scores - scores[best]
    within = [
        index
        for index, gap in enumerate(gaps)
        if gap <= tolerance or math.isclose(gap, tolerance, rel_tol=_ROUNDING)
    ]
    sizes = {index: trial_size(trials[index], directions) for index in within}
    unsized = [trials[index].number for index, size in sizes.items() if size is None]
    if unsized:
        raise InvalidArgumentError(
            f"The selection rule {rule.text!r} compares model sizes, but in study "
            f"{study_name!r} trial(s) {_listed(unsized)} within the tolerance have none: give "
            f"each trial the user attribute {N_PARAMETERS!r} (the scikit-learn objective "
            "records it for models tunesmith can inspect), or return the size as the second "
            "objective of a two-objective study, minimised."
        )
    chosen = min(within, key=lambda index: (sizes[index], scores[index], trials[index].number))
    return trials[chosen]


def _tolerance(best: FrozenTrial, best_score: float, rule: SelectionRule) -> float:
    if rule.tolerance == "absolute":
        return rule.amount
    if rule.tolerance == "relative":
        return rule.amount / 100.0 * abs(best_score)
    folds = [score for score in fold_test_scores(best.user_attrs) if score is not None]
    if len(folds) < 2:
        raise InvalidArgumentError(
            f"The selection rule {rule.text!r} needs the standard error of the best trial's "
            f"score, from its per-fold scores (user attributes {fold_test_score(0)!r}, "
            f"{fold_test_score(1)!r}, ...; the scikit-learn objective records them), but best "
            f"trial {best.number} has {len(folds)} fold score(s). Use an absolute or relative "
            "tolerance instead, such as 'smallest_within:0.005' or 'smallest_within:1%'."
        )
    standard_error = float(np.std(folds, ddof=1) / math.sqrt(len(folds)))
    return rule.amount * standard_error


def trial_size(trial: FrozenTrial, directions: Sequence[StudyDirection]) -> float | None:
    """The trial's model size as the rules read it (see the module docstring), or None."""
    recorded = trial.user_attrs.get(N_PARAMETERS)
    if isinstance(recorded, int | float) and not isinstance(recorded, bool):
        return float(recorded)
    if len(directions) == 2 and directions[1] is StudyDirection.MINIMIZE and trial.values:
        return trial.values[1]
    return None


def _listed(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(number) for number in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
