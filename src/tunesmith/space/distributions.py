"""The three kinds of hyperparameter range: Float, Int and Categorical.

Every distribution converts between three forms of a value:

- *external*: what the objective receives (``0.01``, ``64``, ``"rbf"``);
- *internal*: one float that the storage keeps (the number itself, or a
  categorical choice's index);
- *unit*: a float in [0, 1] that samplers work in, uniform over the range as a
  user means it (log-uniform for ``log=True``; equal width per integer, step or
  choice).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import InvalidSpaceError

__all__ = [
    "CategoricalChoice",
    "Categorical",
    "Distribution",
    "Float",
    "Int",
]

CategoricalChoice: TypeAlias = bool | int | float | str | None
FloatArray: TypeAlias = npt.NDArray[np.float64]

_LARGEST_EXACT_INT = 2**53


def _require_finite(owner: str, name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise InvalidSpaceError(
            f"The '{name}' argument of {owner} must be a number; got {value!r}."
        )
    number = float(value)
    if not math.isfinite(number):
        raise InvalidSpaceError(
            f"The '{name}' argument of {owner} must be a finite number; got {value!r}."
        )
    return number


def _require_order(owner: str, low: float, high: float) -> None:
    if low > high:
        raise InvalidSpaceError(
            f"The 'low' argument of {owner} must be at most 'high'; got low={low!r}, high={high!r}."
        )


def _require_log_positive(owner: str, low: float) -> None:
    if low <= 0:
        raise InvalidSpaceError(
            f"The 'low' argument of {owner} must be positive when log=True; got {low!r}. "
            "Use log=False or a positive lower bound."
        )


def _is_whole_number_of_steps(low: float, value: float, step: float) -> bool:
    """Whether ``value - low`` is a whole number of steps, up to the rounding of the bounds."""
    steps = (value - low) / step
    if not math.isfinite(steps):
        return False
    # The subtraction can be off by an ulp of the larger bound, which a small step magnifies.
    slack = 1e-8 * max(1.0, abs(steps)) + 4 * math.ulp(max(abs(low), abs(value))) / step
    return abs(steps - round(steps)) <= slack


def _require_step_fits(owner: str, low: float, high: float, step: float) -> None:
    if not _is_whole_number_of_steps(low, high, step):
        span = (high - low) / step
        advice = ""
        if math.isfinite(span):
            fitting = low + math.floor(span) * step
            # Show 0.9 rather than 0.8999999999999999 when both fit.
            short = float(f"{fitting:.12g}")
            advice = (
                f" Use high={short if _is_whole_number_of_steps(low, short, step) else fitting!r}."
            )
        raise InvalidSpaceError(
            f"The range of {owner} must be a whole number of steps; got low={low!r}, "
            f"high={high!r}, step={step!r}.{advice}"
        )


@dataclass(frozen=True, slots=True)
class Float:
    """A real-valued hyperparameter in [low, high].

    Args:
        low: the smallest value.
        high: the largest value.
        log: sample uniformly in log space (``low`` must be positive).
        step: if given, only ``low + k * step`` values are drawn.

    Raises:
        InvalidSpaceError: a bound is not finite, low > high, a range wider
            than the largest float, log with a non-positive low, log together
            with step, or a range that is not a whole number of steps.

    >>> Float(1e-4, 1e-1, log=True).contains(0.01)
    True
    """

    low: float
    high: float
    log: bool = False
    step: float | None = None

    def __post_init__(self) -> None:
        owner = "Float"
        low = _require_finite(owner, "low", self.low)
        high = _require_finite(owner, "high", self.high)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        _require_order(owner, low, high)
        if not math.isfinite(high - low):
            raise InvalidSpaceError(
                f"The range of Float must be narrower than the largest float; got low={low!r}, "
                f"high={high!r}, whose difference overflows."
            )
        if self.log:
            _require_log_positive(owner, low)
        if self.step is not None:
            step = _require_finite(owner, "step", self.step)
            if step <= 0:
                raise InvalidSpaceError(
                    f"The 'step' argument of Float must be positive; got {self.step!r}."
                )
            if self.log:
                raise InvalidSpaceError(
                    "The 'step' and 'log' arguments of Float cannot be used together; "
                    f"got step={self.step!r}, log=True. Drop one of them."
                )
            _require_step_fits(owner, low, high, step)
            object.__setattr__(self, "step", step)

    @property
    def n_values(self) -> int | None:
        """How many values the range holds, or None when it is continuous."""
        if self.step is None:
            return 1 if self.low == self.high else None
        return round((self.high - self.low) / self.step) + 1

    def contains(self, value: object) -> bool:
        """Whether ``value`` is a value this distribution can produce."""
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            return False
        number = float(value)
        if not self.low <= number <= self.high:
            return False
        if self.step is None:
            return True
        return _is_whole_number_of_steps(self.low, number, self.step)

    def to_internal(self, value: Any) -> float:
        return float(value)

    def to_external(self, internal: float) -> float:
        return float(internal)

    def _is_one_point(self) -> bool:
        """Whether the unit form sees one value: low == high, or a log axis too short to tell."""
        # Two neighbouring huge floats have the same logarithm.
        return self.low == self.high or (self.log and math.log(self.low) == math.log(self.high))

    def to_unit(self, internal: npt.ArrayLike) -> FloatArray:
        """Map internal values to [0, 1]."""
        x = np.asarray(internal, dtype=np.float64)
        if self._is_one_point():
            return np.full_like(x, 0.5)
        if self.step is not None:
            count = self.n_values or 1
            index = np.round((x - self.low) / self.step)
            return (index + 0.5) / count
        if self.log:
            return (np.log(x) - math.log(self.low)) / (math.log(self.high) - math.log(self.low))
        return (x - self.low) / (self.high - self.low)

    def from_unit(self, unit: npt.ArrayLike) -> FloatArray:
        """Map values in [0, 1] to internal values inside the range."""
        u = np.clip(np.asarray(unit, dtype=np.float64), 0.0, 1.0)
        if self._is_one_point():
            return np.full_like(u, self.low)
        if self.step is not None:
            count = self.n_values or 1
            index = np.minimum(np.floor(u * count), count - 1)
            return np.asarray(np.minimum(self.low + index * self.step, self.high))
        if self.log:
            log_low, log_high = math.log(self.low), math.log(self.high)
            return np.asarray(
                np.clip(np.exp(log_low + u * (log_high - log_low)), self.low, self.high)
            )
        return np.asarray(np.clip(self.low + u * (self.high - self.low), self.low, self.high))

    def grid_values(self) -> list[float]:
        """Every value of a stepped range, in increasing order."""
        if self.n_values is None:
            raise InvalidSpaceError(
                f"A grid needs a finite range; got Float(low={self.low!r}, high={self.high!r}) "
                "without a step. Give it a step, or use a list of values."
            )
        if self.step is None:
            return [self.low]
        return [min(self.low + k * self.step, self.high) for k in range(self.n_values)]

    def to_dict(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"type": "float", "low": self.low, "high": self.high}
        if self.log:
            spec["log"] = True
        if self.step is not None:
            spec["step"] = self.step
        return spec


@dataclass(frozen=True, slots=True)
class Int:
    """An integer hyperparameter in [low, high].

    Args:
        low: the smallest value.
        high: the largest value.
        log: sample uniformly in log space (``low`` must be at least 1).
        step: only ``low + k * step`` values are drawn.

    Raises:
        InvalidSpaceError: a bound is not an integer or lies beyond ±2**53,
            low > high, log with low < 1, log with a step other than 1, or a
            range that is not a whole number of steps.

    >>> Int(1, 9, step=2).grid_values()
    [1, 3, 5, 7, 9]
    """

    low: int
    high: int
    log: bool = False
    step: int = 1

    def __post_init__(self) -> None:
        for name in ("low", "high", "step"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                if isinstance(value, float) and value.is_integer():
                    object.__setattr__(self, name, int(value))
                    continue
                raise InvalidSpaceError(
                    f"The '{name}' argument of Int must be an integer; got {value!r}."
                )
            object.__setattr__(self, name, int(value))
        for name in ("low", "high", "step"):
            # The storage keeps a value as a float, which holds every integer only this far.
            if abs(getattr(self, name)) > _LARGEST_EXACT_INT:
                raise InvalidSpaceError(
                    f"The '{name}' argument of Int must lie within ±2**53 "
                    f"({_LARGEST_EXACT_INT}); got {getattr(self, name)!r}."
                )
        _require_order("Int", self.low, self.high)
        if self.step <= 0:
            raise InvalidSpaceError(
                f"The 'step' argument of Int must be positive; got {self.step!r}."
            )
        if self.log:
            if self.low < 1:
                raise InvalidSpaceError(
                    f"The 'low' argument of Int must be at least 1 when log=True; got {self.low!r}."
                )
            if self.step != 1:
                raise InvalidSpaceError(
                    "The 'step' argument of Int must be 1 when log=True; "
                    f"got step={self.step!r}. Drop the step or log=True."
                )
        if (self.high - self.low) % self.step:
            raise InvalidSpaceError(
                f"The range of Int must be a whole number of steps; got low={self.low!r}, "
                f"high={self.high!r}, step={self.step!r}. "
                f"Use high={self.high - (self.high - self.low) % self.step!r}."
            )

    @property
    def n_values(self) -> int:
        return (self.high - self.low) // self.step + 1

    def contains(self, value: object) -> bool:
        if isinstance(value, bool):
            return False
        if isinstance(value, float | np.floating):
            if not float(value).is_integer():
                return False
            value = int(value)
        if not isinstance(value, int | np.integer):
            return False
        return self.low <= int(value) <= self.high and (int(value) - self.low) % self.step == 0

    def to_internal(self, value: Any) -> float:
        return float(value)

    def to_external(self, internal: float) -> int:
        return round(internal)

    def _log_width(self) -> float:
        """The width of the log axis, on which integer k owns [k - 0.5, k + 0.5]."""
        # Measured from low - 0.5 with log1p: log(high + 0.5) - log(low - 0.5) is zero for
        # huge integers close together.
        return math.log1p((self.high - self.low + 1) / (self.low - 0.5))

    def to_unit(self, internal: npt.ArrayLike) -> FloatArray:
        x = np.asarray(internal, dtype=np.float64)
        if self.log:
            return np.log1p((x - self.low + 0.5) / (self.low - 0.5)) / self._log_width()
        index = np.round((x - self.low) / self.step)
        return (index + 0.5) / self.n_values

    def from_unit(self, unit: npt.ArrayLike) -> FloatArray:
        u = np.clip(np.asarray(unit, dtype=np.float64), 0.0, 1.0)
        if self.log:
            # How far past low - 0.5 the point lies: low + k owns offsets [k, k + 1).
            offset = (self.low - 0.5) * np.expm1(u * self._log_width())
            return np.asarray(np.clip(self.low + np.floor(offset), self.low, self.high))
        index = np.minimum(np.floor(u * self.n_values), self.n_values - 1)
        return np.asarray(self.low + index * self.step)

    def grid_values(self) -> list[int]:
        return list(range(self.low, self.high + 1, self.step))

    def to_dict(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"type": "int", "low": self.low, "high": self.high}
        if self.log:
            spec["log"] = True
        if self.step != 1:
            spec["step"] = self.step
        return spec


@dataclass(frozen=True, slots=True, init=False)
class Categorical:
    """A hyperparameter that takes one of a list of values.

    Args:
        choices: the values; each None, bool, int, float or str, no two equal.

    Raises:
        InvalidSpaceError: no choices, a choice of another type, or a repeated choice.

    >>> Categorical(["rbf", "linear"]).to_external(1.0)
    'linear'
    """

    choices: tuple[CategoricalChoice, ...]

    def __init__(self, choices: Sequence[CategoricalChoice]) -> None:
        if isinstance(choices, str) or not isinstance(choices, Sequence):
            raise InvalidSpaceError(
                f"The 'choices' argument of Categorical must be a list of values; got {choices!r}."
            )
        normalised: list[CategoricalChoice] = []
        for given in choices:
            # NumPy scalars (from np.arange, say) are stored as the Python values they hold.
            choice: object = given.item() if isinstance(given, np.generic) else given
            if choice is not None and not isinstance(choice, bool | int | float | str):
                raise InvalidSpaceError(
                    "The 'choices' argument of Categorical must hold only None, bool, int, float "
                    f"or str values; got {choice!r} of type {type(choice).__name__}."
                )
            if isinstance(choice, float) and math.isnan(choice):
                raise InvalidSpaceError("The 'choices' argument of Categorical cannot hold NaN.")
            normalised.append(choice)
        if not normalised:
            raise InvalidSpaceError(
                "The 'choices' argument of Categorical must not be empty; got []."
            )
        keys = [(type(c).__name__, c) for c in normalised]
        if len(set(keys)) != len(keys):
            raise InvalidSpaceError(
                "The 'choices' argument of Categorical must not repeat a value; "
                f"got {list(choices)!r}."
            )
        object.__setattr__(self, "choices", tuple(normalised))

    def _typed_choices(self) -> tuple[tuple[str, CategoricalChoice], ...]:
        return tuple((type(choice).__name__, choice) for choice in self.choices)

    def __eq__(self, other: object) -> bool:
        # 1 == 1.0 == True in Python, but as choices they give the objective different values.
        if not isinstance(other, Categorical):
            return NotImplemented
        return self._typed_choices() == other._typed_choices()

    def __hash__(self) -> int:
        return hash(self._typed_choices())

    @property
    def n_values(self) -> int:
        return len(self.choices)

    def index(self, value: object) -> int:
        """The position of ``value`` among the choices; -1 if it is not one of them."""
        for position, choice in enumerate(self.choices):
            # 1 == True in Python; a bool choice matches only a bool value.
            if type(choice) is type(value) and choice == value:
                return position
        for position, choice in enumerate(self.choices):
            if isinstance(choice, bool) or isinstance(value, bool):
                continue
            if (
                isinstance(choice, int | float)
                and isinstance(value, int | float)
                and choice == value
            ):
                return position
        return -1

    def contains(self, value: object) -> bool:
        if isinstance(value, np.generic):
            value = value.item()
        return self.index(value) >= 0

    def to_internal(self, value: Any) -> float:
        if isinstance(value, np.generic):
            value = value.item()
        position = self.index(value)
        if position < 0:
            raise InvalidSpaceError(
                f"The value {value!r} is not one of the choices {list(self.choices)!r}."
            )
        return float(position)

    def to_external(self, internal: float) -> CategoricalChoice:
        return self.choices[round(internal)]

    def to_unit(self, internal: npt.ArrayLike) -> FloatArray:
        return (np.asarray(internal, dtype=np.float64) + 0.5) / self.n_values

    def from_unit(self, unit: npt.ArrayLike) -> FloatArray:
        u = np.clip(np.asarray(unit, dtype=np.float64), 0.0, 1.0)
        return np.asarray(np.minimum(np.floor(u * self.n_values), self.n_values - 1))

    def grid_values(self) -> list[CategoricalChoice]:
        return list(self.choices)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "categorical", "choices": list(self.choices)}


Distribution: TypeAlias = Float | Int | Categorical
