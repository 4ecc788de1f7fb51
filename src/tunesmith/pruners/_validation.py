"""Argument rules of the pruners, checked at first use and reported in one message form."""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

__all__ = [
    "Problem",
    "check_bound",
    "check_int",
    "check_number_at_least",
    "check_number_in",
    "check_resource",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One argument that breaks its rule; ``rule`` completes "must be ...".

    The registry turns a problem into a config error naming the field, and a
    pruner into an InvalidArgumentError naming the argument, from these fields.
    """

    argument: str
    rule: str
    value: object

    def message(self, owner: str) -> str:
        return f"The {self.argument!r} argument of {owner} must be {self.rule}; got {self.value!r}."


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_int(argument: str, value: object, minimum: int) -> Problem | None:
    """An int >= ``minimum``."""
    if _is_int(value) and value >= minimum:  # type: ignore[operator]
        return None
    return Problem(argument, f"an int >= {minimum}", value)


def _is_finite_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, Real) and math.isfinite(float(value))


def check_number_in(argument: str, value: object, low: float, high: float) -> Problem | None:
    """A real number in [low, high]."""
    if _is_finite_number(value) and low <= float(value) <= high:  # type: ignore[arg-type]
        return None
    return Problem(argument, f"a number in [{low:g}, {high:g}]", value)


def check_number_at_least(argument: str, value: object, minimum: float) -> Problem | None:
    """A finite real number >= ``minimum``."""
    if _is_finite_number(value) and float(value) >= minimum:  # type: ignore[arg-type]
        return None
    return Problem(argument, f"a finite number >= {minimum:g}", value)


def check_bound(argument: str, value: object) -> Problem | None:
    """None or a finite real number."""
    if value is None or _is_finite_number(value):
        return None
    return Problem(argument, "None or a finite number", value)


def check_resource(argument: str, value: object, minimum: int) -> Problem | None:
    """An int >= ``minimum``, or "auto" for a resource inferred from the first trials."""
    if value == "auto" or check_int(argument, value, minimum) is None:
        return None
    return Problem(argument, f"an int >= {minimum} or 'auto'", value)
