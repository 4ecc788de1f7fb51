"""The sampler contract.

At ``ask`` a sampler may propose a joint point (``propose``) for the
hyperparameters it already knows; any hyperparameter it did not propose is
drawn on its own (``sample_independent``) when the objective first asks for it.
Both work in the internal float form of the distributions and read the study
through its History, never through lists of trial objects.
"""

from __future__ import annotations

import abc
from typing import Any

import numpy as np

from tunesmith.arguments import Configurable
from tunesmith.history import History
from tunesmith.seeding import Seed, resolve_entropy, stable_key, stream
from tunesmith.space import Distribution

__all__ = ["Proposal", "Sampler"]

Proposal = dict[str, tuple[Distribution, float]]


class Sampler(Configurable, abc.ABC):
    """Base of every sampler.

    A subclass's constructor only stores its arguments (so ``repr`` and configs
    show it exactly as built) and keeps the seed in ``self.seed``. It lists its
    arguments' broken rules in ``problems`` (see ``tunesmith.arguments``);
    ``validate`` refuses them at first use.
    """

    seed: Seed

    def validate(self) -> None:
        """Check the arguments and the seed, once; a sampler calls it at its first use.

        Raises:
            InvalidArgumentError: naming the first argument that breaks its
                rule, the rule and the value.
        """
        super().validate()
        self.entropy()  # a bad seed is refused here too

    @property
    def name(self) -> str:
        """The short name configs and the CLI use for this sampler."""
        return type(self).__name__.removesuffix("Sampler").lower()

    def entropy(self) -> int:
        """The root entropy of this sampler's random streams, fixed at first use."""
        cached: int | None = self.__dict__.get("_entropy")
        if cached is None:
            cached = resolve_entropy(self.seed, type(self).__name__)
            self.__dict__["_entropy"] = cached
        return cached

    def rng(self, trial_number: int, key: str = "") -> np.random.Generator:
        """The random stream of one trial (and one purpose, such as a hyperparameter's name)."""
        return stream(self.entropy(), trial_number, stable_key(key))

    def reseed(self, seed: Seed) -> None:
        """Replace the seed; used when a study's seed is given to a sampler built by name."""
        self.seed = seed
        self.__dict__.pop("_entropy", None)

    def max_trials(self) -> int | None:
        """How many trials this sampler can propose in all; None when unbounded."""
        return None

    def propose(self, history: History, trial_number: int) -> Proposal:
        """A joint point for trial ``trial_number``: name -> (distribution, internal value).

        The trial takes a proposed value only when the objective asks for that
        name with that same distribution. The default proposes nothing, so
        every hyperparameter is drawn on its own.
        """
        return {}

    @abc.abstractmethod
    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        """Draw one hyperparameter on its own; return its internal value."""

    def describe(self) -> dict[str, Any]:
        """What the CLI and the dashboard show about this sampler's choices."""
        return {"sampler": self.name}
