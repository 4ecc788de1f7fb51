"""AutoSampler: the default, which picks a sampler for each trial and says which and why."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from tunesmith.arguments import Problem, check_int
from tunesmith.history import History
from tunesmith.samplers._auto.policy import SamplerChoice, choose
from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.samplers.beside_auto import SAMPLERS_BESIDE_AUTO
from tunesmith.seeding import Seed
from tunesmith.space import Distribution
from tunesmith.trial import TrialState

__all__ = ["SAMPLER_CHOICE_ATTR", "AutoSampler"]

# The system attribute in which each trial records the sampler chosen for it and why.
SAMPLER_CHOICE_ATTR = "sampler_choice"

# Trials whose choice is remembered in memory, for the hyperparameters they draw one by one.
_REMEMBERED_CHOICES = 1024


class AutoSampler(Sampler):
    """Chooses, for every trial, the sampler that suits the study as it is now.

    - The first ``n_startup_trials`` trials to complete are quasi-random
      (scrambled Sobol points), which cover the space evenly.
    - Then, for one objective, the GP (``GPSampler``) on a space of at most
      12 hyperparameters, choices included, while the study has fewer than
      200 complete trials: there it finds good hyperparameters in the fewest
      trials.
    - TPE (``TPESampler``) for a conditional space (hyperparameters that not
      every trial uses), more hyperparameters than that, or 200 complete
      trials or more.
    - NSGA-II (``NSGAIISampler``) for several objectives, in generations of
      ``n_startup_trials`` trials (at least 2): the quasi-random startup is
      its first generation, and it breeds from the next trial on.

    The counts are of the trials this sampler is shown: under Hyperband,
    those of the trial's bracket and every completed trial. Completed trials
    count whatever their bracket, so the startup ends for every bracket
    together.

    The choice depends only on the history, so a seed gives the same trials
    in any process. It goes, with a one-sentence reason, into the proposal's
    notes, which the study stores in the trial's
    ``system_attrs["sampler_choice"]``; ``last_choice`` and ``describe()``
    show the one this sampler object made last.

    Args:
        n_startup_trials: completed trials drawn quasi-randomly before a model is used.
        seed: the root seed; the samplers it chooses from get their own streams from it.

    >>> from tunesmith import create_study
    >>> study = create_study(sampler=AutoSampler(n_startup_trials=3, seed=0))
    >>> study.optimize(lambda t: (t.suggest_float("x", -2, 2) - 1) ** 2, n_trials=5)
    >>> study.sampler.last_choice.sampler
    'gp'
    """

    def __init__(self, n_startup_trials: int = 10, seed: Seed = None) -> None:
        self.n_startup_trials = n_startup_trials
        self.seed = seed

    def problems(self) -> list[Problem]:
        problem = check_int("n_startup_trials", self.n_startup_trials, 1)
        return [] if problem is None else [problem]

    @property
    def last_choice(self) -> SamplerChoice | None:
        """The sampler chosen for the latest trial this object proposed for, and why."""
        choice: SamplerChoice | None = self.__dict__.get("_last_choice")
        return choice

    def describe(self) -> dict[str, Any]:
        choice = self.last_choice
        return {
            "sampler": self.name,
            "n_startup_trials": self.n_startup_trials,
            "last_choice": None if choice is None else choice.sampler,
            "reason": None if choice is None else choice.reason,
        }

    def reseed(self, seed: Seed) -> None:
        super().reseed(seed)
        self.__dict__.pop("_samplers", None)

    def propose(self, history: History, trial_number: int) -> Proposal:
        self.validate()
        snapshot = history.snapshot()
        choice = choose(
            n_objectives=snapshot.Y.shape[1],
            n_complete=int(snapshot.mask(TrialState.COMPLETE).sum()),
            distributions=snapshot.distributions,
            completed_space=snapshot.completed_space(),
            n_startup_trials=self.n_startup_trials,
        )
        with self._lock():
            choices: OrderedDict[int, SamplerChoice] = self.__dict__.setdefault(
                "_choices", OrderedDict()
            )
            choices[trial_number] = choice
            while len(choices) > _REMEMBERED_CHOICES:
                choices.popitem(last=False)
            self.__dict__["_last_choice"] = choice
        chosen = self._sampler(choice.sampler).propose(history, trial_number)
        return Proposal(
            chosen.params, {**chosen.system_attrs, SAMPLER_CHOICE_ATTR: choice.to_dict()}
        )

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        self.validate()
        with self._lock():
            choice = self.__dict__.get("_choices", {}).get(trial_number)
        # A trial this object did not propose for (or long ago) draws quasi-randomly.
        chosen = "qmc" if choice is None else choice.sampler
        return self._sampler(chosen).sample_independent(history, trial_number, name, distribution)

    def _lock(self) -> threading.Lock:
        lock: threading.Lock = self.__dict__.setdefault("_choices_lock", threading.Lock())
        return lock

    def _sampler(self, name: str) -> Sampler:
        """The sampler ``name`` (built once), seeded from this sampler's seed."""
        with self._lock():
            samplers: dict[str, Sampler] = self.__dict__.setdefault("_samplers", {})
            sampler = samplers.get(name)
            if sampler is None:
                seed = int(self.rng(0, name).integers(2**63))
                sampler = _build(name, seed, self.n_startup_trials)
                samplers[name] = sampler
        return sampler

    def __getstate__(self) -> dict[str, object]:
        # A lock cannot cross to a worker process; the last choices stay with this one.
        dropped = ("_choices_lock", "_choices", "_last_choice")
        return {k: v for k, v in self.__dict__.items() if k not in dropped}


def _build(name: str, seed: int, n_startup_trials: int) -> Sampler:
    """A new sampler of the kind ``name`` names; the auto sampler does the startup itself."""
    options: dict[str, Any] = {}
    if name in ("gp", "tpe"):
        options["n_startup_trials"] = 0
    if name == "nsga2":
        # Generations as long as the startup: NSGA-II's default of 20 would draw the trials
        # after the startup at random again, and leave small budgets few generations to breed.
        options["population_size"] = max(2, n_startup_trials)
    # Every sampler takes a seed; the Sampler base declares no constructor for mypy to see.
    build: Callable[..., Sampler] = SAMPLERS_BESIDE_AUTO[name]
    return build(seed=seed, **options)
