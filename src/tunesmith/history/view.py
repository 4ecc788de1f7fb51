"""A study's history seen through a row mask: the trials one trial's sampler learns from.

Hyperband runs its trials in brackets that prune at different steps, so the
value a pruned trial leaves behind means something only beside the values of
its own bracket. A ``RestrictedHistory`` shows a sampler just the rows a pruner
names (Hyperband: the bracket's trials and every completed one): the study
builds one for each call of the sampler from ``Pruner.sampling_rows``.

Rows keep their trial numbers, so a sampler indexes the arrays exactly as it
indexes the full history (its own trial's row, constant-liar rows of running
trials). A row outside the mask reads as a trial that has not started: state
WAITING, no hyperparameters, no values, no intermediate values. Samplers
already skip such rows, so none of them needs to know about the mask. Names
and ranges stay the study's.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tunesmith.history.history import History
from tunesmith.history.intermediate import IntermediateValues
from tunesmith.history.snapshot import STATE_ORDER, HistorySnapshot
from tunesmith.space import Distribution
from tunesmith.trial import FrozenTrial, TrialState

__all__ = ["RestrictedHistory"]

_WAITING = STATE_ORDER.index(TrialState.WAITING)

BoolArray = npt.NDArray[np.bool_]


class RestrictedHistory(History):
    """A read-only view of ``history`` in which only the trials of ``rows`` have happened.

    The view keeps no arrays of its own: every read goes to ``history``, so it
    sees that history's refreshes, and hides the other rows on the way out
    (see the module docstring). Trials numbered beyond ``rows`` (started after
    the mask was taken) are hidden too.

    Args:
        history: the study's full history.
        rows: a boolean mask over trial numbers; True for a trial to show.
    """

    def __init__(self, history: History, rows: BoolArray) -> None:
        # No History.__init__: the arrays, the lock and the storage are ``history``'s.
        self._source = history
        self._rows = np.asarray(rows, dtype=np.bool_)

    def _hidden(self, n_rows: int) -> BoolArray:
        """Which of the first ``n_rows`` trial numbers this view hides."""
        shown = np.zeros(n_rows, dtype=np.bool_)
        common = min(n_rows, self._rows.size)
        shown[:common] = self._rows[:common]
        return ~shown

    def _shows(self, number: int) -> bool:
        return 0 <= number < self._rows.size and bool(self._rows[number])

    def refresh(self) -> None:
        """Refresh the full history this view reads."""
        self._source.refresh()

    # The study's names and ranges, shared by every row ----------------------------

    @property
    def n_trials(self) -> int:
        """Rows in the arrays, hidden ones included: row i is trial number i."""
        return self._source.n_trials

    @property
    def interrupted_numbers(self) -> list[int]:
        """The whole study's interrupted trials: a budget counts every trial, shown or not."""
        return self._source.interrupted_numbers

    @property
    def param_names(self) -> list[str]:
        return self._source.param_names

    def column_of(self, name: str) -> int:
        return self._source.column_of(name)

    @property
    def distributions(self) -> dict[str, Distribution]:
        return self._source.distributions

    def check_compatible(self, name: str, distribution: Distribution) -> None:
        self._source.check_compatible(name, distribution)

    # Rows: the hidden ones read as trials that have not started -------------------

    def snapshot(self) -> HistorySnapshot:
        full = self._source.snapshot()
        hidden = self._hidden(full.n_trials)
        # A snapshot's arrays are fresh copies, so they can be masked in place.
        full.X[hidden] = np.nan
        full.Y[hidden] = np.nan
        full.states[hidden] = _WAITING
        return full

    def intermediate_snapshot(self) -> IntermediateValues:
        full = self._source.intermediate_snapshot()
        hidden = self._hidden(full.reported.shape[0])
        full.minimised[hidden] = np.nan
        full.reported[hidden] = False
        return full

    @property
    def X(self) -> npt.NDArray[np.float64]:  # noqa: N802 - the usual name of a design matrix
        """A copy of the full ``X`` with the hidden rows NaN."""
        return self.snapshot().X

    @property
    def Y(self) -> npt.NDArray[np.float64]:  # noqa: N802
        """A copy of the full ``Y`` with the hidden rows NaN."""
        return self.snapshot().Y

    @property
    def states(self) -> npt.NDArray[np.int64]:
        """A copy of the full ``states`` with the hidden rows WAITING."""
        return self.snapshot().states

    def mask(self, *states: TrialState) -> BoolArray:
        return self.snapshot().mask(*states)

    def trials(self, states: Sequence[TrialState] | None = None) -> list[FrozenTrial]:
        """The records of the shown trials, ordered by number."""
        return [t for t in self._source.trials(states) if self._shows(t.number)]

    def trial(self, number: int) -> FrozenTrial | None:
        """The record of trial ``number``; None when it is hidden."""
        return self._source.trial(number) if self._shows(number) else None
