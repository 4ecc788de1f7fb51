"""Trials as the dashboard's JSON shows them: a table row, and one trial's whole page.

JSON has no NaN or infinity, so a non-finite value travels as its name
(``"nan"``, ``"inf"``, ``"-inf"``), which the page prints as it is.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import Any

from tunesmith.trial import FAIL_REASON_ATTR, NOTE_ATTR, FrozenTrial
from tunesmith.trial.user_attrs import N_BYTES, N_PARAMETERS

__all__ = ["jsonable", "trial_detail", "trial_row"]


def jsonable(value: Any) -> Any:
    """``value`` with every non-finite float (at any depth) replaced by its name.

    >>> jsonable({"a": [1.5, float("inf")], "b": float("nan")})
    {'a': [1.5, 'inf'], 'b': 'nan'}
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def _timestamp(moment: datetime.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _duration(trial: FrozenTrial) -> float | None:
    if trial.datetime_start is None or trial.datetime_complete is None:
        return None
    return (trial.datetime_complete - trial.datetime_start).total_seconds()


def trial_row(trial: FrozenTrial) -> dict[str, Any]:
    """What the trials table shows of ``trial``: number, state, values, hyperparameters, timing."""
    return {
        "number": trial.number,
        "state": trial.state.name.lower(),
        "values": None if trial.values is None else jsonable(list(trial.values)),
        "params": jsonable(dict(trial.params)),
        "duration": _duration(trial),
        "datetime_start": _timestamp(trial.datetime_start),
        "datetime_complete": _timestamp(trial.datetime_complete),
        "note": str(trial.system_attrs.get(NOTE_ATTR, "")),
    }


def trial_detail(trial: FrozenTrial) -> dict[str, Any]:
    """One trial's page: its row, ranges, intermediate values, attributes, model card, fail reason.

    The model card holds what the trial's model learned (``n_parameters``,
    ``n_bytes``, as the scikit-learn objective records them) beside the
    hyperparameters that were set; it is None when none was recorded.
    """
    learned = {
        key: trial.user_attrs[key] for key in (N_PARAMETERS, N_BYTES) if key in trial.user_attrs
    }
    return {
        **trial_row(trial),
        "distributions": {name: repr(trial.distributions[name]) for name in trial.distributions},
        "intermediate_values": [
            [step, jsonable(trial.intermediate_values[step])]
            for step in sorted(trial.intermediate_values)
        ],
        "user_attrs": jsonable(dict(trial.user_attrs)),
        "model_card": jsonable(learned) if learned else None,
        "fail_reason": trial.system_attrs.get(FAIL_REASON_ATTR),
    }
