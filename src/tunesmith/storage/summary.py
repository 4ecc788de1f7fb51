"""Best values of a study, computed the same way by every storage backend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tunesmith.trial import FrozenTrial, StudyDirection

__all__ = ["best_values_of"]


def best_values_of(
    complete_trials: Iterable[FrozenTrial], directions: Sequence[StudyDirection]
) -> tuple[float, ...] | None:
    """The best objective value of a single-objective study; None otherwise or when empty."""
    if len(directions) != 1:
        return None
    values = [t.values[0] for t in complete_trials if t.values]
    if not values:
        return None
    best = max(values) if directions[0] is StudyDirection.MAXIMIZE else min(values)
    return (best,)
