"""``--set NAME=VALUE``: hyperparameter values given on the command line, read by the space's types.

A value must be one the hyperparameter's distribution can produce: a number
inside a float's or an int's range (on its step), or one of a categorical's
choices, spelled as in the config (``rbf``, ``3``, ``true``, ``null``).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.space import Categorical, CategoricalChoice, Distribution, Float, Int

__all__ = ["describe_distribution", "parse_assignments"]


def describe_distribution(distribution: Distribution) -> str:
    """The values a distribution allows, in words.

    >>> describe_distribution(Float(0.01, 100.0, log=True))
    'a float in [0.01, 100.0] (log scale)'
    >>> describe_distribution(Categorical(["rbf", "linear"]))
    "one of ['rbf', 'linear']"
    """
    if isinstance(distribution, Categorical):
        return f"one of {list(distribution.choices)!r}"
    kind = "a float" if isinstance(distribution, Float) else "an int"
    text = f"{kind} in [{distribution.low!r}, {distribution.high!r}]"
    if distribution.log:
        return f"{text} (log scale)"
    if isinstance(distribution, Float) and distribution.step is not None:
        return f"{text} (step {distribution.step!r})"
    if isinstance(distribution, Int) and distribution.step != 1:
        return f"{text} (step {distribution.step!r})"
    return text


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _matches(choice: CategoricalChoice, text: str) -> bool:
    """Whether ``text`` names a categorical choice of a type other than str."""
    if choice is None:
        return text.lower() in ("null", "none")
    if isinstance(choice, bool):
        return text.lower() == str(choice).lower()
    if isinstance(choice, int | float):
        return _number(text) == choice
    return False


def _value(name: str, text: str, distribution: Distribution) -> Any:
    """The value of ``name`` that ``text`` gives, as the distribution's type."""
    if isinstance(distribution, Categorical):
        choices = distribution.choices
        # A string choice spelled exactly wins: choices may hold both "1" and 1.
        exact: list[CategoricalChoice] = [c for c in choices if isinstance(c, str) and c == text]
        found = exact or [c for c in choices if _matches(c, text)]
        if found:
            return found[0]
    else:
        number = _number(text)
        if number is not None and distribution.contains(number):
            return int(number) if isinstance(distribution, Int) else number
    raise InvalidArgumentError(
        f"The '--set' value of {name} must be {describe_distribution(distribution)}, as the "
        f"config's space says; got {text!r}."
    )


def parse_assignments(
    assignments: Sequence[str], space: Mapping[str, Distribution]
) -> dict[str, Any]:
    """Hyperparameter name -> value, from ``--set NAME=VALUE`` options.

    Args:
        assignments: the options' texts, ``"svc__C=10"``.
        space: the config's search space, which says which names exist and
            what values they take.

    Raises:
        InvalidArgumentError: a text without ``=``, a name not in the space
            (with a close match if there is one), a name given twice, or a
            value the hyperparameter's distribution cannot produce.

    >>> parse_assignments(["C=10", "kernel=linear"],
    ...                   {"C": Float(0.01, 100.0), "kernel": Categorical(["rbf", "linear"])})
    {'C': 10.0, 'kernel': 'linear'}
    """
    values: dict[str, Any] = {}
    for assignment in assignments:
        name, equals, text = assignment.partition("=")
        name = name.strip()
        if not equals or not name:
            raise InvalidArgumentError(
                f"The '--set' option must be NAME=VALUE, such as C=10; got {assignment!r}."
            )
        if name not in space:
            # Case slips (c for C) are the likeliest, and difflib alone does not see them.
            by_lower = {known.lower(): known for known in space}
            close = difflib.get_close_matches(name.lower(), list(by_lower), n=1)
            hint = f" Did you mean {by_lower[close[0]]!r}?" if close else ""
            raise InvalidArgumentError(
                "The '--set' option must name a hyperparameter of the config's space "
                f"({', '.join(sorted(space))}); got {name!r}.{hint}"
            )
        if name in values:
            raise InvalidArgumentError(
                f"The '--set' option must give each hyperparameter once; got {name} twice."
            )
        values[name] = _value(name, text.strip(), space[name])
    return values
