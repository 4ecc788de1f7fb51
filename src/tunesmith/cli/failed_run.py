"""A run whose every trial failed for one reason: end it with an error, naming the setting.

An estimator that refuses one of its fixed settings (``estimator.params``,
never tuned) fails every trial the same way. Such a run has learned nothing,
so it should not end as a success: the error names the fixed setting the
failure names, or else repeats the failure.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from tunesmith.cli.config import EstimatorConfig, RunConfig
from tunesmith.cli.config_errors import config_error
from tunesmith.exceptions import ConfigError
from tunesmith.trial import FAIL_REASON_ATTR, FrozenTrial, TrialState

__all__ = ["same_failure_error"]


def same_failure_error(
    config: RunConfig, source: str, trials: Sequence[FrozenTrial]
) -> ConfigError | None:
    """The error to end a run with when each of its ``trials`` failed with one reason.

    Only for a config's estimator (an error in a user's objective function
    already ends the run). None when some trial did not fail, or two failed
    for different reasons.
    """
    if config.estimator is None or not trials:
        return None
    if any(t.state is not TrialState.FAIL for t in trials):
        return None
    reasons = {str(t.system_attrs.get(FAIL_REASON_ATTR, "")) for t in trials}
    if len(reasons) != 1:
        return None
    reason = reasons.pop().rstrip(".")
    for field, name, value in _fixed_settings(config.estimator):
        if f"'{name}'" in reason:
            return config_error(source, field, f"made every trial fail ({reason})", value)
    return ConfigError(
        f"{source}: all {len(trials)} trials failed with the same error ({reason}); "
        "fix the 'estimator' section, then run again."
    )


def _fixed_settings(estimator: EstimatorConfig) -> Iterator[tuple[str, str, Any]]:
    """(field, hyperparameter name, value) of each fixed setting of the estimator."""
    for name, value in sorted((estimator.params or {}).items()):
        yield f"estimator.params.{name}", name, value
    for index, step in enumerate(estimator.pipeline or []):
        for name, value in sorted(step.params.items()):
            yield f"estimator.pipeline.{index}.params.{name}", name, value
