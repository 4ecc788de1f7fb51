"""The user attributes tunesmith itself records with a trial, named in one place.

The scikit-learn objective writes them (``tunesmith.integrations.sklearn``);
selection rules, tables and reports read them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "MEAN_TRAIN_SCORE",
    "N_BYTES",
    "N_PARAMETERS",
    "STD_TEST_SCORE",
    "fold_test_score",
    "fold_test_scores",
]

# How many parameters the trial's fitted model learned, and the bytes they take.
N_PARAMETERS = "n_parameters"
N_BYTES = "n_bytes"
# The mean score on the training folds, and the (population) standard deviation of the
# test folds' scores, as scikit-learn's cv_results_ name them.
MEAN_TRAIN_SCORE = "mean_train_score"
STD_TEST_SCORE = "std_test_score"

_FOLD_TEST_SCORE = re.compile(r"^split(\d+)_test_score$")


def fold_test_score(fold: int) -> str:
    """The attribute holding fold ``fold``'s test score (counted from 0): ``split0_test_score``."""
    return f"split{fold}_test_score"


def fold_test_scores(user_attrs: Mapping[str, Any]) -> list[float | None]:
    """A trial's per-fold test scores in fold order (None for a fold that scored NaN).

    >>> fold_test_scores({"split1_test_score": 0.5, "split0_test_score": 0.75, "other": 1})
    [0.75, 0.5]
    """
    folds = {
        int(match.group(1)): value
        for key, value in user_attrs.items()
        if (match := _FOLD_TEST_SCORE.match(key))
    }
    return [folds[fold] for fold in sorted(folds)]
