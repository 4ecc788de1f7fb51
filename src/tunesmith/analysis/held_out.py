"""A held-out test score kept with a study: the honest measure of the configuration it chose.

Data set apart before tuning was never seen by any trial, so the chosen
configuration's score on it, after refitting on the tuning data, carries no
selection optimism. ``tunesmith run`` with ``test_size`` records one; any code
that holds out its own test set can record it the same way, so ``tunesmith
show`` and ``best`` print it beside the cross-validation score.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tunesmith.study import Study

__all__ = ["HELD_OUT_SCORE_ATTR", "HeldOutScore", "held_out_score", "record_held_out_score"]

# The study user attribute holding the record, as a JSON object.
HELD_OUT_SCORE_ATTR = "held_out_score"


@dataclass(frozen=True, slots=True)
class HeldOutScore:
    """The chosen configuration's score on data no trial saw.

    Attributes:
        trial_number: the trial whose hyperparameters were refitted.
        cv_score: that trial's cross-validation score (its first value).
        test_score: the refitted model's score on the held-out data.
        scoring: the score's name (a scikit-learn scorer name, or ``score``
            for the estimator's own ``score``).
        n_test_samples: the held-out samples scored.
        n_tuning_samples: the samples tuned and refitted on.
    """

    trial_number: int
    cv_score: float
    test_score: float
    scoring: str
    n_test_samples: int
    n_tuning_samples: int


def record_held_out_score(study: Study, score: HeldOutScore) -> None:
    """Store ``score`` with the study (replacing any earlier one)."""
    study.set_user_attr(HELD_OUT_SCORE_ATTR, asdict(score))


def held_out_score(study: Study) -> HeldOutScore | None:
    """The held-out score recorded with the study, or None when none was.

    >>> import tunesmith
    >>> study = tunesmith.create_study()
    >>> held_out_score(study) is None
    True
    >>> record_held_out_score(study, HeldOutScore(3, 0.98, 0.96, "accuracy", 114, 455))
    >>> held_out_score(study).test_score
    0.96
    """
    stored: Any = study.user_attrs.get(HELD_OUT_SCORE_ATTR)
    return None if stored is None else HeldOutScore(**stored)
