"""Record how many parameters a trial's fitted model learned, and how much memory they take."""

from __future__ import annotations

from typing import Any

from tunesmith.exceptions import UnsupportedModelError
from tunesmith.models import inspect
from tunesmith.study import Trial

__all__ = ["record_model_size"]


def record_model_size(trial: Trial, fitted: Any) -> None:
    """Store ``n_parameters`` and ``n_bytes`` of ``fitted`` as user attributes of ``trial``.

    A model tunesmith cannot count (see ``tunesmith.inspect``) records
    nothing: its size is unknown, which does not make the trial fail.
    """
    try:
        card = inspect(fitted)
    except UnsupportedModelError:
        return
    for key, value in card.summary().items():
        trial.set_user_attr(key, value)
