"""The life cycle of a trial and the direction of a study's objectives."""

from __future__ import annotations

import enum

__all__ = ["StudyDirection", "TrialState"]


class TrialState(enum.Enum):
    """Where a trial is in its life.

    WAITING trials were enqueued with fixed hyperparameters and wait for a
    worker; RUNNING trials are being evaluated; the other three are finished.
    """

    WAITING = "WAITING"
    RUNNING = "RUNNING"
    COMPLETE = "COMPLETE"
    PRUNED = "PRUNED"
    FAIL = "FAIL"

    def is_finished(self) -> bool:
        return self in (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)


class StudyDirection(enum.Enum):
    """Whether an objective is to be minimised or maximised."""

    MINIMIZE = "minimize"
    MAXIMIZE = "maximize"

    @classmethod
    def parse(cls, value: StudyDirection | str, argument: str = "direction") -> StudyDirection:
        """Accept a direction or its name, in any case."""
        from tunesmith.exceptions import InvalidArgumentError

        if isinstance(value, StudyDirection):
            return value
        if isinstance(value, str) and value.lower() in ("minimize", "maximize"):
            return cls(value.lower())
        raise InvalidArgumentError(
            f"The '{argument}' argument must be 'minimize' or 'maximize'; got {value!r}."
        )
