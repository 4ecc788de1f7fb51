"""The objective a config describes: a Python function, or a cross-validated estimator."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tunesmith.cli.config import RunConfig
from tunesmith.cli.config_errors import config_error
from tunesmith.cli.estimators import build_estimator, check_hyperparameters
from tunesmith.cli.held_out import HeldOutData, hold_out
from tunesmith.cli.imports import import_object
from tunesmith.cli.size_objective import ScoreAndSize
from tunesmith.exceptions import ConfigError, InvalidArgumentError
from tunesmith.space import parse_space
from tunesmith.study import Objective, Trial

if TYPE_CHECKING:
    from tunesmith.integrations.sklearn import TrainingSteps

__all__ = ["SpaceThenFunction", "build_objective", "load_config_dataset"]


class SpaceThenFunction:
    """Suggests the config's space, then calls the user's function, which reads ``trial.params``.

    The function may suggest more hyperparameters itself, for instance ones
    that exist only for some values of another (a conditional space).
    Picklable when the function is, so process workers can run it.
    """

    def __init__(self, function: Callable[[Trial], Any], space: Mapping[str, Any]) -> None:
        self.function = function
        self.space = space

    def __call__(self, trial: Trial) -> Any:
        distributions = parse_space(self.space)
        for name in sorted(distributions):
            trial.suggest(name, distributions[name])
        return self.function(trial)


def build_objective(config: RunConfig, config_path: Path) -> tuple[Objective, HeldOutData | None]:
    """Import or build the objective, checking everything a trial would otherwise trip on.

    A module named by ``objective`` is imported with the config's folder on
    ``sys.path``; a ``dataset.csv`` path is relative to the config's folder.
    With ``test_size``, the dataset is split first and the estimator tuned on
    the tuning part only.

    Returns:
        The objective, and the held-out data (None without ``test_size``).

    Raises:
        ConfigError: naming the field: an objective that cannot be imported or
            is not callable, an estimator that cannot be built, a dataset that
            cannot be loaded, a space hyperparameter the estimator lacks.
    """
    source = str(config_path)
    folder = config_path.resolve().parent
    if config.objective is not None:
        try:
            function = import_object(config.objective, folder)
        except ImportError as error:
            raise config_error(source, "objective", str(error), config.objective) from None
        if not callable(function):
            raise config_error(source, "objective", "must name a callable", config.objective)
        objective = SpaceThenFunction(function, config.plain_space()) if config.space else function
        return objective, None
    return _estimator_objective(config, folder, source)


def load_config_dataset(config: RunConfig, folder: Path, source: str) -> tuple[Any, Any]:
    """The features and target of the config's ``dataset``; a CSV path is relative to ``folder``.

    Raises:
        ConfigError: a dataset that cannot be loaded, naming the field.
    """
    from tunesmith.integrations.sklearn import load_dataset

    assert config.dataset is not None
    dataset = config.dataset.model_dump(exclude_none=True)
    if "csv" in dataset:
        dataset["csv"] = str(folder / dataset["csv"])
    try:
        return load_dataset(dataset)
    except InvalidArgumentError as error:
        raise ConfigError(f"{source}: field 'dataset': {error}") from None


def _estimator_objective(
    config: RunConfig, folder: Path, source: str
) -> tuple[Objective, HeldOutData | None]:
    from tunesmith.integrations.sklearn import CrossValidationObjective

    assert config.estimator is not None
    estimator = build_estimator(config.estimator, source)
    check_hyperparameters(estimator, config.space, source)
    steps = _training_steps(config, estimator, source)
    features, target = load_config_dataset(config, folder, source)
    held_out = None
    if config.test_size is not None:
        held_out = hold_out(config, estimator, steps, (features, target), source)
        features, target = held_out.split.X_tune, held_out.split.y_tune
    cross_validation = CrossValidationObjective(
        estimator,
        features,
        target,
        config.scoring,
        config.cv,
        space=config.plain_space(),
        steps=steps,
    )
    objective = ScoreAndSize(cross_validation) if config.tunes_size else cross_validation
    return objective, held_out


def _training_steps(config: RunConfig, estimator: Any, source: str) -> TrainingSteps:
    """The config's ``steps`` as TrainingSteps, refused if the estimator cannot train so.

    Raises:
        ConfigError: naming the field 'steps': ``partial_fit`` for an
            estimator without it, ``warm_start`` for one that cannot grow.
    """
    from tunesmith.integrations.sklearn import TrainingSteps, check_training_steps

    options = config.steps.model_dump(exclude_none=True)
    steps = TrainingSteps(**options)
    try:
        check_training_steps(estimator, steps)
    except InvalidArgumentError as error:
        raise config_error(source, "steps", str(error), options) from None
    return steps
