"""A fuzz of what objectives return: each trial is COMPLETE with the number(s) meant, or FAIL
with a reason; nothing raises out of optimize, and another study in the same file is untouched.

Values are drawn in two families: returns that stand for valid numbers (Python and NumPy
numbers, 0-d arrays, sequences of the right length) with the floats they stand for, and returns
that must fail (NaN, infinities, ints too large for a float, strings, None, booleans, complex
numbers, mappings, sequences of the wrong length or holding any of these).
"""

from __future__ import annotations

import logging
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tunesmith import TrialState, create_study, load_study
from tunesmith.storage.sql import SQLStorage
from tunesmith.trial import FAIL_REASON_ATTR

_finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


def _number_forms(value: float) -> st.SearchStrategy[tuple[Any, tuple[float, ...]]]:
    """The ways an objective may return ``value``, each with the value it stands for."""
    forms: list[tuple[Any, float]] = [
        (value, value),
        (np.float64(value), value),
        (np.array(value), value),
        ([value], value),
    ]
    if abs(value) <= float(np.finfo(np.float32).max):
        forms.append((np.float32(value), float(np.float32(value))))
    return st.sampled_from([(form, (number,)) for form, number in forms])


# (returned, the values it stands for) for a study of one objective.
_valid_single = st.one_of(
    _finite.flatmap(_number_forms),
    st.integers(-(10**15), 10**15).flatmap(
        lambda n: st.sampled_from([n, np.int64(n), Fraction(n, 7)]).map(
            lambda form: (form, (float(form),))
        )
    ),
)

_not_numbers = st.one_of(
    st.sampled_from(
        [
            math.nan,
            math.inf,
            -math.inf,
            np.float64("nan"),
            np.array(math.inf),
            10**400,
            -(10**400),
            Fraction(10**400, 3),
            True,
            np.bool_(False),
            None,
            1 + 2j,
            np.complex128(1),
            {"value": 1.0},
            np.array("1.0"),
            b"1.0",
        ]
    ),
    st.text(max_size=20),
)

_invalid_single = st.one_of(
    _not_numbers,
    st.lists(_finite, min_size=0, max_size=4).filter(lambda values: len(values) != 1),
    _not_numbers.map(lambda value: [value]),
    st.lists(_finite, min_size=2, max_size=3).map(np.array),
)

_valid_pair = st.tuples(_finite, _finite).flatmap(
    lambda pair: st.sampled_from([pair, list(pair), np.array(pair)]).map(
        lambda form: (form, tuple(float(v) for v in pair))
    )
)

_invalid_pair = st.one_of(
    _not_numbers,
    _finite,
    st.lists(_finite, min_size=0, max_size=5).filter(lambda values: len(values) != 2),
    st.tuples(_finite, _not_numbers),
    st.tuples(_not_numbers, _finite),
)


def test_every_return_value_completes_with_its_numbers_or_fails_with_a_reason(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    storage = SQLStorage(f"sqlite:///{tmp_path / 'studies.db'}")
    canary = create_study(study_name="canary", storage=storage, sampler="random", seed=0)
    canary.optimize(lambda trial: trial.suggest_float("x", 0.0, 1.0), n_trials=5)
    canary_before = canary.trials
    single = create_study(study_name="single", storage=storage, sampler="random")
    pair = create_study(
        study_name="pair", storage=storage, directions=["minimize", "maximize"], sampler="random"
    )
    cases = st.one_of(
        _valid_single.map(lambda case: (single, *case)),
        _invalid_single.map(lambda value: (single, value, None)),
        _valid_pair.map(lambda case: (pair, *case)),
        _invalid_pair.map(lambda value: (pair, value, None)),
    )

    @settings(max_examples=200, deadline=None, derandomize=True, database=None)
    @given(cases)
    def returns(case: tuple[Any, Any, tuple[float, ...] | None]) -> None:
        study, returned, expected = case
        study.optimize(lambda trial: returned, n_trials=1)

        trial = study.trials[-1]
        if expected is None:
            assert trial.state is TrialState.FAIL, returned
            assert trial.system_attrs[FAIL_REASON_ATTR].startswith("The objective ")
        else:
            assert trial.state is TrialState.COMPLETE, returned
            assert trial.values == expected

    with caplog.at_level(logging.DEBUG):
        returns()

    assert "Traceback" not in caplog.text
    assert not [t for t in single.trials + pair.trials if t.state is TrialState.RUNNING]
    storage.close()
    assert load_study("canary", f"sqlite:///{tmp_path / 'studies.db'}").trials == canary_before
