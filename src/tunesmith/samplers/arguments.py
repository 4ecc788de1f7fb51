"""The samplers' rules for their constructor arguments and their studies, checked at first use.

Every broken rule is reported in one form, which names the argument, its
sampler, the rule and the value:
``The 'gamma' argument of TPESampler must be None or a number in (0, 1]; got 1.5.``
"""

from __future__ import annotations

from typing import NoReturn, TypeGuard

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.history import History

__all__ = [
    "require_bool",
    "require_int",
    "require_number_in",
    "require_one_objective",
    "require_positive",
]


def _refuse(owner: str, argument: str, rule: str, value: object) -> NoReturn:
    raise InvalidArgumentError(
        f"The '{argument}' argument of {owner} must be {rule}; got {value!r}."
    )


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def require_int(owner: str, argument: str, value: object, least: int) -> None:
    """An int (not a bool) of at least ``least``."""
    if not (isinstance(value, int) and not isinstance(value, bool) and value >= least):
        _refuse(owner, argument, f"an int of at least {least}", value)


def require_number_in(
    owner: str,
    argument: str,
    value: object,
    low: float,
    high: float,
    *,
    low_open: bool = False,
    optional: bool = False,
) -> None:
    """A number in [low, high], or (low, high] with ``low_open``; also None if ``optional``."""
    if optional and value is None:
        return
    if not (_is_number(value) and (value > low if low_open else value >= low) and value <= high):
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}]"
        _refuse(owner, argument, f"{'None or ' if optional else ''}a number in {interval}", value)


def require_positive(owner: str, argument: str, value: object) -> None:
    """A number above zero."""
    if not (_is_number(value) and value > 0):
        _refuse(owner, argument, "a positive number", value)


def require_bool(owner: str, argument: str, value: object) -> None:
    """True or False."""
    if not isinstance(value, bool):
        _refuse(owner, argument, "a bool", value)


def require_one_objective(owner: str, history: History) -> None:
    """A study of one objective: the sampler models a single value per trial."""
    n_objectives = history.Y.shape[1]
    if n_objectives != 1:
        raise InvalidArgumentError(
            f"{owner} supports one objective; this study has {n_objectives}. "
            "Use sampler='tpe' or 'auto' for several."
        )
