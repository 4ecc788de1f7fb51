"""Pruners by name (make_pruner) and from config mappings (pruner_from_config)."""

from __future__ import annotations

from typing import Any

import pytest

from tunesmith.exceptions import ConfigError, InvalidArgumentError
from tunesmith.pruners import (
    PRUNER_NAMES,
    HyperbandPruner,
    MedianPruner,
    NopPruner,
    PatientPruner,
    PercentilePruner,
    SuccessiveHalvingPruner,
    ThresholdPruner,
    make_pruner,
    pruner_from_config,
)
from tunesmith.study import create_study

CLASSES = {
    "none": NopPruner,
    "median": MedianPruner,
    "percentile": PercentilePruner,
    "threshold": ThresholdPruner,
    "patient": PatientPruner,
    "successive_halving": SuccessiveHalvingPruner,
    "hyperband": HyperbandPruner,
}


def test_every_name_builds_its_pruner_with_defaults() -> None:
    assert set(PRUNER_NAMES) == set(CLASSES)
    for name, cls in CLASSES.items():
        assert type(make_pruner(name)) is cls
        assert type(make_pruner(name.upper())) is cls
        assert type(create_study(pruner=name).pruner) is cls
    assert type(make_pruner(None)) is NopPruner


def test_arguments_reach_the_pruner_and_its_repr() -> None:
    pruner = make_pruner("hyperband", min_resource=2, max_resource=60)
    assert repr(pruner) == (
        "HyperbandPruner(min_resource=2, max_resource=60, reduction_factor=3, n_startup_trials=0)"
    )


def test_a_built_pruner_passes_through() -> None:
    pruner = MedianPruner()
    assert make_pruner(pruner) is pruner
    with pytest.raises(InvalidArgumentError, match="apply to pruners named by a string"):
        make_pruner(pruner, n_warmup_steps=3)


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        make_pruner("asha")
    assert str(raised.value) == (
        "The 'pruner' argument must be None, a Pruner or one of ['none', 'median', "
        "'percentile', 'threshold', 'patient', 'successive_halving', 'hyperband']; got 'asha'."
    )


def test_unknown_and_bad_arguments_are_refused_at_once() -> None:
    with pytest.raises(InvalidArgumentError, match=r"takes the arguments .*got \['eta'\]"):
        make_pruner("hyperband", eta=3)
    with pytest.raises(InvalidArgumentError) as raised:
        make_pruner("successive_halving", reduction_factor=1)
    assert str(raised.value) == (
        "The 'reduction_factor' argument of SuccessiveHalvingPruner must be an int >= 2; got 1."
    )


def test_config_builds_the_pruner() -> None:
    pruner = pruner_from_config({"name": "hyperband", "min_resource": 1, "max_resource": 50})
    assert isinstance(pruner, HyperbandPruner)
    assert (pruner.min_resource, pruner.max_resource) == (1, 50)


def test_config_of_a_patient_pruner_nests_the_wrapped_one() -> None:
    pruner = pruner_from_config(
        {
            "name": "patient",
            "patience": 3,
            "wrapped_pruner": {"name": "median", "n_warmup_steps": 2},
        }
    )
    assert isinstance(pruner, PatientPruner)
    assert isinstance(pruner.wrapped_pruner, MedianPruner)
    assert pruner.wrapped_pruner.n_warmup_steps == 2
    by_name = pruner_from_config({"name": "patient", "wrapped_pruner": "median"})
    assert isinstance(by_name, PatientPruner)
    assert isinstance(by_name.wrapped_pruner, MedianPruner)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"min_resource": 1},
            "The 'pruner.name' field must be one of ['none', 'median', 'percentile', "
            "'threshold', 'patient', 'successive_halving', 'hyperband']; got None.",
        ),
        (
            {"name": "hyperband", "max_resources": 50},
            "The 'pruner.max_resources' field is not an argument of the 'hyperband' pruner, "
            "which takes ['min_resource', 'max_resource', 'reduction_factor', "
            "'n_startup_trials']; remove it or fix its spelling.",
        ),
        (
            {"name": "hyperband", "reduction_factor": 1},
            "The 'pruner.reduction_factor' field must be an int >= 2; got 1.",
        ),
        (
            {"name": "hyperband", "max_resource": "max"},
            "The 'pruner.max_resource' field must be an int >= 1 or 'auto'; got 'max'.",
        ),
        (
            {"name": "patient", "wrapped_pruner": {"name": "median", "n_warmup_steps": -2}},
            "The 'pruner.wrapped_pruner.n_warmup_steps' field must be an int >= 0; got -2.",
        ),
        (
            "median",
            "The 'pruner' field must be a mapping with a 'name' such as {name: median}; "
            "got 'median'.",
        ),
    ],
)
def test_bad_configs_name_the_field(config: Any, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        pruner_from_config(config)
    assert str(raised.value) == message
