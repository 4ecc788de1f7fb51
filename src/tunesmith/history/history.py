"""History: a study's trials as NumPy arrays, kept up to date incrementally.

Samplers, pruners and analysis read a History instead of lists of trial
objects. ``refresh`` asks the storage only for the trials that changed since
the last read and rewrites just their rows, taking each hyperparameter's
internal value as the storage keeps it. The history only reads: the storage
it reads from stays private, and whatever a sampler or pruner wants stored it
returns to the study, which writes it.

Arrays (row i is trial number i):

- ``X``: internal hyperparameter values, one column per name in
  ``param_names``, NaN where a trial did not use that hyperparameter (a
  running trial shows the values proposed for it until it suggests them);
- ``Y``: objective values with every objective turned into "minimise", NaN
  where a trial has no values;
- ``states``: the index of each trial's state in ``STATE_ORDER``;

A trial that Ctrl-C stopped (FAIL with ``INTERRUPTED_ATTR``) reads as a
trial that has not started: the objective did not fail at its point, so no
sampler should learn from it, and no budget counts it
(``interrupted_numbers`` lists them).
- intermediate values: a dense sorted ``steps`` index and an ``n_trials x
  n_steps`` matrix of what each trial reported at each step (NaN where it did
  not), read through ``intermediate_snapshot`` and the accessors beside it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import IncompatibleDistributionError
from tunesmith.history.intermediate import IntermediateStore, IntermediateValues
from tunesmith.history.snapshot import STATE_ORDER, HistorySnapshot
from tunesmith.space import Distribution
from tunesmith.storage import ChangedTrial, Storage
from tunesmith.trial import (
    PROPOSAL_ATTR,
    FrozenTrial,
    StudyDirection,
    TrialState,
)

__all__ = ["STATE_ORDER", "History"]

_STATE_CODE = {state: code for code, state in enumerate(STATE_ORDER)}


class History:
    """The columnar, incrementally refreshed view of one study's trials.

    ``RestrictedHistory`` (``history/view.py``) shows a sampler some of these
    rows only; a new reader of the arrays needs its restricted twin there.

    Args:
        storage: the study's storage.
        study_id: the study's id in that storage.
        directions: the study's objective directions.
    """

    def __init__(
        self, storage: Storage, study_id: int, directions: Sequence[StudyDirection]
    ) -> None:
        self._storage = storage
        self._study_id = study_id
        self._signs = np.array(
            [-1.0 if d is StudyDirection.MAXIMIZE else 1.0 for d in directions], dtype=np.float64
        )
        self._lock = threading.Lock()
        self._change_count = 0
        self._trials: list[FrozenTrial | None] = []
        self._distributions: dict[str, Distribution] = {}
        self._columns: dict[str, int] = {}
        self._x = np.empty((0, 0), dtype=np.float64)
        self._y = np.empty((0, len(directions)), dtype=np.float64)
        self._states = np.empty(0, dtype=np.int64)
        self._intermediate = IntermediateStore()
        self._interrupted: set[int] = set()

    def refresh(self) -> None:
        """Fetch the trials that changed since the last refresh."""
        with self._lock:
            changed, change_count = self._storage.get_trials_changed_since(
                self._study_id, self._change_count
            )
            self._apply(changed, change_count)

    def absorb(self, changed: Sequence[ChangedTrial], since: int, change_count: int) -> bool:
        """Take changes read from the storage along with another call, instead of refreshing.

        ``changed`` and ``change_count`` are what ``get_trials_changed_since(study_id,
        since)`` returns (``Storage.start_trial`` reads them in the transaction that
        starts a trial, which spares a round trip). Returns False, taking nothing,
        when the history has moved on from ``since`` meanwhile (another thread
        refreshed it): then only ``refresh`` can bring it up to date.
        """
        with self._lock:
            if since != self._change_count:
                return False
            self._apply(changed, change_count)
            return True

    def _apply(self, changed: Sequence[ChangedTrial], change_count: int) -> None:
        self._change_count = change_count
        if not changed:
            return
        self._grow_rows(max(change.trial.number for change in changed) + 1)
        for change in changed:
            self._write_row(change)

    def _grow_rows(self, n_rows: int) -> None:
        if n_rows <= len(self._trials):
            return
        extra = n_rows - len(self._trials)
        self._trials.extend([None] * extra)
        self._x = np.vstack([self._x, np.full((extra, self._x.shape[1]), np.nan)])
        self._y = np.vstack([self._y, np.full((extra, self._y.shape[1]), np.nan)])
        self._states = np.concatenate(
            [self._states, np.full(extra, _STATE_CODE[TrialState.WAITING], dtype=np.int64)]
        )
        self._intermediate.grow(n_rows)

    def _column(self, name: str, distribution: Distribution) -> int:
        known = self._distributions.get(name)
        if known is None:
            self._distributions[name] = distribution
            self._columns[name] = self._x.shape[1]
            self._x = np.hstack([self._x, np.full((self._x.shape[0], 1), np.nan)])
        # The identity test first: a SQL storage hands out one object per range, and it
        # spares comparing a categorical's choices on every row.
        elif known is not distribution and known != distribution:
            # Another worker stored a clashing range; keep the first, as suggest does.
            return -1
        return self._columns[name]

    def _write_row(self, change: ChangedTrial) -> None:
        trial = change.trial
        row = trial.number
        self._trials[row] = trial
        self._x[row, :] = np.nan
        if trial.interrupted:
            self._interrupted.add(row)
            self._y[row, :] = np.nan
            self._states[row] = _STATE_CODE[TrialState.WAITING]
            self._intermediate.write(row, {})
            return
        for name in sorted(change.internal_params):
            column = self._column(name, trial.distributions[name])
            if column >= 0:
                self._x[row, column] = change.internal_params[name]
        if trial.state is TrialState.RUNNING:
            # What the sampler proposed and the objective has not suggested yet: a running
            # trial's point, which other workers must see to keep away from it.
            for name, internal in trial.system_attrs.get(PROPOSAL_ATTR, {}).items():
                if name not in trial.params and name in self._columns:
                    self._x[row, self._columns[name]] = internal
        if trial.values is not None and len(trial.values) == len(self._signs):
            self._y[row, :] = np.asarray(trial.values, dtype=np.float64) * self._signs
        else:
            self._y[row, :] = np.nan
        self._states[row] = _STATE_CODE[trial.state]
        self._intermediate.write(row, trial.intermediate_values)

    # Read access -------------------------------------------------------------

    @property
    def n_trials(self) -> int:
        return len(self._trials)

    @property
    def interrupted_numbers(self) -> list[int]:
        """The numbers of the trials Ctrl-C stopped, ascending; they read as not started."""
        with self._lock:
            return sorted(self._interrupted)

    @property
    def change_count(self) -> int:
        """The storage's change counter as of the last refresh.

        Pass it to ``Storage.get_trials_changed_since`` to fetch only what
        changed after the rows this history holds (the dashboard's live updates).
        """
        return self._change_count

    @property
    def param_names(self) -> list[str]:
        """Names of every hyperparameter seen so far, in column order."""
        return list(self._columns)

    def column_of(self, name: str) -> int:
        """The column of ``name`` in ``X``. Raises KeyError for a name never seen."""
        return self._columns[name]

    @property
    def distributions(self) -> dict[str, Distribution]:
        """The range of every hyperparameter seen so far."""
        return dict(self._distributions)

    @property
    def X(self) -> npt.NDArray[np.float64]:  # noqa: N802 - the usual name of a design matrix
        return self._x

    @property
    def Y(self) -> npt.NDArray[np.float64]:  # noqa: N802
        return self._y

    @property
    def states(self) -> npt.NDArray[np.int64]:
        return self._states

    # Intermediate values -------------------------------------------------------

    def intermediate_snapshot(self) -> IntermediateValues:
        """Every trial's intermediate values as one consistent copy, in "minimise" form.

        Intermediate values follow the first objective's direction, as ``Y``
        does. Read several facts from one snapshot rather than calling the
        accessors below one after another while other workers report.
        """
        sign = float(self._signs[0]) if self._signs.size else 1.0
        with self._lock:
            return self._intermediate.snapshot(sign)

    @property
    def steps(self) -> npt.NDArray[np.int64]:
        """Every step any trial reported, sorted: the columns of ``intermediate``."""
        return self.intermediate_snapshot().steps

    @property
    def intermediate(self) -> npt.NDArray[np.float64]:
        """``n_trials x n_steps`` values as reported; NaN where a trial did not report a step."""
        return self.intermediate_snapshot().values

    @property
    def intermediate_minimised(self) -> npt.NDArray[np.float64]:
        """``intermediate`` with the signs of ``Y``: lower is better whatever the direction."""
        return self.intermediate_snapshot().minimised

    def intermediate_values_at(self, step: int) -> npt.NDArray[np.float64]:
        """Each trial's value at exactly ``step``, as reported; NaN where not reported."""
        snapshot = self.intermediate_snapshot()
        return snapshot.at(step) * snapshot.sign

    def best_intermediate_until(self, step: int) -> npt.NDArray[np.float64]:
        """Each trial's best value over steps <= ``step``, in "minimise" form; NaN if none."""
        return self.intermediate_snapshot().best_until(step)

    def mask(self, *states: TrialState) -> npt.NDArray[np.bool_]:
        """A boolean row mask of the trials in any of ``states``."""
        codes = [_STATE_CODE[s] for s in states]
        return np.isin(self._states, codes)

    def trials(self, states: Sequence[TrialState] | None = None) -> list[FrozenTrial]:
        """The trial records, ordered by number."""
        present = [t for t in self._trials if t is not None]
        if states is None:
            return present
        return [t for t in present if t.state in states]

    def trial(self, number: int) -> FrozenTrial | None:
        return self._trials[number] if 0 <= number < len(self._trials) else None

    def check_compatible(self, name: str, distribution: Distribution) -> None:
        """Raise if ``name`` was used in earlier trials with another range.

        Raises:
            IncompatibleDistributionError: naming both ranges.
        """
        known = self._distributions.get(name)
        if known is not None and known != distribution:
            raise IncompatibleDistributionError(
                f"Hyperparameter {name!r} was suggested as {distribution!r}, but earlier trials "
                f"of this study used {known!r}. Keep one range per name within a study, or "
                "start a new study."
            )

    def snapshot(self) -> HistorySnapshot:
        """Copies of ``X``, ``Y`` and ``states`` with their names and ranges, as of one instant.

        Other threads may refresh this history while a sampler reads it; the
        arrays of a snapshot always agree with each other.
        """
        with self._lock:
            return HistorySnapshot(
                X=self._x.copy(),
                Y=self._y.copy(),
                states=self._states.copy(),
                columns=dict(self._columns),
                distributions=dict(self._distributions),
            )
