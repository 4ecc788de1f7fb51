"""QMCSampler: scrambled Sobol points, which cover a space more evenly than random ones."""

from __future__ import annotations

import math
import threading

import numpy as np
import numpy.typing as npt

from tunesmith.history import History
from tunesmith.samplers.base import Sampler
from tunesmith.samplers.sobol import MAX_DIMENSIONS, sobol_points
from tunesmith.seeding import Seed
from tunesmith.space import Distribution

__all__ = ["QMCSampler"]

# The dimensions of the Sobol sequence; a trial's hyperparameters beyond this many are
# drawn at random. Fixed, because scrambling depends on it: a sequence built for more
# dimensions scrambles its first ones differently.
_SOBOL_DIMENSIONS = MAX_DIMENSIONS


class QMCSampler(Sampler):
    """Quasi-random search over a scrambled Sobol sequence.

    Trial number k takes point k of the sequence: the first hyperparameter the
    objective asks for takes the point's first coordinate, the second its
    second, and so on. A trial's values therefore depend only on the seed, its
    number and its own earlier answers, never on how far other workers have
    got, so many workers never take the same point and a seeded study gives the
    same trials with any number of workers. A trial's hyperparameters beyond
    the 32nd are drawn at random.

    Args:
        seed: seeds the scrambling and the random draws.
        scramble: scramble the sequence (recommended; unscrambled starts at the corner).
    """

    def __init__(self, seed: Seed = None, scramble: bool = True) -> None:
        self.seed = seed
        self.scramble = scramble

    def _points(self, count: int) -> npt.NDArray[np.float64]:
        """The first ``count`` points (at least) of this sampler's sequence."""
        lock: threading.Lock = self.__dict__.setdefault("_points_lock", threading.Lock())
        with lock:
            points: npt.NDArray[np.float64] | None = self.__dict__.get("_point_cache")
            if points is None or len(points) < count:
                # Drawing a power of two keeps the Sobol balance properties. The
                # scrambling is drawn from a child of the stream (0, "sobol"), as
                # SciPy's Sobol did when it drew these points, so seeded studies
                # kept their trials when it was replaced.
                exponent = max(4, math.ceil(math.log2(count)))
                scrambling = self.rng(0, "sobol").spawn(1)[0] if self.scramble else None
                points = sobol_points(exponent, _SOBOL_DIMENSIONS, scrambling)
                self.__dict__["_point_cache"] = points
            return points

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        # The trial's earlier hyperparameters are in the storage; they fix this one's coordinate.
        history.refresh()
        record = history.trial(trial_number)
        dimension = 0 if record is None else len(record.params)
        if dimension >= _SOBOL_DIMENSIONS:
            unit = self.rng(trial_number, name).random()
        else:
            unit = self._points(trial_number + 1)[trial_number, dimension]
        return float(distribution.from_unit(unit))

    def __getstate__(self) -> dict[str, object]:
        # A lock cannot cross to a worker process; the cache is rebuilt there.
        return {k: v for k, v in self.__dict__.items() if k not in ("_points_lock", "_point_cache")}
