"""Generations from trial numbers: the parent population each generation breeds from.

Trial number ``k`` belongs to generation ``k // population_size``. The
parents of generation ``g`` are the survivors of generation ``g - 1``'s
parents together with the trials of generation ``g - 1`` that completed,
and generation 0 has none (its trials are drawn at random). Everything is
derived from the history, so any process, or a study loaded again, breeds
from the same parents; a generation's trials still running when the next
one starts are simply not among its parents. Failed and pruned trials are
never parents.
"""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt

from tunesmith.history import HistorySnapshot
from tunesmith.samplers._nsga2.survival import Population, empty_population, select_survivors
from tunesmith.trial import TrialState

__all__ = ["ParentCache"]

IntArray = npt.NDArray[np.int64]


class ParentCache:
    """Each generation's parents, kept between asks and rebuilt from where the history changed.

    Args:
        population_size: trials per generation, and parents kept per generation.
    """

    def __init__(self, population_size: int) -> None:
        self._size = population_size
        self._lock = threading.Lock()
        # Entry g: the completed trials of generation g it folded in, and the parents after them.
        self._folded: list[tuple[tuple[int, ...], Population]] = []

    def parents(self, snapshot: HistorySnapshot, generation: int) -> Population:
        """The parent population of ``generation``, from the history as ``snapshot`` shows it."""
        values = snapshot.Y
        complete = snapshot.mask(TrialState.COMPLETE) & ~np.isnan(values).any(axis=1)
        rows: IntArray = np.flatnonzero(complete).astype(np.int64)
        bounds = np.searchsorted(rows, np.arange(generation + 1) * self._size)
        population = empty_population()
        with self._lock:
            unchanged = True
            for previous in range(generation):
                members = rows[bounds[previous] : bounds[previous + 1]]
                key = tuple(int(row) for row in members)
                if unchanged and previous < len(self._folded) and self._folded[previous][0] == key:
                    population = self._folded[previous][1]
                    continue
                unchanged = False
                candidates = np.concatenate([population.rows, members])
                population = select_survivors(candidates, values[candidates], self._size)
                del self._folded[previous:]
                self._folded.append((key, population))
        return population
