"""NSGAIISampler: the non-dominated sorting genetic algorithm II, for one or several objectives.

The sampler only turns the history into unit-cube rows and back; the
algorithm lives in ``_nsga2``: generations and their parents
(``generations``), survivor selection by Pareto rank and crowding distance
(``survival``, ``crowding``), binary tournaments (``tournament``),
crossover with mutation (``variation``), and new points in place of ones
that repeat a configuration already tried (``novelty``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from tunesmith.arguments import Problem, check_int, check_number_in, check_positive, or_none
from tunesmith.history import History
from tunesmith.samplers._nsga2.generations import ParentCache
from tunesmith.samplers._nsga2.novelty import breed_unseen, is_new, random_unseen
from tunesmith.samplers._nsga2.tournament import tournament
from tunesmith.samplers._nsga2.variation import Variation
from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.samplers.encoding import from_unit_rows
from tunesmith.seeding import Seed
from tunesmith.space import Categorical, Distribution

__all__ = ["NSGAIISampler"]

FloatArray = npt.NDArray[np.float64]


class NSGAIISampler(Sampler):
    """A genetic algorithm that finds the Pareto front of several objectives (NSGA-II).

    Trials form generations of ``population_size`` by their numbers. The
    first generation is drawn at random, so the first children come at trial
    ``population_size``, and a budget of ``n`` trials breeds ``n /
    population_size - 1`` generations: the default of 20 suits budgets of 40
    trials and more, and a smaller population breeds sooner but from fewer
    random points. (The auto sampler uses generations of its
    ``n_startup_trials``, so that its quasi-random startup is the first.)
    Each later trial picks two parents by binary tournaments among the best
    trials so far (ranked by Pareto front, then by crowding distance, which
    favours spread-out points), mixes them (simulated binary crossover for
    numbers, on their log scale when ``log=True``; a coin per categorical)
    and mutates the result. With one objective it is a plain elitist genetic
    algorithm.

    A trial never repeats a configuration the study already holds (as the
    trial would receive it: integers rounded, choices taken), whatever that
    trial's state, nor one of the same ``ask(n)`` batch. A child that would is
    bred again with one hyperparameter surely mutated, or else replaced by a
    random new point; a random point that would is drawn again; each a
    bounded number of times. Only a space with no new configuration left near
    the parents (or, mostly, anywhere) gives a repeat. A trial running on
    another thread counts once its objective has asked for its
    hyperparameters.

    Only completed trials are parents. A generation with no parents yet (the
    first, or one after trials that all failed) gets random points. A
    hyperparameter that a parent did not use (a conditional one), or that no
    trial has asked for yet, is drawn at random on its own. A trial's
    randomness comes from the seed and its number, and its parents from the
    history, so a seeded study gives the same trials in any process; with
    several workers, a generation breeds from the trials completed by then.

    Args:
        seed: the root seed; the same seed and the same results give the same trials.
        population_size: trials per generation and parents kept (at least 2).
        crossover_probability: the chance that a child mixes its two parents
            rather than copying one, in [0, 1].
        mutation_probability: each hyperparameter's chance to mutate, in
            [0, 1]; None for one over the number of hyperparameters. A child
            that repeats a tried configuration mutates one anyway, unless 0.
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

    def problems(self) -> list[Problem]:
        checks = [
            check_int("population_size", self.population_size, 2),
            check_number_in("crossover_probability", self.crossover_probability, 0, 1),
            or_none(check_number_in("mutation_probability", self.mutation_probability, 0, 1)),
            check_positive("crossover_eta", self.crossover_eta),
            check_positive("mutation_eta", self.mutation_eta),
        ]
        return [problem for problem in checks if problem is not None]

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        self.validate()
        return float(distribution.from_unit(self.rng(trial_number, name).random()))

    def propose(self, history: History, trial_number: int) -> Proposal:
        self.validate()
        snapshot = history.snapshot()
        space = dict(sorted(snapshot.distributions.items()))
        if not space:
            return Proposal()
        distributions = tuple(space.values())
        unit = snapshot.unit_matrix(space)
        tried = from_unit_rows(distributions, unit)
        # Every trial with hyperparameters counts, whatever its state: running, pruned or failed
        # ones too, and the trials started before this one in the same ``ask(n)`` batch.
        tried = tried[~np.isnan(tried).all(axis=1)]
        rng = self.rng(trial_number, "nsga2")
        generation = trial_number // self.population_size
        parents = self._parent_cache().parents(snapshot, generation)
        if parents.size == 0:
            # The first generation, or one with nothing completed to breed from: each
            # hyperparameter drawn on its own (sample_independent's draws), unless together they
            # repeat a tried configuration; then a random new point, if the space has one left.
            own_draws = np.array([self.rng(trial_number, name).random() for name in space])
            if is_new(own_draws, distributions, tried):
                return Proposal()
            point = random_unseen(distributions, tried, rng)
            return Proposal() if point is None else _proposal(space, point)
        first, second = tournament(parents, rng), tournament(parents, rng)
        categorical = np.array([isinstance(d, Categorical) for d in distributions], dtype=bool)
        variation = Variation(
            crossover_probability=float(self.crossover_probability),
            mutation_probability=(
                None if self.mutation_probability is None else float(self.mutation_probability)
            ),
            crossover_eta=float(self.crossover_eta),
            mutation_eta=float(self.mutation_eta),
        )
        rows = unit[parents.rows]
        child = breed_unseen(
            rows[first], rows[second], categorical, variation, distributions, tried, rng
        )
        return _proposal(space, child)

    def _parent_cache(self) -> ParentCache:
        cache: ParentCache = self.__dict__.setdefault("_parents", ParentCache(self.population_size))
        return cache

    def __getstate__(self) -> dict[str, object]:
        # The cache holds a lock, which cannot cross to a worker process; it is rebuilt there.
        return {k: v for k, v in self.__dict__.items() if k != "_parents"}


def _proposal(space: dict[str, Distribution], point: FloatArray) -> Proposal:
    """The proposal of a unit-cube point; a NaN column is left to be drawn on its own."""
    return Proposal(
        {
            name: (distribution, float(distribution.from_unit(point[column])))
            for column, (name, distribution) in enumerate(space.items())
            if not np.isnan(point[column])
        }
    )
