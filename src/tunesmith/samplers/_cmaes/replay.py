"""Rebuild a CMA-ES state from a study's finished trials, and remember the states it passes.

CMA-ES updates its search distribution once per generation of
``population_size`` evaluated points. The sampler keeps no state of its
own between calls: the finished trials, taken in trial-number order and cut
into consecutive generations, are told to a fresh optimizer one generation
at a time. So any process, and a reloaded study, reaches the same state from
the same history. Each state is remembered under a digest of everything told
to reach it, so a call usually tells only the newest generation.
"""

from __future__ import annotations

import copy
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["StateCache", "generations"]

FloatArray = npt.NDArray[np.float64]

# States remembered per sampler: enough to go back a few generations when a
# late result from a parallel worker changes how the recent trials are grouped.
_MAX_STATES = 32


def generations(
    points: FloatArray, scores: FloatArray, population_size: int
) -> list[tuple[FloatArray, FloatArray]]:
    """Consecutive full generations of ``(points, ranks)``; a last, partial one is left out.

    Args:
        points: finished trials' points, in trial-number order, (n, d).
        scores: their values, lower is better; ``inf`` for a failure, (n,).
        population_size: points per generation.

    Returns:
        Each generation's points and their ranks within it (0 for the best;
        ties, such as two failures, in trial-number order). CMA-ES uses only
        the order of the values, and ranks keep infinities out of it.
    """
    told = []
    for start in range(0, len(points) - population_size + 1, population_size):
        block = slice(start, start + population_size)
        order = np.argsort(scores[block], kind="stable")
        ranks = np.empty(population_size, dtype=np.float64)
        ranks[order] = np.arange(population_size, dtype=np.float64)
        told.append((points[block], ranks))
    return told


class StateCache:
    """CMA-ES states keyed by a digest of the generations told to reach them.

    Args:
        new_optimizer: builds the optimizer before any generation is told.
        key: what the fresh optimizer depends on (its space and settings).
    """

    def __init__(self, new_optimizer: Callable[[], Any], key: str) -> None:
        self._new_optimizer = new_optimizer
        self._root = hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
        self._states: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def state_after(self, told: list[tuple[FloatArray, FloatArray]]) -> Any:
        """A private copy of the optimizer after telling every generation of ``told``, in order."""
        digests = [self._root]
        for points, ranks in told:
            digest = hashlib.blake2b(digests[-1].encode(), digest_size=16)
            digest.update(np.ascontiguousarray(points).tobytes())
            digest.update(np.ascontiguousarray(ranks).tobytes())
            digests.append(digest.hexdigest())
        with self._lock:
            start = next((k for k in range(len(told), -1, -1) if digests[k] in self._states), None)
            state = None
            if start is not None:
                self._states.move_to_end(digests[start])
                state = copy.deepcopy(self._states[digests[start]])
        if state is None:
            start, state = 0, self._new_optimizer()
        assert start is not None
        remembered = []
        for k in range(start, len(told)):
            points, ranks = told[k]
            state.tell([(point, float(rank)) for point, rank in zip(points, ranks, strict=True)])
            if k + 1 > len(told) - _MAX_STATES:
                remembered.append((digests[k + 1], copy.deepcopy(state)))
        with self._lock:
            for reached, remembered_state in remembered:
                self._states[reached] = remembered_state
                self._states.move_to_end(reached)
            while len(self._states) > _MAX_STATES:
                self._states.popitem(last=False)
        return state
