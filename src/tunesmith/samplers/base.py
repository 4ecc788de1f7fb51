"""The sampler contract.

At ``ask`` a sampler may propose a joint point (``propose``) for the
hyperparameters it already knows; any hyperparameter it did not propose is
drawn on its own (``sample_independent``) when the objective first asks for it.
Both work in the internal float form of the distributions and read the study
through its History, never through lists of trial objects.

Reads flow one way: a sampler holds no storage handle and writes nothing.
Whatever it wants remembered with a trial (AutoSampler's choice and its
reason) it returns in its ``Proposal``, and the study stores it.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from tunesmith.arguments import Configurable
from tunesmith.history import History
from tunesmith.seeding import Seed, resolve_entropy, stable_key, stream
from tunesmith.space import Distribution

__all__ = ["Proposal", "Sampler"]


@dataclass(frozen=True, slots=True)
class Proposal:
    """What a sampler proposes for one trial, and what it wants stored with it.

    The mappings are read-only views of copies.

    Attributes:
        params: hyperparameter name -> (distribution, internal value). The
            trial takes a proposed value only when the objective asks for that
            name with that same distribution.
        system_attrs: JSON-serialisable values that the study stores in the
            trial's ``system_attrs`` when it opens the trial, such as
            AutoSampler's ``"sampler_choice"``.

    >>> from tunesmith.space import Float
    >>> proposal = Proposal({"x": (Float(0.0, 1.0), 0.25)}, {"note": "centre-left"})
    >>> proposal.params["x"][1], dict(proposal.system_attrs)
    (0.25, {'note': 'centre-left'})
    >>> Proposal().params
    mappingproxy({})
    """

    params: Mapping[str, tuple[Distribution, float]] = field(default_factory=dict)
    system_attrs: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "system_attrs", MappingProxyType(dict(self.system_attrs)))


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
        """A joint point for trial ``trial_number`` and the notes to store with the trial.

        See ``Proposal``. The default proposes nothing and notes nothing, so
        every hyperparameter is drawn on its own.
        """
        return Proposal()

    @abc.abstractmethod
    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        """Draw one hyperparameter on its own; return its internal value."""

    def describe(self) -> dict[str, Any]:
        """What the CLI and the dashboard show about this sampler's choices."""
        return {"sampler": self.name}
