"""hypervolume: exact volumes against hand computations and inclusion-exclusion."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.history import default_reference, hypervolume


def test_two_objectives_by_hand() -> None:
    # A staircase under (4, 4): columns of width 1 and heights 1, 2, 3.
    assert hypervolume([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]], [4.0, 4.0]) == pytest.approx(6.0)


def test_dominated_duplicated_and_outside_points_add_nothing() -> None:
    front = [[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]]
    extra = [[2.5, 2.5], [2.0, 2.0], [5.0, 0.5], [0.5, 4.0]]  # dominated, copy, beyond ref
    assert hypervolume(front + extra, [4.0, 4.0]) == pytest.approx(6.0)
    assert hypervolume([[5.0, 5.0]], [4.0, 4.0]) == 0.0


def test_one_objective_is_a_length() -> None:
    assert hypervolume([[2.0], [3.0]], [10.0]) == pytest.approx(8.0)


def test_three_objectives_by_hand() -> None:
    # Two boxes up to (2, 2, 2): [0,2]x[1,2]x[0,2] (volume 4) and [1,2]x[0,2]x[1,2] (2),
    # overlapping on [1,2]x[1,2]x[1,2] (1).
    points = [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]
    assert hypervolume(points, [2.0, 2.0, 2.0]) == pytest.approx(5.0)
    assert hypervolume([[0.0, 0.0, 0.0]], [1.0, 2.0, 3.0]) == pytest.approx(6.0)


def test_directions_flip_maximised_objectives() -> None:
    # Accuracy (maximised) against parameters (minimised), reference (0.5, 500):
    # boxes 0.4 x 200 and 0.3 x 400 overlapping on 0.3 x 200.
    points = [[0.9, 300.0], [0.8, 100.0]]
    assert hypervolume(points, [0.5, 500.0], ["maximize", "minimize"]) == pytest.approx(140.0)


def inclusion_exclusion(points: np.ndarray, reference: np.ndarray) -> float:
    """The union of the boxes [p, reference] by inclusion-exclusion: exact, exponential."""
    total = 0.0
    for size in range(1, len(points) + 1):
        for subset in itertools.combinations(points, size):
            corner = np.max(subset, axis=0)
            total += (-1) ** (size + 1) * float(np.prod(np.clip(reference - corner, 0, None)))
    return total


@pytest.mark.parametrize(("n_objectives", "seed"), [(2, 0), (3, 1), (3, 2), (4, 3), (5, 4)])
def test_agrees_with_inclusion_exclusion(n_objectives: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    points = rng.random((9, n_objectives))
    reference = np.full(n_objectives, 1.1)
    expected = inclusion_exclusion(points, reference)
    assert hypervolume(points, reference) == pytest.approx(expected, rel=1e-9)


def test_default_reference_is_the_nadir_plus_a_tenth_of_the_range() -> None:
    points = [[0.9, 300.0], [0.7, 100.0], [0.8, 200.0]]
    reference = default_reference(points, ["maximize", "minimize"])
    assert reference.tolist() == pytest.approx([0.68, 320.0])
    assert hypervolume(points, reference, ["maximize", "minimize"]) > 0
    # Objectives on which every point agrees still get room.
    assert default_reference([[2.0, 5.0], [1.0, 5.0]]).tolist() == pytest.approx([2.1, 5.5])


@pytest.mark.parametrize(
    ("points", "reference", "directions", "message"),
    [
        ([1.0, 2.0], [3.0, 3.0], None, r"'points'.*n x m array.*shape \(2,\)"),
        ([[1.0, np.nan]], [3.0, 3.0], None, "'points'.*finite"),
        ([[1.0, 2.0]], [3.0], None, "'reference'.*2 finite numbers.*got \\[3.0\\]"),
        ([[1.0, 2.0]], [3.0, 3.0], ["minimize", "up"], "'directions'.*'minimize' or 'maximize'"),
    ],
)
def test_bad_input_names_the_argument(
    points: object, reference: object, directions: list[str] | None, message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        hypervolume(points, reference, directions)
