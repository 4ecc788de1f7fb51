"""``test_size`` in a config: hold data out of tuning, then test the chosen configuration on it.

The runner splits the dataset before any trial (stratified for a classifier,
seeded by the config's ``seed``, else 0), tunes on the rest, and at the end
trains the chosen trial's hyperparameters on the tuning part, as each fold of
a trial trained (``steps``), and scores them on the held-out part. The result
is stored with the study (``tunesmith.analysis.record_held_out_score``) for
``show`` and ``best``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tunesmith.analysis import HeldOutScore, record_held_out_score
from tunesmith.cli.config import RunConfig
from tunesmith.cli.config_errors import config_error
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study import Study
from tunesmith.trial import FrozenTrial

if TYPE_CHECKING:
    from tunesmith.integrations.sklearn import TrainingSteps
    from tunesmith.integrations.sklearn.held_out import HeldOutSplit

__all__ = ["HeldOutData", "hold_out", "score_chosen_trial"]


@dataclass(frozen=True, slots=True)
class HeldOutData:
    """The estimator tuned, its data split in two, and the scorer the study used.

    Attributes:
        estimator: the unfitted estimator or pipeline of the config.
        split: the tuning part and the held-out part.
        scoring: the config's ``scoring`` (None: the estimator's ``score``).
        steps: how the trials trained, so that the refit trains alike.
    """

    estimator: Any
    split: HeldOutSplit
    scoring: str | None
    steps: TrainingSteps


def hold_out(
    config: RunConfig,
    estimator: Any,
    steps: TrainingSteps,
    data: tuple[Any, Any],
    source: str,
) -> HeldOutData:
    """Split off ``config.test_size`` of the data, before anything is tuned.

    Raises:
        ConfigError: naming 'test_size', when the data cannot be split so.
    """
    from tunesmith.integrations.sklearn.held_out import split_held_out

    assert config.test_size is not None
    features, target = data
    try:
        split = split_held_out(
            estimator, features, target, test_size=config.test_size, seed=config.split_seed
        )
    except InvalidArgumentError as error:
        raise config_error(source, "test_size", str(error), config.test_size) from None
    return HeldOutData(estimator=estimator, split=split, scoring=config.scoring, steps=steps)


def score_chosen_trial(
    study: Study, held_out: HeldOutData, chosen: FrozenTrial
) -> tuple[HeldOutScore, list[str]]:
    """Refit ``chosen``'s hyperparameters on the tuning part, score them on the held-out part.

    The score is stored with the study.

    Returns:
        The score, and the warnings the refit raised (first lines).
    """
    from tunesmith.integrations.sklearn.held_out import score_held_out

    assert chosen.values
    tested = score_held_out(
        held_out.estimator, chosen.params, held_out.split, held_out.scoring, held_out.steps
    )
    score = HeldOutScore(
        trial_number=chosen.number,
        cv_score=chosen.values[0],
        test_score=tested.score,
        scoring=held_out.scoring or "score",
        n_test_samples=held_out.split.n_test_samples,
        n_tuning_samples=held_out.split.n_tuning_samples,
    )
    record_held_out_score(study, score)
    return score, [warning.split("\n", 1)[0] for warning in tested.warnings]
