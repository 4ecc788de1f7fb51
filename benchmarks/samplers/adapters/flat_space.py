"""A problem's space as a flat list of hyperparameters, for tools that ask for whole configs.

SMAC3 and HEBO suggest a complete configuration at once rather than answering
``suggest_*`` calls. Both get each categorical as unordered labels (``"0"``, ``"1"``,
...: their types hold strings best), and ``to_params`` turns a suggestion back into
the problem's params: the original choices, and only the hyperparameters whose
branch is taken (HEBO, which has no conditions, suggests every one).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from benchmarks.samplers.problems.base import CategoricalParam, IntParam, Param, Params, Space

__all__ = ["Condition", "choice_labels", "flat_params", "to_params"]

# (parent name, the parent's label that makes the hyperparameter active)
Condition = tuple[str, str]


def choice_labels(param: CategoricalParam) -> list[str]:
    """The labels the tools see for ``param``'s choices, in order."""
    return [str(index) for index in range(len(param.choices))]


def flat_params(
    space: Space, condition: Condition | None = None
) -> Iterator[tuple[str, Param, Condition | None]]:
    """Every hyperparameter with the condition that activates it (None: always active)."""
    for name, param in space.items():
        yield name, param, condition
        if isinstance(param, CategoricalParam):
            for label, choice in zip(choice_labels(param), param.choices, strict=True):
                yield from flat_params(param.branches.get(choice, {}), (name, label))


def to_params(space: Space, suggestion: Mapping[str, Any]) -> Params:
    """``suggestion`` (name -> tool value) as the problem's params, with Python types."""
    params: Params = {}
    for name, param in space.items():
        value = suggestion[name]
        if isinstance(param, CategoricalParam):
            choice = param.choices[int(str(value))]
            params[name] = choice
            params.update(to_params(param.branches.get(choice, {}), suggestion))
        elif isinstance(param, IntParam):
            params[name] = round(float(value))
        else:
            params[name] = float(value)
    return params
