"""Distributions refuse bad ranges with a message naming the argument and the value."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pytest

from tunesmith.exceptions import InvalidSpaceError
from tunesmith.space import Categorical, Float, Int

INF = math.inf
NAN = math.nan

BAD: list[tuple[Callable[[], Any], list[str]]] = [
    (lambda: Float(2.0, 1.0), ["'low'", "low=2.0", "high=1.0"]),
    (lambda: Float(NAN, 1.0), ["'low'", "nan"]),
    (lambda: Float(0.0, INF), ["'high'", "inf"]),
    (lambda: Float("0", 1.0), ["'low'", "'0'"]),
    (lambda: Float(True, 2.0), ["'low'", "True"]),
    (lambda: Float(0.0, 1.0, log=True), ["'low'", "0.0", "log=True"]),
    (lambda: Float(-1.0, 1.0, log=True), ["'low'", "-1.0"]),
    (lambda: Float(0.1, 1.0, step=0.1, log=True), ["'step'", "'log'", "0.1"]),
    (lambda: Float(0.0, 1.0, step=0.0), ["'step'", "0.0"]),
    (lambda: Float(0.0, 1.0, step=-0.5), ["'step'", "-0.5"]),
    (lambda: Float(0.0, 1.0, step=NAN), ["'step'", "nan"]),
    (lambda: Float(0.0, 1.0, step=0.3), ["whole number of steps", "step=0.3", "high=0.9"]),
    (lambda: Float(-1e308, 1e308), ["low=-1e+308", "high=1e+308", "overflows"]),
    (lambda: Int(1.5, 3), ["'low'", "1.5"]),
    (lambda: Int(0, "3"), ["'high'", "'3'"]),
    (lambda: Int(False, 3), ["'low'", "False"]),
    (lambda: Int(5, 1), ["'low'", "low=5", "high=1"]),
    (lambda: Int(0, 10, log=True), ["'low'", "0", "log=True"]),
    (lambda: Int(1, 10, step=3, log=True), ["'step'", "step=3", "log=True"]),
    (lambda: Int(0, 10, step=0), ["'step'", "0"]),
    (lambda: Int(0, 10, step=3), ["whole number of steps", "step=3", "high=9"]),
    (lambda: Int(0, 1_000_000_001, step=1_000_000_000), ["whole number of steps"]),
    (lambda: Int(0, 2**60), ["'high'", str(2**60), "2**53"]),
    (lambda: Int(0, INF), ["'high'", "inf"]),
    (lambda: Categorical([]), ["'choices'", "empty"]),
    (lambda: Categorical("abc"), ["'choices'", "'abc'"]),
    (lambda: Categorical(["a", "b", "a"]), ["'choices'", "repeat", "['a', 'b', 'a']"]),
    (lambda: Categorical([1, [2]]), ["'choices'", "[2]", "list"]),
    (lambda: Categorical([{"a": 1}]), ["'choices'", "{'a': 1}", "dict"]),
    (lambda: Categorical([0.5, NAN]), ["'choices'", "NaN"]),
]


@pytest.mark.parametrize(("build", "fragments"), BAD)
def test_bad_ranges_are_refused_with_a_message(
    build: Callable[[], Any], fragments: list[str]
) -> None:
    with pytest.raises(InvalidSpaceError) as error:
        build()
    assert isinstance(error.value, ValueError)
    for fragment in fragments:
        assert fragment in str(error.value), (fragment, str(error.value))


@pytest.mark.parametrize(
    "build",
    [
        lambda: Float(1.0, 1.0),
        lambda: Float(1.0, 1.0, log=True),
        lambda: Float(0.0, 0.0, step=0.5),
        lambda: Int(5, 5),
        lambda: Int(7, 7, log=True),
        lambda: Int(-(2**53), 2**53),
        lambda: Int(0, 10, step=5),
        lambda: Int(0.0, 4.0),
        lambda: Float(1, 3),
        lambda: Categorical([None]),
        # Equal in Python, distinct as choices: each gives the objective another value.
        lambda: Categorical([1, True, 1.0, "1"]),
        # The span is a whole number of steps; only the rounding of 16384.0001 says otherwise.
        lambda: Float(16384.0, 16384.0001, step=0.0001),
        lambda: Float(0.1, 0.7, step=0.1),
    ],
)
def test_edge_ranges_are_accepted(build: Callable[[], Any]) -> None:
    build()


def test_stepped_float_contains_its_rounded_values() -> None:
    distribution = Float(0.1, 0.7, step=0.1)
    assert distribution.n_values == 7
    assert distribution.contains(0.30000000000000004)
    assert distribution.contains(0.3)
    assert not distribution.contains(0.35)
    assert Float(16384.0, 16384.0001, step=0.0001).contains(16384.0001)


def test_int_bounds_given_as_whole_floats_become_ints() -> None:
    distribution = Int(0.0, 4.0)
    assert (type(distribution.low), type(distribution.high)) == (int, int)


def test_choices_that_python_finds_equal_make_different_distributions() -> None:
    assert Categorical([True, False]) != Categorical([1, 0])
    assert Categorical([1.0]) != Categorical([1])
    assert Categorical([None, "a"]) == Categorical([None, "a"])
    assert len({Categorical([True]), Categorical([1]), Categorical([True])}) == 2


def test_a_message_names_the_rule() -> None:
    with pytest.raises(InvalidSpaceError, match=re.escape("must be positive when log=True")):
        Float(0.0, 1.0, log=True)
