"""Configuration problems as one-line messages: the file, the field, the rule, the value.

pydantic's messages ("Input should be a valid number, unable to parse string
as a number") are written for programmers; these say what a config author
needs: "svm.yaml: field 'space.C.low': must be a number; got 'abc'".
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tunesmith.exceptions import ConfigError

__all__ = ["config_error", "describe_validation_error"]

_RULES = {
    "missing": "is required",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be a string",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
    "list_type": "must be a list",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "literal_error": "must be one of {expected}",
}

# Long values (a whole mapping) are cut: the field name already says where to look.
_MAX_VALUE_CHARS = 80


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_VALUE_CHARS else text[: _MAX_VALUE_CHARS - 3] + "..."


def config_error(source: str, field: str, rule: str, value: Any) -> ConfigError:
    """The error for a field of config ``source`` that breaks ``rule`` with ``value``."""
    return ConfigError(f"{source}: field '{field}': {rule.rstrip('.')}; got {_shown(value)}.")


def describe_validation_error(error: ValidationError, root: type[BaseModel], source: str) -> str:
    """One line per problem of ``error``, raised validating ``root`` from file ``source``."""
    return "\n".join(_describe(detail, root, source) for detail in error.errors())


def _describe(detail: ErrorDetails, root: type[BaseModel], source: str) -> str:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    context = detail.get("ctx") or {}
    if kind == "value_error":
        rule = str(context.get("error", detail["msg"]))
    elif kind == "extra_forbidden":
        allowed = _allowed_keys(root, loc[:-1])
        rule = f"is not a known key; allowed keys: {', '.join(allowed)}"
    elif kind in _RULES:
        rule = _RULES[kind].format(**context)
    else:
        rule = detail["msg"]
    if not loc:
        return f"{source}: {rule}."
    field = ".".join(str(part) for part in loc)
    if kind == "missing" or "; got " in rule:
        # Nothing to show, or the rule's own message already shows the value.
        return f"{source}: field '{field}': {rule.rstrip('.')}."
    return f"{source}: field '{field}': {rule.rstrip('.')}; got {_shown(detail['input'])}."


def _allowed_keys(root: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys the section at ``loc`` accepts, found by following the models' annotations."""
    annotation: Any = root
    for part in loc:
        model = _model_of(annotation)
        if model is not None:
            field = next(
                (f for name, f in model.model_fields.items() if (f.alias or name) == part), None
            )
            if field is None:
                return []
            annotation = field.annotation
        else:
            # A list index or a mapping key: step into the item type.
            arguments = typing.get_args(_without_none(annotation))
            if not arguments:
                return []
            annotation = arguments[-1]
    model = _model_of(annotation)
    if model is None:
        return []
    return sorted(field.alias or name for name, field in model.model_fields.items())


def _without_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        remaining = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(remaining) == 1:
            return remaining[0]
    return annotation


def _model_of(annotation: Any) -> type[BaseModel] | None:
    candidate = _without_none(annotation)
    if isinstance(candidate, type) and issubclass(candidate, BaseModel):
        return candidate
    return None
