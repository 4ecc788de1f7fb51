"""FrozenTrial records to table rows and back, many trials at a time.

``load_trials`` and ``load_changed_trials`` cost five queries however many
trials they return: one for the trial rows and one per child table, each
selecting the children of every matching trial at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tunesmith.space import Distribution, distribution_from_json, distribution_to_json
from tunesmith.storage.base import ChangedTrial
from tunesmith.storage.sql import codec, dialects
from tunesmith.storage.sql.schema import (
    trial_attrs,
    trial_intermediate_values,
    trial_params,
    trial_values,
    trials,
)
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["insert_trial", "insert_values", "load_changed_trials", "load_trials"]


def insert_trial(
    connection: Connection, study_id: int, number: int, change: int, record: FrozenTrial
) -> int:
    """Store ``record`` as trial ``number`` of the study; the new trial's id.

    ``record``'s own number and id are ignored.

    Raises:
        TypeError: an attribute value is not JSON-serialisable.
    """
    trial_id: int = connection.execute(
        sa.insert(trials)
        .values(
            study_id=study_id,
            number=number,
            state=record.state.value,
            datetime_start=record.datetime_start,
            datetime_complete=record.datetime_complete,
            # A trial's start is its first heartbeat: a worker that dies before it beats is
            # found dead like any other.
            heartbeat=(
                dialects.epoch_now(connection.dialect.name)
                if record.state is TrialState.RUNNING
                else None
            ),
            changed_at=change,
        )
        .returning(trials.c.id)
    ).scalar_one()
    if record.values is not None:
        insert_values(connection, trial_id, record.values)
    params = [
        {
            "trial_id": trial_id,
            "name": name,
            "value_internal": distribution.to_internal(record.params[name]),
            "distribution_json": distribution_to_json(distribution),
        }
        for name, distribution in record.distributions.items()
    ]
    intermediate = [
        {"trial_id": trial_id, "step": step, "value": codec.encode_intermediate(value)}
        for step, value in record.intermediate_values.items()
    ]
    attrs = [
        {
            "trial_id": trial_id,
            "kind": kind,
            "key": key,
            "value_json": codec.encode_attr(value, f"trial attribute {key!r}"),
        }
        for kind, mapping in (("user", record.user_attrs), ("system", record.system_attrs))
        for key, value in mapping.items()
    ]
    for table, rows in (
        (trial_params, params),
        (trial_intermediate_values, intermediate),
        (trial_attrs, attrs),
    ):
        if rows:
            connection.execute(sa.insert(table), rows)
    return trial_id


def insert_values(connection: Connection, trial_id: int, values: Sequence[float]) -> None:
    """Store the objective values of a trial, one row per objective."""
    rows = [
        {"trial_id": trial_id, "objective": objective, "value": float(value)}
        for objective, value in enumerate(values)
    ]
    if rows:
        connection.execute(sa.insert(trial_values), rows)


def load_trials(connection: Connection, condition: sa.ColumnElement[bool]) -> list[FrozenTrial]:
    """The trials whose rows match ``condition``, ordered by number."""
    return [changed.trial for changed in load_changed_trials(connection, condition)]


def load_changed_trials(
    connection: Connection, condition: sa.ColumnElement[bool]
) -> list[ChangedTrial]:
    """The trials whose rows match ``condition``, ordered by number, with internal values."""
    trial_rows = connection.execute(
        sa.select(
            trials.c.id,
            trials.c.number,
            trials.c.state,
            trials.c.datetime_start,
            trials.c.datetime_complete,
        )
        .where(condition)
        .order_by(trials.c.number)
    ).all()
    if not trial_rows:
        return []
    matching_ids = sa.select(trials.c.id).where(condition)

    values: dict[int, list[float]] = defaultdict(list)
    for trial_id, value in connection.execute(
        sa.select(trial_values.c.trial_id, trial_values.c.value)
        .where(trial_values.c.trial_id.in_(matching_ids))
        .order_by(trial_values.c.trial_id, trial_values.c.objective)
    ):
        values[trial_id].append(value)

    params: dict[int, dict[str, Any]] = defaultdict(dict)
    internal_params: dict[int, dict[str, float]] = defaultdict(dict)
    distributions: dict[int, dict[str, Distribution]] = defaultdict(dict)
    # Trials of one study share a few distributions; decode each text once.
    decoded: dict[str, Distribution] = {}
    for trial_id, name, internal, text in connection.execute(
        sa.select(
            trial_params.c.trial_id,
            trial_params.c.name,
            trial_params.c.value_internal,
            trial_params.c.distribution_json,
        )
        .where(trial_params.c.trial_id.in_(matching_ids))
        .order_by(trial_params.c.id)
    ):
        if text not in decoded:
            decoded[text] = distribution_from_json(text)
        params[trial_id][name] = decoded[text].to_external(internal)
        internal_params[trial_id][name] = internal
        distributions[trial_id][name] = decoded[text]

    intermediate: dict[int, dict[int, float]] = defaultdict(dict)
    for trial_id, step, value in connection.execute(
        sa.select(
            trial_intermediate_values.c.trial_id,
            trial_intermediate_values.c.step,
            trial_intermediate_values.c.value,
        )
        .where(trial_intermediate_values.c.trial_id.in_(matching_ids))
        .order_by(trial_intermediate_values.c.trial_id, trial_intermediate_values.c.step)
    ):
        intermediate[trial_id][step] = codec.decode_intermediate(value)

    attrs: dict[tuple[int, str], dict[str, Any]] = defaultdict(dict)
    for trial_id, kind, key, text in connection.execute(
        sa.select(
            trial_attrs.c.trial_id, trial_attrs.c.kind, trial_attrs.c.key, trial_attrs.c.value_json
        )
        .where(trial_attrs.c.trial_id.in_(matching_ids))
        .order_by(trial_attrs.c.id)
    ):
        attrs[trial_id, kind][key] = codec.decode_attr(text)

    return [
        ChangedTrial(
            FrozenTrial(
                number=row.number,
                trial_id=row.id,
                state=TrialState(row.state),
                values=tuple(values[row.id]) if row.id in values else None,
                params=params.get(row.id, {}),
                distributions=distributions.get(row.id, {}),
                intermediate_values=intermediate.get(row.id, {}),
                user_attrs=attrs.get((row.id, "user"), {}),
                system_attrs=attrs.get((row.id, "system"), {}),
                datetime_start=row.datetime_start,
                datetime_complete=row.datetime_complete,
            ),
            MappingProxyType(internal_params.get(row.id, {})),
        )
        for row in trial_rows
    ]
