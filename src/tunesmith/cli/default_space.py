"""The default search space of a config's estimator, for a config that gives no ``space``."""

from __future__ import annotations

from typing import Any

from tunesmith.cli.imports import class_path_problem, import_object
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.space import space_to_dict

__all__ = ["default_space_config"]


def default_space_config(estimator: Any) -> dict[str, Any]:
    """The plain-data default space of an unvalidated ``estimator`` section; {} when none.

    A class or pipeline step that does not import adds nothing here: building
    the estimator reports that error, naming the field.

    >>> default_space_config({"class": "sklearn.linear_model.Ridge"})
    {'alpha': {'type': 'float', 'low': 0.001, 'high': 1000.0, 'log': True}}
    """
    if not isinstance(estimator, dict):
        return {}
    # Imported here: the sklearn integration imports scikit-learn, which most commands never need.
    from tunesmith.integrations.sklearn.default_spaces import default_space, default_space_of_steps

    if "pipeline" not in estimator:
        single = _class(estimator.get("class"))
        try:
            return space_to_dict(default_space(single)) if single is not None else {}
        except InvalidArgumentError:
            return {}
    steps = estimator["pipeline"] if isinstance(estimator["pipeline"], list) else []
    named = [
        (str(step.get("name")), _class(step.get("class")))
        for step in steps
        if isinstance(step, dict)
    ]
    return space_to_dict(default_space_of_steps(named))


def _class(reference: object) -> Any:
    # A path that cannot name a class is not imported here; validation names the field later.
    if not isinstance(reference, str) or class_path_problem(reference) is not None:
        return None
    try:
        return import_object(reference)
    except ImportError:
        return None
