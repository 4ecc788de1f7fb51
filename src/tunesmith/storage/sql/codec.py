"""How Python values become column values and back: attributes, directions, NaN."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from tunesmith.trial import StudyDirection

__all__ = [
    "decode_attr",
    "decode_directions",
    "decode_intermediate",
    "encode_attr",
    "encode_directions",
    "encode_intermediate",
    "json_copy",
]


def encode_attr(value: Any, what: str) -> str:
    """The JSON text of an attribute value.

    Raises:
        TypeError: ``value`` is not JSON-serialisable; the message names ``what``.
    """
    try:
        return json.dumps(value)
    except (TypeError, ValueError) as error:
        raise TypeError(f"The value of {what} must be JSON-serialisable; got {value!r}.") from error


def decode_attr(text: str) -> Any:
    return json.loads(text)


def json_copy(attrs: Mapping[str, Any], what: str) -> dict[str, Any]:
    """``attrs`` as they read back from the database (tuples become lists, and so on).

    Raises:
        TypeError: a value is not JSON-serialisable; the message names ``what`` and its key.
    """
    return {key: json.loads(encode_attr(value, f"{what} {key!r}")) for key, value in attrs.items()}


def encode_directions(directions: Sequence[StudyDirection | str]) -> str:
    return json.dumps([StudyDirection.parse(d, "directions").value for d in directions])


def decode_directions(text: str) -> tuple[StudyDirection, ...]:
    return tuple(StudyDirection(name) for name in json.loads(text))


def encode_intermediate(value: float) -> float | None:
    # SQLite turns NaN into NULL; every backend does so on purpose, and reads it back.
    number = float(value)
    return None if math.isnan(number) else number


def decode_intermediate(value: float | None) -> float:
    return math.nan if value is None else float(value)
