"""Property tests of the encodings of every valid Float, Int and Categorical.

A value travels external -> internal -> unit and back; samplers work in the
unit form, the storage keeps the internal one and the objective sees the
external one. None of the trips may leave the distribution or change a value.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tunesmith.space import (
    Categorical,
    Distribution,
    Float,
    Int,
    distribution_from_dict,
    distribution_from_json,
    distribution_to_json,
)

# Moderate and without deadlines, so the suite stays fast and never flaky on a slow machine.
examples = settings(max_examples=150, deadline=None)

# Wide ranges on purpose: rounding at the edges of float64 is where encodings break.
finite = st.floats(allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=5e-324, allow_infinity=False)
units = st.floats(min_value=0.0, max_value=1.0)
EXACT_INT = 2**53


@st.composite
def continuous_floats(draw: st.DrawFn) -> Float:
    low, high = sorted((draw(finite), draw(finite)))
    assume(math.isfinite(high - low))
    return Float(low, high)


@st.composite
def log_floats(draw: st.DrawFn) -> Float:
    low, high = sorted((draw(positive), draw(positive)))
    return Float(low, high, log=True)


@st.composite
def stepped_floats(draw: st.DrawFn) -> Float:
    low = draw(finite)
    step = draw(st.floats(min_value=5e-324, max_value=1e300))
    high = low + draw(st.integers(min_value=0, max_value=1000)) * step
    assume(math.isfinite(high))
    return Float(low, high, step=step)


@st.composite
def ints(draw: st.DrawFn, log_bound: int = EXACT_INT) -> Int:
    if draw(st.booleans()):
        low = draw(st.integers(min_value=1, max_value=log_bound))
        return Int(low, draw(st.integers(min_value=low, max_value=log_bound)), log=True)
    low = draw(st.integers(min_value=-EXACT_INT, max_value=EXACT_INT))
    step = draw(st.integers(min_value=1, max_value=EXACT_INT))
    n_steps = draw(st.integers(min_value=0, max_value=(EXACT_INT - low) // step))
    return Int(low, low + n_steps * step, step=step)


choice_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(max_size=5),
)


def _key(choice: Any) -> tuple[str, Any]:
    return type(choice).__name__, choice


categoricals = st.lists(choice_values, min_size=1, max_size=8, unique_by=_key).map(Categorical)

numeric = st.one_of(continuous_floats(), log_floats(), stepped_floats(), ints())
discrete = st.one_of(stepped_floats(), ints(), categoricals)
# On a log axis a float tells integers apart only this far; beyond, a round trip may
# land on a neighbour (it stays inside the range).
discrete_exact = st.one_of(stepped_floats(), ints(log_bound=2**40), categoricals)
distributions = st.one_of(numeric, categoricals)


def from_unit(distribution: Distribution, unit: float) -> float:
    return float(distribution.from_unit(np.float64(unit)))


def to_unit(distribution: Distribution, internal: float) -> float:
    return float(distribution.to_unit(np.float64(internal)))


def same_choice(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


@examples
@given(distributions, units)
def test_from_unit_always_lies_in_the_distribution(distribution: Distribution, unit: float) -> None:
    value = distribution.to_external(from_unit(distribution, unit))
    assert distribution.contains(value)


@examples
@given(distributions, units)
def test_to_unit_maps_back_into_the_unit_interval(distribution: Distribution, unit: float) -> None:
    assert 0.0 <= to_unit(distribution, from_unit(distribution, unit)) <= 1.0


@examples
@given(discrete_exact, units)
def test_discrete_values_survive_the_unit_round_trip_exactly(
    distribution: Distribution, unit: float
) -> None:
    internal = from_unit(distribution, unit)
    assert from_unit(distribution, to_unit(distribution, internal)) == internal


@examples
@given(st.one_of(continuous_floats(), log_floats()), units)
def test_continuous_values_survive_the_unit_round_trip_closely(
    distribution: Float, unit: float
) -> None:
    internal = from_unit(distribution, unit)
    again = from_unit(distribution, to_unit(distribution, internal))
    assert math.isclose(
        again, internal, rel_tol=1e-9, abs_tol=1e-9 * (distribution.high - distribution.low)
    )


@examples
@given(numeric, units, units)
def test_from_unit_keeps_the_order(distribution: Float | Int, unit: float, other: float) -> None:
    low, high = sorted((unit, other))
    assert from_unit(distribution, low) <= from_unit(distribution, high)


@examples
@given(discrete, st.data())
def test_every_discrete_value_owns_an_equal_share_of_the_unit_interval(
    distribution: Float | Int | Categorical, data: st.DataObject
) -> None:
    if isinstance(distribution, Int) and distribution.log:
        return  # log-uniform: each integer's share grows with log(k + 0.5) - log(k - 0.5)
    n_values = distribution.n_values
    assert n_values is not None
    index = data.draw(st.integers(min_value=0, max_value=n_values - 1))
    value = distribution.to_external(from_unit(distribution, (index + 0.5) / n_values))
    if isinstance(distribution, Categorical):
        assert same_choice(value, distribution.choices[index])
    elif isinstance(distribution, Int):
        assert value == distribution.low + index * distribution.step
    else:
        assert distribution.step is not None
        expected = distribution.low + index * distribution.step
        assert math.isclose(value, expected, rel_tol=1e-12, abs_tol=1e-9 * distribution.step)


@examples
@given(distributions, units)
def test_external_values_survive_the_internal_round_trip(
    distribution: Distribution, unit: float
) -> None:
    value = distribution.to_external(from_unit(distribution, unit))
    again = distribution.to_external(distribution.to_internal(value))
    assert same_choice(again, value)


@examples
@given(categoricals)
def test_every_choice_survives_the_internal_round_trip(distribution: Categorical) -> None:
    for choice in distribution.choices:
        assert distribution.contains(choice)
        assert same_choice(distribution.to_external(distribution.to_internal(choice)), choice)


@examples
@given(distributions)
def test_plain_data_round_trip(distribution: Distribution) -> None:
    assert distribution_from_dict(distribution.to_dict()) == distribution


@examples
@given(distributions)
def test_json_round_trip(distribution: Distribution) -> None:
    text = distribution_to_json(distribution)
    assert json.loads(text) == json.loads(json.dumps(distribution.to_dict()))
    assert distribution_from_json(text) == distribution
