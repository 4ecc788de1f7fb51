"""A copy of a history's arrays taken at one instant, so that they agree with each other.

Other workers' threads refresh a study's History while a sampler reads it. A
sampler that read the live arrays one after another could get a row in ``X``
that ``Y`` or ``states`` does not have yet; ``History.snapshot`` copies them
all under the history's lock instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tunesmith.space import Distribution
from tunesmith.trial import TrialState

__all__ = ["STATE_ORDER", "HistorySnapshot"]

# ``states`` arrays hold each trial's state as its index in this tuple.
STATE_ORDER: tuple[TrialState, ...] = tuple(TrialState)

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class HistorySnapshot:
    """Copies of a history's arrays, consistent with each other (see the module docstring).

    Attributes:
        X: internal hyperparameter values, one column per name of ``columns``.
        Y: objective values in "minimise" form.
        states: each trial's index in ``STATE_ORDER``.
        columns: hyperparameter name -> column of ``X``.
        distributions: the range of each name of ``columns``.
    """

    X: FloatArray
    Y: FloatArray
    states: npt.NDArray[np.int64]
    columns: dict[str, int]
    distributions: dict[str, Distribution]

    @property
    def n_trials(self) -> int:
        return len(self.states)

    def mask(self, *states: TrialState) -> npt.NDArray[np.bool_]:
        """A boolean row mask of the trials in any of ``states``."""
        return np.isin(self.states, [STATE_ORDER.index(state) for state in states])

    def completed_space(self) -> dict[str, Distribution]:
        """The hyperparameters every COMPLETE trial used, by name in sorted order."""
        complete = self.mask(TrialState.COMPLETE)
        if not complete.any():
            return {}
        used = ~np.isnan(self.X[complete])
        return {
            name: self.distributions[name]
            for name, column in sorted(self.columns.items())
            if used[:, column].all()
        }

    def unit_matrix(self, space: Mapping[str, Distribution]) -> FloatArray:
        """Every trial's hyperparameters of ``space`` in [0, 1]; NaN where a trial did not use one.

        Names of ``space`` the history has not seen are NaN throughout.
        """
        if not space:
            return np.empty((self.n_trials, 0), dtype=np.float64)
        return np.column_stack(
            [
                distribution.to_unit(self.X[:, self.columns[name]])
                if name in self.columns
                else np.full(self.n_trials, np.nan)
                for name, distribution in space.items()
            ]
        ).astype(np.float64, copy=False)
