"""Declarative search spaces: what parse_space accepts, and errors naming the hyperparameter."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tunesmith.exceptions import InvalidSpaceError
from tunesmith.space import Categorical, Float, Int, parse_space, space_to_dict


def test_accepts_distributions_lists_and_plain_data() -> None:
    space = parse_space(
        {
            "C": {"type": "float", "low": 0.1, "high": 10, "log": True},
            "degree": {"type": "int", "low": 2, "high": 8, "step": 2},
            "kernel": ["rbf", "linear", None],
            "shrinking": (True, False),
            "tol": Float(1e-5, 1e-3, log=True),
            "gamma": {"type": "categorical", "choices": ["scale", "auto"]},
        }
    )
    assert space == {
        "C": Float(0.1, 10.0, log=True),
        "degree": Int(2, 8, step=2),
        "kernel": Categorical(["rbf", "linear", None]),
        "shrinking": Categorical([True, False]),
        "tol": Float(1e-5, 1e-3, log=True),
        "gamma": Categorical(["scale", "auto"]),
    }


def test_plain_data_round_trip_through_json_keeps_every_distribution() -> None:
    space = {
        "a": Float(-1.0, 1.0, step=0.5),
        "b": Int(1, 1024, log=True),
        "c": Categorical([None, True, 1, 1.5, "x"]),
    }
    plain = space_to_dict(space)
    assert list(plain) == ["a", "b", "c"]
    assert parse_space(json.loads(json.dumps(plain))) == space


@pytest.mark.parametrize(
    ("spec", "fragments"),
    [
        ({"type": "gaussian", "low": 0, "high": 1}, ["'type'", "'gaussian'"]),
        ({"low": 0, "high": 1}, ["'type'", "None"]),
        ({"type": "float", "low": 0}, ["needs", "'high'"]),
        ({"type": "categorical"}, ["needs", "'choices'"]),
        ({"type": "float", "low": 0, "high": 1, "scale": 2}, ["does not take", "'scale'"]),
        ({"type": "int", "low": 0, "high": 1, "choices": [1]}, ["does not take", "'choices'"]),
        ({"type": "float", "low": 1, "high": 0}, ["'low'", "low=1.0"]),
        ({"type": "int", "low": "a", "high": 2}, ["'low'", "'a'"]),
        ({"type": "categorical", "choices": []}, ["'choices'", "empty"]),
        ([], ["'choices'", "empty"]),
        (["a", "a"], ["repeat"]),
        (5, ["must be a distribution", "5"]),
        ("rbf", ["must be a distribution", "'rbf'"]),
    ],
)
def test_errors_name_the_hyperparameter(spec: Any, fragments: list[str]) -> None:
    with pytest.raises(InvalidSpaceError) as error:
        parse_space({"learning_rate": spec})
    message = str(error.value)
    assert "'learning_rate'" in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


@pytest.mark.parametrize("name", ["", 3, None])
def test_names_must_be_non_empty_strings(name: Any) -> None:
    with pytest.raises(InvalidSpaceError, match="non-empty strings"):
        parse_space({name: [1, 2]})


def test_a_space_must_be_a_mapping() -> None:
    with pytest.raises(InvalidSpaceError, match=r"mapping.*\['C', 'gamma'\]"):
        parse_space(["C", "gamma"])  # type: ignore[arg-type]
