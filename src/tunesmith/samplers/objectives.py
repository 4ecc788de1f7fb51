"""The rule of the samplers that model a single value per trial: a study of one objective."""

from __future__ import annotations

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.history import History

__all__ = ["require_one_objective"]


def require_one_objective(owner: str, history: History) -> None:
    """Refuse a study of several objectives for the sampler ``owner``.

    Raises:
        InvalidArgumentError: naming the sampler and the study's number of objectives.
    """
    n_objectives = history.Y.shape[1]
    if n_objectives != 1:
        raise InvalidArgumentError(
            f"{owner} supports one objective; this study has {n_objectives}. "
            "Use sampler='tpe' or 'auto' for several."
        )
