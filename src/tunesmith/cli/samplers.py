"""The sampler a config names, built with its options, the config's seed and space."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from tunesmith.samplers import SAMPLER_CLASSES, Sampler, make_sampler
from tunesmith.samplers.registry import needs_space
from tunesmith.seeding import Seed

__all__ = ["build_sampler", "sampler_option_names"]

# Set by the config's own keys (seed, space), never given as sampler options.
_FROM_CONFIG = ("seed", "space")


def sampler_option_names(name: str) -> list[str]:
    """The options a config may give beside the sampler's name (its constructor's arguments)."""
    sampler_class = SAMPLER_CLASSES.get(name)
    if sampler_class is None:
        return []
    parameters = inspect.signature(sampler_class).parameters
    return sorted(p for p in parameters if p not in _FROM_CONFIG)


def build_sampler(
    name: str, options: Mapping[str, Any], seed: Seed, space: Mapping[str, Any]
) -> Sampler:
    """Build the sampler ``name`` with ``options``; a grid spans ``space``.

    Raises:
        InvalidArgumentError: an unknown name, listing the known ones.
    """
    sampler_class = SAMPLER_CLASSES.get(name)
    if sampler_class is None:
        return make_sampler(name, seed)
    # Every sampler takes a seed; the Sampler base declares no constructor for mypy to see.
    build: Callable[..., Sampler] = sampler_class
    arguments = {"space": dict(space)} if needs_space(sampler_class) else {}
    return build(seed=seed, **arguments, **options)
