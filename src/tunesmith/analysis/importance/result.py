"""What an importance analysis returns: each hyperparameter's share, and what it was measured on."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Importance"]


@dataclass(frozen=True, slots=True)
class Importance:
    """Each hyperparameter's share of an objective's variance, largest first.

    Attributes:
        method: ``"fanova"`` or ``"ped_anova"``.
        target: the index of the objective measured.
        shares: hyperparameter name -> share in [0, 1], largest first. The
            shares of the hyperparameters every trial used sum to 1 (unless
            none of them matters: then all are 0).
        n_trials: how many trials the analysis read.
        n_trials_used: hyperparameter name -> how many of those trials used it.
            A conditional hyperparameter (used by fewer trials) is measured
            over the trials that used it alone: its share is of the variance
            among them, beside the other hyperparameters those trials used.
    """

    method: str
    target: int
    shares: dict[str, float]
    n_trials: int
    n_trials_used: dict[str, int]

    @property
    def conditional(self) -> list[str]:
        """The hyperparameters some of the trials read did not use, in the order of ``shares``."""
        return [name for name in self.shares if self.n_trials_used[name] < self.n_trials]

    def ranking(self) -> list[str]:
        """The hyperparameters' names, most important first."""
        return list(self.shares)
