"""Which objective an analysis or a plot reads: ``target=`` by index or metric name."""

from __future__ import annotations

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study import StudyBase

__all__ = ["target_index", "target_label"]


def target_index(study: StudyBase, target: int | str | None, owner: str) -> int:
    """The index of the objective ``target`` names; None means the only one.

    Raises:
        InvalidArgumentError: naming ``owner``'s 'target' argument, for None in
            a study of several objectives, an index out of range or an unknown name.
    """
    n_objectives = len(study.directions)
    names = study.metric_names or []
    if target is None:
        if n_objectives == 1:
            return 0
        raise InvalidArgumentError(
            f"The 'target' argument of {owner} must be an objective's index in "
            f"0..{n_objectives - 1} or one of its metric names {names} for a study of "
            f"{n_objectives} objectives; got None."
        )
    if isinstance(target, str) and target in names:
        return names.index(target)
    if isinstance(target, int) and not isinstance(target, bool) and 0 <= target < n_objectives:
        return target
    raise InvalidArgumentError(
        f"The 'target' argument of {owner} must be an objective's index in "
        f"0..{n_objectives - 1} or one of its metric names {names}; got {target!r}."
    )


def target_label(study: StudyBase, index: int) -> str:
    """The objective's metric name, or ``objective i`` (``value`` for a single objective)."""
    names = study.metric_names
    if names:
        return names[index]
    return "value" if len(study.directions) == 1 else f"objective {index}"
