"""scipy.stats distributions, as RandomizedSearchCV takes them, turned into tunesmith's.

RandomizedSearchCV draws from a frozen distribution with ``rvs``; a tunesmith
sampler needs to know the range and scale instead. The distributions users
pass to RandomizedSearchCV for hyperparameters map one to one:
``loguniform(a, b)`` (also called ``reciprocal``) -> ``Float(a, b, log=True)``,
``uniform(loc, scale)`` -> ``Float(loc, loc + scale)`` and ``randint(low, high)``
-> ``Int(low, high - 1)`` (scipy's ``high`` is excluded, tunesmith's included).
"""

from __future__ import annotations

from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.space import Distribution, Float, Int

__all__ = ["SCIPY_DISTRIBUTION_NAMES", "from_scipy", "is_scipy_distribution"]

SCIPY_DISTRIBUTION_NAMES = ("loguniform", "randint", "reciprocal", "uniform")
"""The scipy.stats distributions a search space may hold."""


def is_scipy_distribution(value: object) -> bool:
    """Whether ``value`` is a frozen scipy.stats distribution (``loguniform(1e-3, 1e2)``)."""
    return hasattr(value, "rvs") and hasattr(value, "support") and hasattr(value, "dist")


def from_scipy(name: str, frozen: Any) -> Distribution:
    """The tunesmith distribution spanning the same values as the frozen scipy one.

    Args:
        name: the hyperparameter, as errors name it.
        frozen: a frozen scipy.stats distribution.

    Raises:
        InvalidArgumentError: a distribution other than those in
            ``SCIPY_DISTRIBUTION_NAMES`` (a normal distribution has no range to search).

    >>> from scipy.stats import loguniform, randint
    >>> from_scipy("C", loguniform(1e-3, 1e2))
    Float(low=0.001, high=100.0, log=True, step=None)
    >>> from_scipy("max_depth", randint(1, 10))
    Int(low=1, high=9, log=False, step=1)
    """
    kind = frozen.dist.name
    low, high = (float(bound) for bound in frozen.support())
    if kind in ("loguniform", "reciprocal"):
        return Float(low, high, log=True)
    if kind == "uniform":
        return Float(low, high)
    if kind == "randint":
        return Int(int(low), int(high))
    raise InvalidArgumentError(
        f"The search space of TuneSearchCV gives {name!r} a scipy.stats {kind!r} distribution; "
        f"tunesmith searches the ranges of {', '.join(SCIPY_DISTRIBUTION_NAMES)}. Use one of "
        "those, or a tunesmith.Float / Int / Categorical."
    )
