"""Constructor arguments of samplers and pruners: their rules, one message form, checked once.

A sampler's or pruner's constructor only stores its arguments (scikit-learn
style), so ``repr``, configs and the dashboard show it exactly as it was built.
Its class lists the arguments that break their rules in ``problems()``, made
with the ``check_*`` functions here, and ``validate()`` refuses the first of
them at first use. Every broken rule reads the same, naming the argument, its
owner, the rule and the value:
``The 'gamma' argument of TPESampler must be None or a number in (0, 1]; got 1.5.``
and, where a config built the object, naming the config field instead:
``The 'pruner.n_warmup_steps' field must be an int >= 0; got -1.``
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Real

from tunesmith.exceptions import InvalidArgumentError

__all__ = [
    "Configurable",
    "Problem",
    "check_bool",
    "check_finite",
    "check_int",
    "check_number_at_least",
    "check_number_in",
    "check_positive",
    "check_resource",
    "or_none",
    "refuse_first",
    "repr_as_built",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One argument that breaks its rule; ``rule`` completes "must be ..."."""

    argument: str
    rule: str
    value: object

    def message(self, owner: str) -> str:
        """The message naming the argument of ``owner`` (a class or function name)."""
        return f"The {self.argument!r} argument of {owner} must be {self.rule}; got {self.value!r}."

    def field_message(self, field: str) -> str:
        """The message naming the config field ``field.argument`` that set the argument."""
        return f"The '{field}.{self.argument}' field must be {self.rule}; got {self.value!r}."


def refuse_first(owner: str, problems: Iterable[Problem | None]) -> None:
    """Raise for the first problem found, if any.

    Raises:
        InvalidArgumentError: naming the argument of ``owner``, the rule and the value.
    """
    for problem in problems:
        if problem is not None:
            raise InvalidArgumentError(problem.message(owner))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_finite_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, Real) and math.isfinite(value)


def check_int(argument: str, value: object, minimum: int) -> Problem | None:
    """An int (not a bool) >= ``minimum``."""
    if _is_int(value) and value >= minimum:  # type: ignore[operator]
        return None
    return Problem(argument, f"an int >= {minimum}", value)


def check_number_in(
    argument: str, value: object, low: float, high: float, *, low_open: bool = False
) -> Problem | None:
    """A real number in [low, high], or in (low, high] with ``low_open``."""
    if _is_finite_number(value):
        number = float(value)  # type: ignore[arg-type]
        if (number > low if low_open else number >= low) and number <= high:
            return None
    return Problem(argument, f"a number in {'(' if low_open else '['}{low:g}, {high:g}]", value)


def check_finite(argument: str, value: object) -> Problem | None:
    """A finite real number."""
    return None if _is_finite_number(value) else Problem(argument, "a finite number", value)


def check_number_at_least(argument: str, value: object, minimum: float) -> Problem | None:
    """A finite real number >= ``minimum``."""
    if _is_finite_number(value) and float(value) >= minimum:  # type: ignore[arg-type]
        return None
    return Problem(argument, f"a finite number >= {minimum:g}", value)


def check_positive(argument: str, value: object) -> Problem | None:
    """A finite real number > 0."""
    if _is_finite_number(value) and float(value) > 0:  # type: ignore[arg-type]
        return None
    return Problem(argument, "a finite number > 0", value)


def check_bool(argument: str, value: object) -> Problem | None:
    """True or False."""
    return None if isinstance(value, bool) else Problem(argument, "a bool", value)


def check_resource(argument: str, value: object, minimum: int) -> Problem | None:
    """An int >= ``minimum``, or "auto" for a resource inferred from the first trials."""
    if value == "auto" or check_int(argument, value, minimum) is None:
        return None
    return Problem(argument, f"an int >= {minimum} or 'auto'", value)


def or_none(problem: Problem | None) -> Problem | None:
    """The same rule, also met by None: ``or_none(check_positive("eta", eta))``."""
    if problem is None or problem.value is None:
        return None
    return Problem(problem.argument, f"None or {problem.rule}", problem.value)


def repr_as_built(built: object) -> str:
    """``Name(argument=value, ...)``, one entry per named argument of the constructor.

    The constructor must store every argument under its own name.
    """
    parameters = inspect.signature(type(built).__init__).parameters.values()
    shown = ", ".join(
        f"{p.name}={getattr(built, p.name)!r}"
        for p in parameters
        if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    )
    return f"{type(built).__name__}({shown})"


class Configurable:
    """Base of samplers and pruners: a constructor that only stores its arguments.

    ``repr`` shows the object as built. A subclass lists its arguments'
    broken rules in ``problems``; ``validate`` refuses the first at first use
    and, once the arguments pass, does not look again.
    """

    def __repr__(self) -> str:
        return repr_as_built(self)

    def problems(self) -> list[Problem]:
        """Every argument that breaks its rule; empty when all pass."""
        return []

    def validate(self) -> None:
        """Check the arguments, once; later calls return at once.

        Raises:
            InvalidArgumentError: naming the first argument that breaks its
                rule, the rule and the value.
        """
        if self.__dict__.get("_arguments_valid"):
            return
        refuse_first(type(self).__name__, self.problems())
        self.__dict__["_arguments_valid"] = True
