"""A study's trials as a pandas DataFrame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tunesmith.trial import FrozenTrial

if TYPE_CHECKING:
    import pandas

__all__ = ["trial_rows", "trials_dataframe"]


def trial_rows(trials: Sequence[FrozenTrial], n_objectives: int) -> list[dict[str, Any]]:
    """One flat dict per trial: number, state, value(s), params_*, user_attrs_*, timing.

    A study of ``n_objectives`` above 1 has ``values_0``, ``values_1``, ...; of one, ``value``.
    """
    rows = []
    for trial in trials:
        row: dict[str, Any] = {"number": trial.number, "state": trial.state.name}
        if n_objectives > 1:
            for index in range(n_objectives):
                row[f"values_{index}"] = trial.values[index] if trial.values else None
        else:
            row["value"] = trial.values[0] if trial.values else None
        row["datetime_start"] = trial.datetime_start
        row["datetime_complete"] = trial.datetime_complete
        row["duration_seconds"] = trial.duration.total_seconds() if trial.duration else None
        for name in sorted(trial.params):
            row[f"params_{name}"] = trial.params[name]
        for key in sorted(trial.user_attrs):
            row[f"user_attrs_{key}"] = trial.user_attrs[key]
        rows.append(row)
    return rows


def trials_dataframe(trials: Sequence[FrozenTrial], n_objectives: int) -> pandas.DataFrame:
    """The trials as a DataFrame (needs pandas: pip install "tunesmith[pandas]")."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            'trials_dataframe needs pandas: pip install "tunesmith[pandas]"'
        ) from None
    return pandas.DataFrame(trial_rows(trials, n_objectives))
