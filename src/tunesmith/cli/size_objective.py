"""``objectives: [score, n_parameters]``: a trial returns its score and its model's size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tunesmith.study import Trial

if TYPE_CHECKING:
    from tunesmith.integrations.sklearn import CrossValidationObjective

__all__ = ["ScoreAndSize"]


class ScoreAndSize:
    """Returns ``(cv score, parameter count of the first-fold model)`` for a two-objective study.

    The count is the ``n_parameters`` user attribute the cross-validation
    objective records. A model tunesmith cannot count fails its trial, with
    a message saying so. Picklable, so process workers can run it.

    Args:
        cross_validation: scores the trial and records its model's size.
    """

    def __init__(self, cross_validation: CrossValidationObjective) -> None:
        self.cross_validation = cross_validation

    def __repr__(self) -> str:
        return f"ScoreAndSize({self.cross_validation!r})"

    def __call__(self, trial: Trial) -> tuple[float, float]:
        from tunesmith.integrations.sklearn.fold_records import score_and_size

        return score_and_size(
            trial,
            self.cross_validation(trial),
            self.cross_validation.estimator,
            needed_by="The 'objectives' field, which names n_parameters,",
            remedy="drop n_parameters from 'objectives'",
        )
