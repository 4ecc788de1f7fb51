"""RandomSampler: every hyperparameter drawn uniformly over its range, on its own."""

from __future__ import annotations

from tunesmith.history import History
from tunesmith.samplers.base import Sampler
from tunesmith.seeding import Seed
from tunesmith.space import Distribution

__all__ = ["RandomSampler"]


class RandomSampler(Sampler):
    """Draws each hyperparameter uniformly (log-uniformly for ``log=True``).

    Args:
        seed: the root seed; the same seed gives the same trials.

    >>> from tunesmith import create_study
    >>> study = create_study(sampler=RandomSampler(seed=0))
    >>> study.optimize(lambda t: t.suggest_float("x", -1, 1) ** 2, n_trials=5)
    >>> len(study.trials)
    5
    """

    def __init__(self, seed: Seed = None) -> None:
        self.seed = seed

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        unit = self.rng(trial_number, name).random()
        return float(distribution.from_unit(unit))
