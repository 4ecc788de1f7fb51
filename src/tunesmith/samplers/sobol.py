"""Scrambled Sobol point sets in up to 32 dimensions.

The points are the ones ``scipy.stats.qmc.Sobol(d, scramble=True)`` draws from the
same random stream (Joe and Kuo's direction numbers, Matousek's linear matrix
scrambling plus a digital shift, Gray-code order), computed here with NumPy
because importing ``scipy.stats`` costs most of a second, paid by every worker
process on its first trial.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["MAX_DIMENSIONS", "sobol_points"]

# Each point coordinate is an integer of this many bits, scaled into [0, 1).
_BITS = 30

# Joe and Kuo's direction numbers (new-joe-kuo-6.21201, search criterion D(6)) for
# dimensions 2 to 32: the primitive polynomial, written as an integer whose bits are
# its coefficients, and the initial direction numbers m_1 .. m_degree. The first
# dimension is the van der Corput sequence and needs none.
_DIRECTION_NUMBERS: tuple[tuple[int, tuple[int, ...]], ...] = (
    (3, (1,)),
    (7, (1, 3)),
    (11, (1, 3, 1)),
    (13, (1, 1, 1)),
    (19, (1, 1, 3, 3)),
    (25, (1, 3, 5, 13)),
    (37, (1, 1, 5, 5, 17)),
    (41, (1, 1, 5, 5, 5)),
    (47, (1, 1, 7, 11, 19)),
    (55, (1, 1, 5, 1, 1)),
    (59, (1, 1, 1, 3, 11)),
    (61, (1, 3, 5, 5, 31)),
    (67, (1, 3, 3, 9, 7, 49)),
    (91, (1, 1, 1, 15, 21, 21)),
    (97, (1, 3, 1, 13, 27, 49)),
    (103, (1, 1, 1, 15, 7, 5)),
    (109, (1, 3, 1, 15, 13, 25)),
    (115, (1, 1, 5, 5, 19, 61)),
    (131, (1, 3, 7, 11, 23, 15, 103)),
    (137, (1, 3, 7, 13, 13, 15, 69)),
    (143, (1, 1, 3, 13, 7, 35, 63)),
    (145, (1, 3, 5, 9, 1, 25, 53)),
    (157, (1, 3, 1, 13, 9, 35, 107)),
    (167, (1, 3, 1, 5, 27, 61, 31)),
    (171, (1, 1, 5, 11, 19, 41, 61)),
    (185, (1, 3, 5, 3, 3, 13, 69)),
    (191, (1, 1, 7, 13, 1, 19, 1)),
    (193, (1, 3, 7, 5, 13, 19, 59)),
    (203, (1, 1, 3, 9, 25, 29, 41)),
    (211, (1, 3, 5, 13, 23, 1, 55)),
    (213, (1, 3, 7, 3, 13, 59, 17)),
)

MAX_DIMENSIONS = len(_DIRECTION_NUMBERS) + 1


def _direction_integers(dimension: int) -> list[int]:
    """The dimension's direction numbers m_1 .. m_BITS (odd integers, m_j < 2**j)."""
    if dimension == 0:
        return [1] * _BITS
    polynomial, initial = _DIRECTION_NUMBERS[dimension - 1]
    degree = polynomial.bit_length() - 1
    numbers = list(initial)
    # Bratley and Fox's recurrence, s the degree: m_j = m_{j-s} XOR 2^s m_{j-s} XOR
    # the 2^k m_{j-k} whose coefficient a_k in the polynomial is 1.
    for j in range(degree, _BITS):
        value = numbers[j - degree] ^ (numbers[j - degree] << degree)
        for k in range(1, degree):
            if (polynomial >> (degree - k)) & 1:
                value ^= numbers[j - k] << k
        numbers.append(value)
    return numbers


def _direction_matrix(dimensions: int) -> npt.NDArray[np.int64]:
    """Row d, column j: direction number j of dimension d as a binary fraction of _BITS bits."""
    shifts = np.arange(_BITS - 1, -1, -1, dtype=np.int64)
    return np.array(
        [np.array(_direction_integers(d), dtype=np.int64) << shifts for d in range(dimensions)]
    )


def _bits_of(values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Bit k (0 the least significant) of each value along a new last axis."""
    return (values[..., np.newaxis] >> np.arange(_BITS, dtype=np.int64)) & 1


def _from_bits(bits: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The integers whose bit k is ``bits[..., k]``."""
    integers: npt.NDArray[np.int64] = (bits << np.arange(_BITS, dtype=np.int64)).sum(axis=-1)
    return integers


def _scramble(
    directions: npt.NDArray[np.int64], rng: np.random.Generator
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Linear matrix scrambling of the direction numbers, and a random digital shift."""
    dimensions = directions.shape[0]
    # The draws are uint32, as SciPy's were: the dtype decides how they consume the stream.
    shift = _from_bits(rng.integers(2, size=(dimensions, _BITS), dtype=np.uint32).astype(np.int64))
    # Per dimension a random lower-triangular binary matrix with a unit diagonal;
    # row r acts on the bit of weight 2^-(r+1), column c reads the bit of weight 2^-(c+1).
    lower = np.tril(rng.integers(2, size=(dimensions, _BITS, _BITS), dtype=np.uint32))
    lower = lower.astype(np.int64)
    lower[:, np.arange(_BITS), np.arange(_BITS)] = 1
    # Bit k of an integer has weight 2^-(_BITS-k): reverse to index bits by weight.
    digits = _bits_of(directions)[..., ::-1]
    scrambled = np.einsum("drc,djc->djr", lower, digits) % 2
    return _from_bits(scrambled[..., ::-1]), shift


def sobol_points(
    exponent: int, dimensions: int, rng: np.random.Generator | None
) -> npt.NDArray[np.float64]:
    """The first 2**exponent points of a Sobol sequence in [0, 1)**dimensions.

    Args:
        exponent: draw 2**exponent points (a power of two keeps the balance properties).
        dimensions: 1 to MAX_DIMENSIONS coordinates per point.
        rng: draws the scrambling; None for the plain sequence, which starts at the origin.
    """
    if not 1 <= dimensions <= MAX_DIMENSIONS:
        raise ValueError(f"dimensions must be 1 to {MAX_DIMENSIONS}, got {dimensions}")
    if not 0 <= exponent <= _BITS:
        raise ValueError(f"exponent must be 0 to {_BITS}, got {exponent}")
    directions = _direction_matrix(dimensions)
    shift = np.zeros(dimensions, dtype=np.int64)
    if rng is not None:
        directions, shift = _scramble(directions, rng)
    count = 2**exponent
    # Gray-code order: point i+1 is point i with the direction numbers of column
    # (trailing one bits of i) XOR-ed in. (i + 1) & ~i is 2**(that count); frexp
    # reads its exponent exactly.
    steps = np.arange(count - 1, dtype=np.int64)
    columns = np.frexp((steps + 1) & ~steps)[1] - 1
    moves = np.concatenate([shift[np.newaxis, :], directions[:, columns].T])
    integers = np.bitwise_xor.accumulate(moves, axis=0)
    return integers.astype(np.float64) / 2.0**_BITS
