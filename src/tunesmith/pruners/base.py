"""The pruner contract: decide from the history whether a running trial should stop.

Reads flow one way: a pruner holds no storage handle and writes nothing.
Whatever it wants remembered about a trial (Hyperband's bracket) it returns
from ``system_attrs_to_record``, and the live trial stores it when it asks
``should_prune``.
"""

from __future__ import annotations

import abc
from typing import Any

import numpy as np
import numpy.typing as npt

from tunesmith.arguments import Configurable
from tunesmith.history import History
from tunesmith.trial import FrozenTrial

__all__ = ["NopPruner", "Pruner"]


class Pruner(Configurable, abc.ABC):
    """Base of every pruner.

    A subclass's constructor only stores its arguments, each under its own
    name, so ``repr`` and configs show the pruner exactly as it was built. The
    arguments' rules are listed by ``problems`` and checked by ``validate``
    (see ``tunesmith.arguments``), which ``should_prune`` calls first.
    A pruner decides from the history alone (it keeps no per-trial state of its
    own), so every worker, thread or process, reaches the same decision.
    """

    @abc.abstractmethod
    def should_prune(self, history: History, trial: FrozenTrial) -> bool:
        """Whether ``trial``, with the intermediate values it reported so far, should stop.

        ``history`` has just been refreshed and ``trial`` is its record of the
        trial. Raises InvalidArgumentError when the pruner's arguments break
        their rules.
        """

    def system_attrs_to_record(self, history: History, trial: FrozenTrial) -> dict[str, Any]:
        """What to store in ``trial``'s system attributes, asked right after ``should_prune``.

        JSON-serialisable values by key; the study's live trial stores those
        that differ from what ``trial`` holds. The default records nothing.
        """
        return {}

    def sampling_rows(self, history: History, trial_number: int) -> npt.NDArray[np.bool_] | None:
        """Which trials a sampler should learn from when it proposes for ``trial_number``.

        A row mask over the history's trials, or None for all of them (the
        default). A pruner that runs trials in separate groups, such as
        Hyperband's brackets, narrows it to the trial's own group, whose
        pruned values are comparable with each other. The study asks at every
        sampler call and shows the sampler only these rows
        (``Study.sampling_history``); keep it cheap.
        """
        return None


class NopPruner(Pruner):
    """Never prunes; the default.

    >>> NopPruner()
    NopPruner()
    """

    def should_prune(self, history: History, trial: FrozenTrial) -> bool:
        return False
