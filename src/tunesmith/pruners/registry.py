"""Pruners by name and from config mappings, as ``create_study`` and configs give them."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from tunesmith.exceptions import ConfigError, InvalidArgumentError
from tunesmith.pruners.base import NopPruner, Pruner
from tunesmith.pruners.hyperband import HyperbandPruner
from tunesmith.pruners.patient import PatientPruner
from tunesmith.pruners.percentile import MedianPruner, PercentilePruner
from tunesmith.pruners.successive_halving import SuccessiveHalvingPruner
from tunesmith.pruners.threshold import ThresholdPruner

__all__ = ["PRUNER_CLASSES", "PRUNER_NAMES", "make_pruner", "pruner_from_config"]

PRUNER_CLASSES: Mapping[str, type[Pruner]] = MappingProxyType(
    {
        "none": NopPruner,
        "median": MedianPruner,
        "percentile": PercentilePruner,
        "threshold": ThresholdPruner,
        "patient": PatientPruner,
        "successive_halving": SuccessiveHalvingPruner,
        "hyperband": HyperbandPruner,
    }
)
"""Every pruner by the name ``create_study``, configs and the CLI give it; the one list of them."""

PRUNER_NAMES: tuple[str, ...] = tuple(PRUNER_CLASSES)


def _argument_names(cls: type[Pruner]) -> list[str]:
    parameters = inspect.signature(cls.__init__).parameters
    return [name for name in parameters if name != "self"]


def make_pruner(pruner: Pruner | str | None, **arguments: Any) -> Pruner:
    """Turn a pruner argument (None, a name or a Pruner) into a Pruner.

    Args:
        pruner: a Pruner as it is, None for no pruning, or one of
            ``PRUNER_NAMES``: "none", "median", "percentile", "threshold",
            "patient", "successive_halving", "hyperband".
        arguments: the constructor arguments of a pruner built by name.

    Raises:
        InvalidArgumentError: an unknown name (listing the known ones), an
            argument the pruner does not take, arguments beside a built
            pruner, or an argument that breaks its rule.

    >>> make_pruner("hyperband", reduction_factor=4)
    HyperbandPruner(min_resource=1, max_resource='auto', reduction_factor=4, n_startup_trials=0)
    """
    if isinstance(pruner, Pruner):
        if arguments:
            raise InvalidArgumentError(
                f"Pruner arguments apply to pruners named by a string; got {sorted(arguments)} "
                f"beside {pruner!r}. Pass them to the pruner itself instead."
            )
        return pruner
    name = "none" if pruner is None else pruner
    if not isinstance(name, str) or name.lower() not in PRUNER_CLASSES:
        raise InvalidArgumentError(
            f"The 'pruner' argument must be None, a Pruner or one of {list(PRUNER_NAMES)}; "
            f"got {pruner!r}."
        )
    cls = PRUNER_CLASSES[name.lower()]
    accepted = _argument_names(cls)
    unknown = sorted(set(arguments) - set(accepted))
    if unknown:
        raise InvalidArgumentError(
            f"The {name.lower()!r} pruner ({cls.__name__}) takes the arguments {accepted}; "
            f"got {unknown}."
        )
    built = cls(**arguments)
    built.validate()
    return built


def pruner_from_config(config: Mapping[str, Any], field: str = "pruner") -> Pruner:
    """Build a pruner from a config mapping such as ``{"name": "hyperband", "max_resource": 50}``.

    The ``name`` field picks the pruner (one of ``PRUNER_NAMES``); every
    other field is a constructor argument. The ``wrapped_pruner`` of
    "patient" is itself a config mapping (or a name).

    Args:
        config: the mapping, as read from a YAML or JSON config.
        field: where the mapping sits in the whole config, for messages.

    Raises:
        ConfigError: naming the field that is missing, unknown or breaks its rule.

    >>> pruner_from_config({"name": "hyperband", "min_resource": 1, "max_resource": 50})
    HyperbandPruner(min_resource=1, max_resource=50, reduction_factor=3, n_startup_trials=0)
    >>> pruner_from_config({"name": "median", "n_warmup_steps": -1})
    Traceback (most recent call last):
    ...
    tunesmith.exceptions.ConfigError: The 'pruner.n_warmup_steps' field must be an int >= 0; got -1.
    """
    if not isinstance(config, Mapping):
        raise ConfigError(
            f"The {field!r} field must be a mapping with a 'name' such as "
            f"{{name: median}}; got {config!r}."
        )
    name = config.get("name")
    if not isinstance(name, str) or name.lower() not in PRUNER_CLASSES:
        raise ConfigError(
            f"The '{field}.name' field must be one of {list(PRUNER_NAMES)}; got {name!r}."
        )
    cls = PRUNER_CLASSES[name.lower()]
    accepted = _argument_names(cls)
    arguments = {key: value for key, value in config.items() if key != "name"}
    for key in sorted(arguments, key=str):
        if key not in accepted:
            raise ConfigError(
                f"The '{field}.{key}' field is not an argument of the {name.lower()!r} pruner, "
                f"which takes {accepted}; remove it or fix its spelling."
            )
    wrapped = arguments.get("wrapped_pruner")
    if isinstance(wrapped, str):
        arguments["wrapped_pruner"] = pruner_from_config(
            {"name": wrapped}, f"{field}.wrapped_pruner"
        )
    elif isinstance(wrapped, Mapping):
        arguments["wrapped_pruner"] = pruner_from_config(wrapped, f"{field}.wrapped_pruner")
    built = cls(**arguments)
    for problem in built.problems():
        raise ConfigError(problem.field_message(field))
    return built
