"""Search spaces to and from plain data (JSON, YAML, Python dicts).

A declarative search space is a mapping of hyperparameter name to a
distribution. In plain data a distribution is written
``{"type": "float", "low": 1e-3, "high": 1e3, "log": true}``, and a plain list
means a categorical choice among its items.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tunesmith.exceptions import InvalidSpaceError
from tunesmith.space.distributions import Categorical, Distribution, Float, Int

__all__ = [
    "SearchSpace",
    "distribution_from_dict",
    "distribution_from_json",
    "distribution_to_json",
    "parse_distribution",
    "parse_space",
    "space_to_dict",
]

SearchSpace = dict[str, Distribution]

_FIELDS = {
    "float": {"low", "high", "log", "step"},
    "int": {"low", "high", "log", "step"},
    "categorical": {"choices"},
}


def distribution_from_dict(spec: Mapping[str, Any], name: str = "distribution") -> Distribution:
    """Build a distribution from its plain-data form.

    Raises:
        InvalidSpaceError: an unknown type, a missing or unknown field, or a
            range that breaks the distribution's rules. The message names the
            hyperparameter.
    """
    kind = spec.get("type")
    if kind not in _FIELDS:
        raise InvalidSpaceError(
            f"The 'type' of hyperparameter '{name}' must be one of float, int, categorical; "
            f"got {kind!r}."
        )
    given = set(spec) - {"type"}
    unknown = sorted(given - _FIELDS[kind])
    if unknown:
        raise InvalidSpaceError(
            f"Hyperparameter '{name}' of type {kind} does not take the field(s) {unknown}; "
            f"allowed: {sorted(_FIELDS[kind])}."
        )
    required = {"choices"} if kind == "categorical" else {"low", "high"}
    missing = sorted(required - given)
    if missing:
        raise InvalidSpaceError(
            f"Hyperparameter '{name}' of type {kind} needs the field(s) {missing}; "
            f"got {dict(spec)!r}."
        )
    arguments = {key: spec[key] for key in given}
    try:
        if kind == "float":
            return Float(**arguments)
        if kind == "int":
            return Int(**arguments)
        return Categorical(arguments["choices"])
    except InvalidSpaceError as error:
        raise InvalidSpaceError(f"Hyperparameter '{name}': {error}") from None
    except TypeError as error:
        raise InvalidSpaceError(f"Hyperparameter '{name}': {error}") from None


def parse_distribution(name: str, spec: object) -> Distribution:
    """Accept a distribution, a list of choices or a plain-data dict for ``name``."""
    if isinstance(spec, Float | Int | Categorical):
        return spec
    if isinstance(spec, list | tuple):
        try:
            return Categorical(list(spec))
        except InvalidSpaceError as error:
            raise InvalidSpaceError(f"Hyperparameter '{name}': {error}") from None
    if isinstance(spec, Mapping):
        return distribution_from_dict(spec, name)
    raise InvalidSpaceError(
        f"Hyperparameter '{name}' must be a distribution (Float, Int, Categorical), a list of "
        f"values or a dict with a 'type'; got {spec!r}."
    )


def parse_space(space: Mapping[str, object]) -> SearchSpace:
    """Turn a declarative search space into a dict of name -> distribution.

    >>> parse_space({"C": {"type": "float", "low": 0.1, "high": 10, "log": True},
    ...              "kernel": ["rbf", "linear"]})["kernel"]
    Categorical(choices=('rbf', 'linear'))
    """
    if not isinstance(space, Mapping):
        raise InvalidSpaceError(
            "A search space must be a mapping of hyperparameter name to distribution; "
            f"got {space!r}."
        )
    parsed: SearchSpace = {}
    for name, spec in space.items():
        if not isinstance(name, str) or not name:
            raise InvalidSpaceError(
                f"Hyperparameter names must be non-empty strings; got {name!r}."
            )
        parsed[name] = parse_distribution(name, spec)
    return parsed


def space_to_dict(space: Mapping[str, Distribution]) -> dict[str, dict[str, Any]]:
    """The plain-data form of a search space, keys sorted."""
    return {name: space[name].to_dict() for name in sorted(space)}


def distribution_to_json(distribution: Distribution) -> str:
    return json.dumps(distribution.to_dict(), sort_keys=True)


def distribution_from_json(text: str) -> Distribution:
    return distribution_from_dict(json.loads(text))
