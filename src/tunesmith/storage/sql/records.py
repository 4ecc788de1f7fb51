"""FrozenTrial records to table rows and back, many trials at a time.

``load_trials`` and ``load_changed_trials`` cost two queries however many
trials they return: one for the trial rows, and one for the rows of every
child table (values, hyperparameters, intermediate values, attributes) of
every matching trial at once.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
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

__all__ = [
    "CHANGED_SINCE",
    "ONE_TRIAL",
    "TrialSelection",
    "insert_trial",
    "insert_values",
    "load_changed_trials",
    "load_trials",
]


@functools.cache
def _insert_statement(dialect_name: str, running: bool) -> sa.Insert:
    """The insert of a trial row, its values bound at execution, built once."""
    # A running trial's start is its first heartbeat: a worker that dies before it beats is
    # found dead like any other.
    heartbeat = dialects.epoch_now(dialect_name) if running else None
    return sa.insert(trials).values(heartbeat=heartbeat).returning(trials.c.id)


def insert_trial(
    connection: Connection, study_id: int, number: int, change: int, record: FrozenTrial
) -> int:
    """Store ``record`` as trial ``number`` of the study; the new trial's id.

    ``record``'s own number and id are ignored.

    Raises:
        TypeError: an attribute value is not JSON-serialisable.
    """
    running = record.state is TrialState.RUNNING
    trial_id: int = connection.execute(
        _insert_statement(connection.dialect.name, running),
        {
            "study_id": study_id,
            "number": number,
            "state": record.state.value,
            "datetime_start": record.datetime_start,
            "datetime_complete": record.datetime_complete,
            "changed_at": change,
        },
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


_INSERT_VALUES = sa.insert(trial_values)


def insert_values(connection: Connection, trial_id: int, values: Sequence[float]) -> None:
    """Store the objective values of a trial, one row per objective."""
    rows = [
        {"trial_id": trial_id, "objective": objective, "value": float(value)}
        for objective, value in enumerate(values)
    ]
    if rows:
        connection.execute(_INSERT_VALUES, rows)


# What each row of _children_query comes from; trial attributes are named by their kind,
# "user" or "system".
_VALUE, _PARAM, _STEP = "value", "param", "step"


def _children_query(matching_ids: sa.Select[tuple[int]]) -> sa.CompoundSelect[Any]:
    """Every value, hyperparameter, intermediate value and attribute of the matching trials.

    One query rather than four: each is a round trip to the server, paid on
    every refresh of every worker. Rows are ``(source, trial_id, position,
    name, number, text)``, ordered so that each trial's values come by
    objective, its hyperparameters in the order they were suggested, its
    steps in order and its attributes in the order they were first set.
    """

    def part(
        source: sa.ColumnElement[Any],
        table: sa.Table,
        position: str,
        name: str | None,
        number: str | None,
        text: str | None,
    ) -> sa.Select[Any]:
        def column(key: str | None, type_: type[sa.types.TypeEngine[Any]]) -> Any:
            return sa.cast(sa.null() if key is None else table.c[key], type_)

        return sa.select(
            source,
            table.c.trial_id,
            column(position, sa.BigInteger),
            column(name, sa.Text),
            column(number, sa.Float),
            column(text, sa.Text),
        ).where(table.c.trial_id.in_(matching_ids))

    def literal(name: str) -> sa.ColumnElement[Any]:
        return sa.literal_column(f"'{name}'", sa.String)

    parts = [
        part(literal(_VALUE), trial_values, "objective", None, "value", None),
        part(literal(_PARAM), trial_params, "id", "name", "value_internal", "distribution_json"),
        part(literal(_STEP), trial_intermediate_values, "step", None, "value", None),
        part(sa.cast(trial_attrs.c.kind, sa.String), trial_attrs, "id", "key", None, "value_json"),
    ]
    # Ordered by position 1 (the source), 2 (the trial) and 3 (the position within it).
    return sa.union_all(*parts).order_by(
        sa.literal_column("1"), sa.literal_column("2"), sa.literal_column("3")
    )


class TrialSelection:
    """Which trials to load: the query of their rows and that of their children, built once.

    Building a query costs more Python than running it; the selections every
    worker makes on every trial are built at import, with bound parameters.
    """

    def __init__(self, condition: sa.ColumnElement[bool]) -> None:
        self.rows = (
            sa.select(
                trials.c.id,
                trials.c.number,
                trials.c.state,
                trials.c.datetime_start,
                trials.c.datetime_complete,
            )
            .where(condition)
            .order_by(trials.c.number)
        )
        self.children = _children_query(sa.select(trials.c.id).where(condition))


ONE_TRIAL = TrialSelection(trials.c.id == sa.bindparam("trial_id"))
"""The trial of id ``trial_id``."""

CHANGED_SINCE = TrialSelection(
    sa.and_(
        trials.c.study_id == sa.bindparam("study_id"),
        trials.c.changed_at > sa.bindparam("change_count"),
    )
)
"""The trials of study ``study_id`` changed after its counter was ``change_count``."""


def load_trials(
    connection: Connection,
    selection: TrialSelection | sa.ColumnElement[bool],
    parameters: Mapping[str, Any] | None = None,
) -> list[FrozenTrial]:
    """The selected trials, ordered by number; ``parameters`` bind a prebuilt selection's."""
    return [change.trial for change in load_changed_trials(connection, selection, parameters)]


def load_changed_trials(
    connection: Connection,
    selection: TrialSelection | sa.ColumnElement[bool],
    parameters: Mapping[str, Any] | None = None,
) -> list[ChangedTrial]:
    """The selected trials, ordered by number, with internal values.

    ``selection`` is a prebuilt ``TrialSelection`` with its ``parameters``,
    or a condition on the trial rows.
    """
    if not isinstance(selection, TrialSelection):
        selection = TrialSelection(selection)
    bound = dict(parameters or {})
    trial_rows = connection.execute(selection.rows, bound).all()
    if not trial_rows:
        return []

    values: dict[int, list[float]] = defaultdict(list)
    params: dict[int, dict[str, Any]] = defaultdict(dict)
    internal_params: dict[int, dict[str, float]] = defaultdict(dict)
    distributions: dict[int, dict[str, Distribution]] = defaultdict(dict)
    intermediate: dict[int, dict[int, float]] = defaultdict(dict)
    attrs: dict[tuple[int, str], dict[str, Any]] = defaultdict(dict)
    # Trials of one study share a few distributions; decode each text once.
    decoded: dict[str, Distribution] = {}
    for source, trial_id, position, name, number, text in connection.execute(
        selection.children, bound
    ):
        if source == _VALUE:
            values[trial_id].append(number)
        elif source == _PARAM:
            if text not in decoded:
                decoded[text] = distribution_from_json(text)
            params[trial_id][name] = decoded[text].to_external(number)
            internal_params[trial_id][name] = number
            distributions[trial_id][name] = decoded[text]
        elif source == _STEP:
            intermediate[trial_id][position] = codec.decode_intermediate(number)
        else:
            attrs[trial_id, source][name] = codec.decode_attr(text)

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
