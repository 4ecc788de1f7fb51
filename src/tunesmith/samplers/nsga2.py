"""NSGAIISampler: the non-dominated sorting genetic algorithm II, for one or several objectives.

The sampler only turns the history into unit-cube rows and back; the
algorithm lives in ``_nsga2``: generations and their parents
(``generations``), survivor selection by Pareto rank and crowding distance
(``survival``, ``crowding``), binary tournaments (``tournament``) and
crossover with mutation (``variation``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tunesmith.history import History
from tunesmith.samplers._nsga2.generations import ParentCache
from tunesmith.samplers._nsga2.tournament import tournament
from tunesmith.samplers._nsga2.variation import Variation, breed
from tunesmith.samplers.arguments import require_int, require_number_in, require_positive
from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.seeding import Seed
from tunesmith.space import Categorical, Distribution

__all__ = ["NSGAIISampler"]


class NSGAIISampler(Sampler):
    """A genetic algorithm that finds the Pareto front of several objectives (NSGA-II).

    Trials form generations of ``population_size`` by their numbers; the
    first generation is drawn at random. Each later trial picks two parents
    by binary tournaments among the best trials so far (ranked by Pareto
    front, then by crowding distance, which favours spread-out points), mixes
    them (simulated binary crossover for numbers, on their log scale when
    ``log=True``; a coin per categorical) and mutates the result. With one
    objective it is a plain elitist genetic algorithm.

    Only completed trials are parents. A hyperparameter that a parent did not
    use (a conditional one) is drawn at random in the child, as is every
    hyperparameter of a trial whose generation has no parents yet. A trial's
    randomness comes from the seed and its number, and its parents from the
    history, so a seeded study gives the same trials in any process; with
    several workers, a generation breeds from the trials completed by then.

    Args:
        seed: the root seed; the same seed and the same results give the same trials.
        population_size: trials per generation and parents kept (at least 2).
        crossover_probability: the chance that a child mixes its two parents
            rather than copying one, in [0, 1].
        mutation_probability: each hyperparameter's chance to mutate, in
            [0, 1]; None for one over the number of hyperparameters.
        crossover_eta: how close to its parents a child lands (SBX's
            distribution index, > 0; larger is closer).
        mutation_eta: how small mutations are (polynomial mutation's
            distribution index, > 0; larger is smaller).

    >>> from tunesmith import create_study
    >>> def objective(trial):
    ...     x = trial.suggest_float("x", 0, 1)
    ...     return x, (1 - x) ** 2
    >>> study = create_study(directions=["minimize", "minimize"],
    ...                      sampler=NSGAIISampler(seed=0, population_size=4))
    >>> study.optimize(objective, n_trials=12)
    >>> len(study.best_trials) > 0
    True
    """

    def __init__(
        self,
        seed: Seed = None,
        population_size: int = 20,
        crossover_probability: float = 0.9,
        mutation_probability: float | None = None,
        crossover_eta: float = 20.0,
        mutation_eta: float = 20.0,
    ) -> None:
        self.seed = seed
        self.population_size = population_size
        self.crossover_probability = crossover_probability
        self.mutation_probability = mutation_probability
        self.crossover_eta = crossover_eta
        self.mutation_eta = mutation_eta

    @property
    def name(self) -> str:
        return "nsga2"

    def describe(self) -> dict[str, Any]:
        return {"sampler": self.name, "population_size": self.population_size}

    def _check_arguments(self) -> None:
        if self.__dict__.get("_checked"):
            return
        owner = "NSGAIISampler"
        require_int(owner, "population_size", self.population_size, 2)
        require_number_in(owner, "crossover_probability", self.crossover_probability, 0, 1)
        require_number_in(
            owner, "mutation_probability", self.mutation_probability, 0, 1, optional=True
        )
        require_positive(owner, "crossover_eta", self.crossover_eta)
        require_positive(owner, "mutation_eta", self.mutation_eta)
        self.entropy()  # a bad seed is refused here too
        self.__dict__["_checked"] = True

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        self._check_arguments()
        return float(distribution.from_unit(self.rng(trial_number, name).random()))

    def propose(self, history: History, trial_number: int) -> Proposal:
        self._check_arguments()
        generation = trial_number // self.population_size
        if generation == 0:
            return {}
        snapshot = history.snapshot()
        parents = self._parent_cache().parents(snapshot, generation)
        if parents.size == 0:
            return {}
        space = dict(sorted(snapshot.distributions.items()))
        rows = snapshot.unit_matrix(space)[parents.rows]
        rng = self.rng(trial_number, "nsga2")
        first, second = tournament(parents, rng), tournament(parents, rng)
        categorical = np.array([isinstance(d, Categorical) for d in space.values()], dtype=bool)
        variation = Variation(
            crossover_probability=float(self.crossover_probability),
            mutation_probability=(
                None if self.mutation_probability is None else float(self.mutation_probability)
            ),
            crossover_eta=float(self.crossover_eta),
            mutation_eta=float(self.mutation_eta),
        )
        child = breed(rows[first], rows[second], categorical, variation, rng)
        return {
            name: (distribution, float(distribution.from_unit(child[column])))
            for column, (name, distribution) in enumerate(space.items())
            if not np.isnan(child[column])
        }

    def _parent_cache(self) -> ParentCache:
        cache: ParentCache = self.__dict__.setdefault("_parents", ParentCache(self.population_size))
        return cache

    def __getstate__(self) -> dict[str, object]:
        # The cache holds a lock, which cannot cross to a worker process; it is rebuilt there.
        return {k: v for k, v in self.__dict__.items() if k != "_parents"}
