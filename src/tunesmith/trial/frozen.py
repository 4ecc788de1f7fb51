"""FrozenTrial: the read-only record of one trial, as the storage keeps it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from tunesmith.space import Distribution
from tunesmith.trial.state import TrialState
from tunesmith.trial.system_attrs import INTERRUPTED_ATTR

__all__ = ["FrozenTrial"]

_MAPPING_FIELDS = ("params", "distributions", "intermediate_values", "user_attrs", "system_attrs")


def _rebuild(values: dict[str, Any]) -> FrozenTrial:
    return FrozenTrial(**values)


@dataclass(frozen=True, slots=True)
class FrozenTrial:
    """One trial as stored: its hyperparameters, results and timing.

    The mapping fields are read-only views, so a record handed to a callback
    or a sampler cannot be changed behind the storage's back.

    Attributes:
        number: the trial's position in its study, 0 for the first; assigned by the storage.
        trial_id: the storage's own id of the trial, unique across studies.
        state: where the trial is in its life.
        values: the objective values of a COMPLETE trial, one per direction; otherwise None.
        params: hyperparameter name -> value the objective received.
        distributions: hyperparameter name -> the range it was drawn from.
        intermediate_values: step -> value reported with ``Trial.report``.
        user_attrs: what the objective stored with ``Trial.set_user_attr``.
        system_attrs: what tunesmith itself stored (fixed hyperparameters, grid index, ...).
        datetime_start: when the trial started running.
        datetime_complete: when it finished.
    """

    number: int
    trial_id: int
    state: TrialState
    values: tuple[float, ...] | None
    params: Mapping[str, Any]
    distributions: Mapping[str, Distribution]
    intermediate_values: Mapping[int, float]
    user_attrs: Mapping[str, Any]
    system_attrs: Mapping[str, Any]
    datetime_start: datetime.datetime | None
    datetime_complete: datetime.datetime | None

    def __post_init__(self) -> None:
        for name in _MAPPING_FIELDS:
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        if self.values is not None:
            object.__setattr__(self, "values", tuple(float(v) for v in self.values))

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # Read-only mapping views cannot be pickled; rebuild from plain dicts.
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in _MAPPING_FIELDS:
            state[name] = dict(state[name])
        return _rebuild, (state,)

    @property
    def value(self) -> float | None:
        """The single objective value; raises for a multi-objective trial."""
        if self.values is None:
            return None
        if len(self.values) != 1:
            raise ValueError(
                f"Trial {self.number} has {len(self.values)} objective values; use 'values'."
            )
        return self.values[0]

    @property
    def duration(self) -> datetime.timedelta | None:
        if self.datetime_start is None or self.datetime_complete is None:
            return None
        return self.datetime_complete - self.datetime_start

    @property
    def interrupted(self) -> bool:
        """Whether Ctrl-C stopped this trial: FAIL with no failure of the objective."""
        return self.state is TrialState.FAIL and bool(self.system_attrs.get(INTERRUPTED_ATTR))

    @property
    def last_step(self) -> int | None:
        return max(self.intermediate_values) if self.intermediate_values else None

    def internal_params(self) -> dict[str, float]:
        """The hyperparameters in the storage's internal float form."""
        return {
            name: self.distributions[name].to_internal(value) for name, value in self.params.items()
        }
