"""The trials table: filtered by state and hyperparameter ranges, sorted and paged on the server.

The page asks for one page of rows at a time, so a study of 10,000 trials
sends 50 rows, not 10,000. The query string carries:

- ``state``: states to keep, comma-separated (``complete,pruned``); all when absent;
- ``range``: ``NAME:LOW:HIGH``, repeatable; keeps trials whose hyperparameter
  NAME is a number within [LOW, HIGH] (either bound may be left empty);
- ``choice``: ``NAME:VALUE``, repeatable; keeps trials whose hyperparameter NAME
  took the choice written VALUE (as ``str`` writes it: ``rbf``, ``True``, ``3``);
  several for one NAME keep any of them;
- ``sort``: ``number``, ``value`` (the first objective), ``value:I`` (objective I),
  ``duration`` or ``param:NAME``; ``order``: ``asc`` or ``desc``; trials
  without the sorted quantity come last either way;
- ``offset`` and ``limit`` (at most ``MAX_LIMIT``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["MAX_LIMIT", "TableQuery", "parse_table_query", "select_rows"]

MAX_LIMIT = 500
_STATES = {state.name.lower(): state for state in TrialState}


@dataclass(frozen=True, slots=True)
class ParamRange:
    name: str
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class ParamChoice:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class TableQuery:
    """One request for a page of the trials table (see the module docstring)."""

    states: frozenset[TrialState] | None = None
    ranges: tuple[ParamRange, ...] = ()
    choices: tuple[ParamChoice, ...] = ()
    sort: str = "number"
    descending: bool = False
    offset: int = 0
    limit: int = 50


def _refuse(field: str, rule: str, value: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"The {field!r} filter must be {rule}; got {value!r}.")


def _states(text: str) -> frozenset[TrialState]:
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in _STATES]
    if not names or unknown:
        raise _refuse("state", f"a comma-separated list of {', '.join(_STATES)}", text)
    return frozenset(_STATES[name] for name in names)


def _bound(text: str, default: float, whole: str) -> float:
    if not text.strip():
        return default
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if math.isnan(number):
        raise _refuse("range", "NAME:LOW:HIGH with numbers (or nothing) for LOW and HIGH", whole)
    return number


def _range(text: str) -> ParamRange:
    name, colon, bounds = text.rpartition(":")
    name, colon2, low = name.rpartition(":")
    if not (colon and colon2 and name):
        raise _refuse("range", "NAME:LOW:HIGH, for example lr:0.001:0.1", text)
    checked = ParamRange(name, _bound(low, -math.inf, text), _bound(bounds, math.inf, text))
    if checked.low > checked.high:
        raise _refuse("range", "NAME:LOW:HIGH with LOW at most HIGH", text)
    return checked


def _choice(text: str) -> ParamChoice:
    name, colon, value = text.partition(":")
    if not (colon and name):
        raise _refuse("choice", "NAME:VALUE, for example kernel:rbf", text)
    return ParamChoice(name, value)


def _whole(field: str, text: str, low: int, high: int) -> int:
    try:
        number = int(text)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise _refuse(field, f"a whole number from {low} to {high}", text)
    return number


def parse_table_query(
    fields: Mapping[str, str], ranges: Sequence[str], choices: Sequence[str], n_objectives: int
) -> TableQuery:
    """The table query of a request's query string (``ranges``, ``choices``: every such field).

    Raises:
        InvalidArgumentError: a field breaks its rule, named with the value received.
    """
    sort = fields.get("sort", "number")
    objectives = [f"value:{index}" for index in range(n_objectives)]
    if not (sort in ("number", "value", "duration", *objectives) or sort.startswith("param:")):
        raise _refuse(
            "sort", f"number, value, {', '.join(objectives)}, duration or param:NAME", sort
        )
    order = fields.get("order", "asc")
    if order not in ("asc", "desc"):
        raise _refuse("order", "asc or desc", order)
    return TableQuery(
        states=_states(fields["state"]) if fields.get("state") else None,
        ranges=tuple(_range(text) for text in ranges),
        choices=tuple(_choice(text) for text in choices),
        sort="value:0" if sort == "value" else sort,
        descending=order == "desc",
        offset=_whole("offset", fields.get("offset", "0"), 0, 2**31),
        limit=_whole("limit", fields.get("limit", "50"), 1, MAX_LIMIT),
    )


def _in_range(trial: FrozenTrial, checked: ParamRange) -> bool:
    value = trial.params.get(checked.name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return checked.low <= value <= checked.high


def _chosen(trial: FrozenTrial, choices: Sequence[ParamChoice]) -> bool:
    """Whether, for every hyperparameter ``choices`` names, the trial took one of its values."""
    wanted: dict[str, set[str]] = {}
    for choice in choices:
        wanted.setdefault(choice.name, set()).add(choice.value)
    return all(
        name in trial.params and str(trial.params[name]) in values
        for name, values in wanted.items()
    )


def _sort_key(sort: str) -> Callable[[FrozenTrial], float | None]:
    if sort == "number":
        return lambda trial: float(trial.number)
    if sort == "duration":
        return lambda trial: (
            None
            if trial.datetime_start is None or trial.datetime_complete is None
            else (trial.datetime_complete - trial.datetime_start).total_seconds()
        )
    if sort.startswith("value:"):
        index = int(sort.split(":", 1)[1])
        return lambda trial: None if trial.values is None else trial.values[index]
    name = sort.split(":", 1)[1]

    def param(trial: FrozenTrial) -> float | None:
        value: Any = trial.params.get(name)
        return float(value) if isinstance(value, int | float) else None

    return param


def select_rows(trials: Sequence[FrozenTrial], query: TableQuery) -> tuple[int, list[FrozenTrial]]:
    """How many trials pass the query's filters, and the page of them it asks for, sorted."""
    kept = [
        trial
        for trial in trials
        if (query.states is None or trial.state in query.states)
        and all(_in_range(trial, checked) for checked in query.ranges)
        and _chosen(trial, query.choices)
    ]
    key = _sort_key(query.sort)
    keyed = [(key(trial), trial) for trial in kept]
    present = [
        (value, trial) for value, trial in keyed if value is not None and not math.isnan(value)
    ]
    missing = [trial for value, trial in keyed if value is None or math.isnan(value)]
    # Ties keep trial order; sorted() is stable and the trials come ordered by number.
    present.sort(key=lambda pair: pair[0], reverse=query.descending)
    ordered = [trial for _, trial in present] + missing
    return len(ordered), ordered[query.offset : query.offset + query.limit]
