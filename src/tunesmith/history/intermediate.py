"""Intermediate values by step: an incrementally kept matrix and its read-only snapshots.

Every step any trial reported becomes one column of a dense, sorted step
index; row i holds what trial number i reported. A reported NaN (a diverged
run) is kept apart from "not reported" by a boolean mask, because both are NaN
in the matrix.

Pruners read an ``IntermediateValues`` snapshot, so one decision sees one
consistent state even while other threads refresh the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["IntermediateStore", "IntermediateValues"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class IntermediateValues:
    """A snapshot of every trial's intermediate values, in "minimise" form.

    Attributes:
        steps: every step any trial reported, sorted ascending.
        minimised: ``n_trials x n_steps`` values, multiplied by the sign that
            turns the study's objective into "minimise"; NaN where a trial did
            not report that step, or reported NaN.
        reported: where a trial reported a value (True for a reported NaN too).
        sign: +1.0 for a minimised objective, -1.0 for a maximised one.
    """

    steps: IntArray
    minimised: FloatArray
    reported: BoolArray
    sign: float

    @property
    def values(self) -> FloatArray:
        """The values as reported, in the objective's own direction."""
        return self.minimised * self.sign

    def at(self, step: int) -> FloatArray:
        """Each trial's minimise-form value at exactly ``step``; NaN where not reported."""
        column = np.searchsorted(self.steps, step)
        if column == self.steps.size or self.steps[column] != step:
            return np.full(self.minimised.shape[0], np.nan)
        return self.minimised[:, column].copy()

    def best_until(self, step: int) -> FloatArray:
        """Each trial's best (lowest minimise-form) value over steps <= ``step``.

        Reported NaNs are skipped; NaN where a trial has no number by then.
        """
        window = self.minimised[:, self.steps <= step]
        numbers = ~np.isnan(window)
        best = np.where(numbers, window, np.inf).min(axis=1, initial=np.inf)
        return np.where(numbers.any(axis=1), best, np.nan)

    def first_from(self, step: int) -> tuple[FloatArray, BoolArray]:
        """Each trial's value at its first reported step >= ``step``.

        Returns the minimise-form values (NaN where the trial has not reached
        ``step``, or reported NaN there) and which trials reached ``step``.
        """
        later = self.steps >= step
        n_trials = self.reported.shape[0]
        if not later.any():
            return np.full(n_trials, np.nan), np.zeros(n_trials, dtype=np.bool_)
        window = self.reported[:, later]
        reached: BoolArray = np.asarray(window.any(axis=1), dtype=np.bool_)
        values = self.minimised[:, later][np.arange(n_trials), window.argmax(axis=1)]
        return np.where(reached, values, np.nan), reached

    def last_steps(self) -> IntArray:
        """Each trial's last reported step; -1 for a trial that reported nothing."""
        n_steps = self.steps.size
        if n_steps == 0:
            return np.full(self.reported.shape[0], -1, dtype=np.int64)
        last_column = n_steps - 1 - self.reported[:, ::-1].argmax(axis=1)
        return np.where(self.reported.any(axis=1), self.steps[last_column], -1).astype(np.int64)


class IntermediateStore:
    """The mutable matrix behind ``IntermediateValues``; its owner serialises access.

    Rows are trial numbers and grow with the study; a column is inserted, in
    step order, the first time any trial reports a new step, which happens
    once per distinct step over a study's life.
    """

    def __init__(self) -> None:
        self._steps = np.empty(0, dtype=np.int64)
        self._values = np.empty((0, 0), dtype=np.float64)
        self._reported = np.empty((0, 0), dtype=np.bool_)

    def grow(self, n_rows: int) -> None:
        """Add empty rows up to ``n_rows`` in all."""
        extra = n_rows - self._values.shape[0]
        if extra <= 0:
            return
        n_steps = self._steps.size
        self._values = np.vstack([self._values, np.full((extra, n_steps), np.nan)])
        self._reported = np.vstack([self._reported, np.zeros((extra, n_steps), dtype=np.bool_)])

    def write(self, row: int, reported: Mapping[int, float]) -> None:
        """Replace row ``row`` with the step -> value pairs one trial reported."""
        self._values[row, :] = np.nan
        self._reported[row, :] = False
        if not reported:
            return
        steps = np.fromiter(reported.keys(), dtype=np.int64, count=len(reported))
        values = np.fromiter(reported.values(), dtype=np.float64, count=len(reported))
        self._add_steps(steps)
        columns = np.searchsorted(self._steps, steps)
        self._values[row, columns] = values
        self._reported[row, columns] = True

    def _add_steps(self, steps: IntArray) -> None:
        merged = np.union1d(self._steps, steps)
        if merged.size == self._steps.size:
            return
        old_columns = np.searchsorted(merged, self._steps)
        n_rows = self._values.shape[0]
        values = np.full((n_rows, merged.size), np.nan)
        reported = np.zeros((n_rows, merged.size), dtype=np.bool_)
        values[:, old_columns] = self._values
        reported[:, old_columns] = self._reported
        self._steps, self._values, self._reported = merged.astype(np.int64), values, reported

    def snapshot(self, sign: float) -> IntermediateValues:
        """A copy that later writes do not change."""
        return IntermediateValues(
            steps=self._steps.copy(),
            minimised=self._values * sign,
            reported=self._reported.copy(),
            sign=sign,
        )
