"""How tunesmith prints numbers and hyperparameters for people: one way in every command and report.

Values to six significant digits, counts with separators, hyperparameters
as ``name=value`` pairs in name order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["format_count", "format_hyperparameters", "format_value"]


def format_value(value: Any) -> str:
    """A value as every command prints it: floats to 6 significant digits, nothing as '-'.

    Integers print as written in a config (``max_iter`` 1000, trial 12);
    counts go through ``format_count``.

    >>> format_value(0.33532356646029615), format_value(1000), format_value(None)
    ('0.335324', '1000', '-')
    """
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def format_count(value: Any) -> str:
    """A count (parameters learned, bytes, steps) as every command prints it: ``1,642``.

    >>> format_count(1642), format_count(None)
    ('1,642', '-')
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return format_value(value)


def format_hyperparameters(params: Mapping[str, Any]) -> str:
    """``name=value`` pairs in name order, values as ``format_value`` prints them.

    >>> format_hyperparameters({"kernel": "rbf", "C": 6.515975562882384})
    'C=6.51598, kernel=rbf'
    """
    return ", ".join(f"{name}={format_value(params[name])}" for name in sorted(params))
