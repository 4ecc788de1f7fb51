"""A study's trials as CSV or JSON text: one row per trial, from ``trial_rows``.

Beside ``trial_rows``' columns, a row holds the values the trial reported by
step (``intermediate_values``, a JSON object of step -> value) and, when the
auto sampler chose, which sampler proposed the trial and why. Timestamps are
ISO 8601 with the time zone: a storage records local time, so a naive
timestamp is read as local time.

Only the standard library is used, so exporting does not need pandas.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from tunesmith.samplers.auto import SAMPLER_CHOICE_ATTR
from tunesmith.study.dataframe import trial_rows
from tunesmith.trial import FrozenTrial

__all__ = ["FORMATS", "export_rows", "export_trial_rows"]

FORMATS = ("csv", "json")


def export_trial_rows(trials: Sequence[FrozenTrial], n_objectives: int) -> list[dict[str, Any]]:
    """``trial_rows`` with each trial's intermediate values and the auto sampler's choice."""
    rows = trial_rows(trials, n_objectives)
    for row, trial in zip(rows, trials, strict=True):
        row["intermediate_values"] = {
            str(step): trial.intermediate_values[step] for step in sorted(trial.intermediate_values)
        }
        choice = trial.system_attrs.get(SAMPLER_CHOICE_ATTR)
        if isinstance(choice, dict):
            row["sampler_choice"] = choice.get("sampler")
            row["sampler_choice_reason"] = choice.get("reason")
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        aware = value if value.tzinfo is not None else value.astimezone()
        return aware.isoformat()
    return value


def _csv_cell(value: Any) -> Any:
    # Lists and mappings (a user attribute) keep their structure as JSON in one cell.
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True)
    return "" if value is None else _plain(value)


def export_rows(rows: Sequence[Mapping[str, Any]], output_format: Literal["csv", "json"]) -> str:
    """The rows as CSV (a header of every column any row has) or a JSON list of objects.

    Datetimes become ISO 8601 strings with their time zone; an absent value is an empty CSV
    cell or JSON null.

    >>> print(export_rows([{"number": 0, "value": 1.5}], "csv"), end="")
    number,value
    0,1.5
    """
    if output_format == "json":
        plain = [{key: _plain(value) for key, value in row.items()} for row in rows]
        return json.dumps(plain, indent=2) + "\n"
    # Columns in first-seen order: a conditional hyperparameter may appear only in later rows.
    columns = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()
