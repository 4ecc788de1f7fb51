"""sobol_points: the scrambled Sobol points SciPy draws, without importing scipy.stats."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.stats import qmc

from tunesmith.samplers.sobol import MAX_DIMENSIONS, sobol_points


@pytest.mark.parametrize("dimensions", [1, 2, 7, MAX_DIMENSIONS])
@pytest.mark.parametrize("exponent", [0, 1, 5, 10])
def test_scrambled_points_are_scipys_for_the_same_random_stream(
    dimensions: int, exponent: int
) -> None:
    # Seeded studies drew their startup points from SciPy before: they keep every trial.
    for seed in range(3):
        engine = qmc.Sobol(d=dimensions, scramble=True, rng=np.random.default_rng(seed))
        theirs = engine.random_base2(exponent)
        # SciPy spawns a child of the generator it is given.
        ours = sobol_points(exponent, dimensions, np.random.default_rng(seed).spawn(1)[0])
        assert np.array_equal(ours, theirs)


def test_plain_points_are_the_standard_sequence() -> None:
    expected = qmc.Sobol(d=MAX_DIMENSIONS, scramble=False).random_base2(8)
    assert np.array_equal(sobol_points(8, MAX_DIMENSIONS, None), expected)
    assert sobol_points(2, 2, None).tolist() == [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]


def test_every_pair_of_early_dimensions_fills_each_elementary_box_once() -> None:
    # The first two dimensions of 2**m Sobol points form a (0, m, 2)-net: every box
    # of 2**a by 2**(m-a) equal cells holds exactly one point, scrambled or not.
    exponent = 6
    for rng in (None, np.random.default_rng(11)):
        points = sobol_points(exponent, 2, rng)
        for a in range(exponent + 1):
            cells = {(int(x * 2**a), int(y * 2 ** (exponent - a))) for x, y in points}
            assert len(cells) == 2**exponent


def test_every_dimension_puts_one_point_in_each_of_its_strata() -> None:
    points = sobol_points(7, MAX_DIMENSIONS, np.random.default_rng(5))
    for column in points.T:
        assert sorted(np.floor(column * 128).astype(int).tolist()) == list(range(128))


def test_seeds_give_different_points_and_one_seed_the_same() -> None:
    first = sobol_points(4, 3, np.random.default_rng(1))
    assert np.array_equal(first, sobol_points(4, 3, np.random.default_rng(1)))
    assert not np.array_equal(first, sobol_points(4, 3, np.random.default_rng(2)))


@pytest.mark.parametrize(
    ("exponent", "dimensions", "message"),
    [
        (4, 0, "dimensions must be 1 to 32, got 0"),
        (4, 33, "dimensions must be 1 to 32, got 33"),
        (31, 2, "exponent must be 0 to 30, got 31"),
        (-1, 2, "exponent must be 0 to 30, got -1"),
    ],
)
def test_out_of_range_arguments_are_named(exponent: int, dimensions: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sobol_points(exponent, dimensions, None)


def test_a_qmc_study_does_not_import_scipy_stats() -> None:
    # The reason this module exists: each worker process would pay the import.
    script = (
        "import sys\n"
        "from tunesmith import create_study\n"
        "from tunesmith.samplers import QMCSampler\n"
        "study = create_study(sampler=QMCSampler(seed=0))\n"
        "study.optimize(lambda t: t.suggest_float('x', 0, 1), n_trials=3)\n"
        "print('scipy.stats' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
