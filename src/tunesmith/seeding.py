"""Seeds: one root seed, and an independent random stream per trial and purpose.

A trial's randomness derives from the root seed and the trial number (plus a
stable key such as the hyperparameter's name), never from which thread or
process got there first. So the same seed and the same sequence of results give
the same suggestions in one process, across processes and with many workers.
"""

from __future__ import annotations

import zlib

import numpy as np

from tunesmith.exceptions import InvalidArgumentError

__all__ = ["Seed", "resolve_entropy", "stable_key", "stream"]

Seed = int | np.random.Generator | None


def resolve_entropy(seed: Seed, owner: str) -> int:
    """Turn a user's seed into the root entropy of a component.

    Raises:
        InvalidArgumentError: a seed that is not None, a non-negative int or a Generator.
    """
    if seed is None:
        return int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2**63))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InvalidArgumentError(
            f"The 'seed' argument of {owner} must be None, a non-negative int or a "
            f"numpy Generator; got {seed!r}."
        )
    return int(seed)


def stable_key(text: str) -> int:
    """A key for ``text`` that is the same in every process (unlike ``hash``)."""
    return zlib.crc32(text.encode("utf-8"))


def stream(entropy: int, *keys: int) -> np.random.Generator:
    """The random stream for ``keys`` (for example a trial number) under a root entropy."""
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=keys))
