"""The scikit-learn estimator a config describes, and the check that its space fits it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from tunesmith.cli.config import EstimatorConfig
from tunesmith.cli.config_errors import config_error
from tunesmith.cli.imports import class_path_problem, import_object

__all__ = ["build_estimator", "check_hyperparameters"]


def build_estimator(spec: EstimatorConfig, source: str) -> Any:
    """An unfitted estimator, or a ``sklearn.pipeline.Pipeline`` of the configured steps.

    Raises:
        ConfigError: a class that cannot be imported, is not an estimator, or
            refuses its fixed settings; the message names the field.
    """
    if spec.pipeline is None:
        assert spec.class_ is not None
        return _instantiate(spec.class_, spec.params or {}, "estimator", source)
    from sklearn.pipeline import Pipeline

    steps = [
        (step.name, _instantiate(step.class_, step.params, f"estimator.pipeline.{index}", source))
        for index, step in enumerate(spec.pipeline)
    ]
    return Pipeline(steps)


def _instantiate(path: str, params: Mapping[str, Any], field: str, source: str) -> Any:
    problem = class_path_problem(path)
    if problem is not None:
        raise config_error(source, f"{field}.class", problem, path)
    try:
        estimator_class = import_object(path)
    except ImportError as error:
        raise config_error(source, f"{field}.class", str(error), path) from None
    if not isinstance(estimator_class, type) or not hasattr(estimator_class, "get_params"):
        raise config_error(
            source, f"{field}.class", "must name a scikit-learn estimator class", path
        )
    try:
        return estimator_class(**params)
    except TypeError as error:
        raise config_error(source, f"{field}.params", str(error), dict(params)) from None


def check_hyperparameters(estimator: Any, names: Iterable[str], source: str) -> None:
    """Refuse a space hyperparameter the estimator does not have, before any trial runs.

    Raises:
        ConfigError: naming the hyperparameter, a close match if there is one,
            and the estimator's valid names (those of the same pipeline step
            when the name starts with a step's name).
    """
    valid = sorted(estimator.get_params(deep=True))
    # A pipeline step's hyperparameter written without its "step__" prefix is a likely slip.
    by_short_name = {v.rsplit("__", 1)[-1]: v for v in valid}
    for name in sorted(names):
        if name in valid:
            continue
        step, _, _ = name.partition("__")
        same_step = [v for v in valid if v.startswith(f"{step}__")]
        listed = same_step or valid
        close = difflib.get_close_matches(name, [*valid, *by_short_name], n=1)
        hint = f"did you mean '{by_short_name.get(close[0], close[0])}'? " if close else ""
        raise config_error(
            source,
            f"space.{name}",
            f"is not a hyperparameter of {type(estimator).__name__}; {hint}"
            f"valid names: {', '.join(listed)}",
            name,
        )
