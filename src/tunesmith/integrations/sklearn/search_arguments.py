"""Checks of ``TuneSearchCV``'s arguments, all made before any trial runs."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn.default_spaces import default_space
from tunesmith.integrations.sklearn.scipy_distributions import from_scipy, is_scipy_distribution
from tunesmith.space import Distribution, parse_space

__all__ = ["Scoring", "check_scoring_argument", "resolve_space", "searched_metric"]


@dataclass(frozen=True, slots=True)
class Scoring:
    """The scorers a search uses, as scikit-learn's fitted search keeps them.

    Attributes:
        scorer: one scorer callable, or metric name -> scorer for several.
        names: ``["score"]`` for one metric (the ``_score`` in ``mean_test_score``),
            else the metric names in the order given.
        multimetric: whether several metrics were given.
    """

    scorer: Callable[..., Any] | dict[str, Callable[..., Any]]
    names: list[str]
    multimetric: bool


def resolve_space(
    estimator: Any, search_space: Mapping[str, Any] | None
) -> dict[str, Distribution]:
    """The space to search: ``search_space`` parsed, or the estimator's default space.

    Besides tunesmith distributions and lists, ``search_space`` may hold the
    scipy.stats distributions RandomizedSearchCV users pass (see
    ``tunesmith.integrations.sklearn.scipy_distributions``).

    Raises:
        InvalidSpaceError: a malformed distribution.
        InvalidArgumentError: no default space for the estimator; a
            hyperparameter the estimator lacks (naming it, a close match, and
            the valid names).
    """
    space = (
        default_space(estimator)
        if search_space is None
        else parse_space(
            {
                name: from_scipy(name, value) if is_scipy_distribution(value) else value
                for name, value in search_space.items()
            }
        )
    )
    if not space:
        raise InvalidArgumentError(
            "The 'search_space' argument of TuneSearchCV must name at least one "
            "hyperparameter, or be None for the estimator's default space; got {}."
        )
    valid = sorted(estimator.get_params(deep=True))
    for name in sorted(space):
        if name not in valid:
            close = difflib.get_close_matches(name, valid, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise InvalidArgumentError(
                f"The 'search_space' argument of TuneSearchCV names {name!r}, which is not a "
                f"hyperparameter of {type(estimator).__name__}.{hint} Valid names: "
                f"{', '.join(valid)}."
            )
    return space


def check_scoring_argument(estimator: Any, scoring: Any) -> Scoring:
    """The scorers ``scoring`` names: None, a name, a callable, a list of names or a dict.

    Raises:
        InvalidArgumentError: a name scikit-learn does not know, an empty or
            repeating list, or a dict whose keys are not strings.
    """
    from sklearn.metrics import check_scoring, get_scorer

    if scoring is None or callable(scoring):
        return Scoring(check_scoring(estimator, scoring), ["score"], multimetric=False)
    if isinstance(scoring, str):
        return Scoring(get_scorer(_known_scorer_name(scoring)), ["score"], multimetric=False)
    if isinstance(scoring, list | tuple | set):
        names = sorted(scoring) if isinstance(scoring, set) else list(scoring)
        if not names or len(set(names)) != len(names):
            raise InvalidArgumentError(
                "The 'scoring' argument of TuneSearchCV, as a list, must hold distinct scorer "
                f"names, at least one; got {scoring!r}."
            )
        return Scoring(
            {name: get_scorer(_known_scorer_name(name)) for name in names},
            names,
            multimetric=True,
        )
    if isinstance(scoring, Mapping) and scoring and all(isinstance(k, str) for k in scoring):
        scorers = {
            name: get_scorer(_known_scorer_name(value)) if isinstance(value, str) else value
            for name, value in scoring.items()
        }
        return Scoring(scorers, list(scorers), multimetric=True)
    raise InvalidArgumentError(
        "The 'scoring' argument of TuneSearchCV must be None, a scorer name, a callable, a "
        f"list of scorer names or a dict of name -> scorer; got {scoring!r}."
    )


def _known_scorer_name(name: object) -> str:
    from sklearn.metrics import get_scorer_names

    if not isinstance(name, str) or name not in get_scorer_names():
        close = difflib.get_close_matches(str(name), get_scorer_names(), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise InvalidArgumentError(
            f"The 'scoring' argument of TuneSearchCV names an unknown scorer {name!r}; {hint}"
            "see sklearn.metrics.get_scorer_names() for all names (accuracy, f1, roc_auc, "
            "r2, neg_mean_squared_error, ...)."
        )
    return name


def searched_metric(refit: object, scoring: Scoring) -> str | None:
    """The metric the study optimises: None for one metric, else a metric name.

    With several metrics it is ``refit`` when that names one, else the first
    metric (``refit=False`` or a callable).

    Raises:
        InvalidArgumentError: several metrics and ``refit`` neither a metric
            name, False nor a callable; or a ``refit`` that is not a bool or a
            callable with one metric.
    """
    if not scoring.multimetric:
        if not isinstance(refit, bool) and not callable(refit):
            raise InvalidArgumentError(
                "The 'refit' argument of TuneSearchCV must be True, False or a callable with "
                f"one metric; got {refit!r}."
            )
        return None
    if refit is False or callable(refit):
        return scoring.names[0]
    if isinstance(refit, str) and refit in scoring.names:
        return refit
    raise InvalidArgumentError(
        "The 'refit' argument of TuneSearchCV must name the metric that chooses the best "
        f"configuration when 'scoring' has several ({', '.join(scoring.names)}), or be False "
        f"or a callable; got {refit!r}."
    )
