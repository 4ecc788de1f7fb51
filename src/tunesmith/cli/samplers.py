"""The sampler a config names, built with its options, the config's seed and space."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from tunesmith.samplers import (
    AutoSampler,
    CMAESSampler,
    GPSampler,
    GridSampler,
    NSGAIISampler,
    QMCSampler,
    RandomSampler,
    Sampler,
    TPESampler,
    make_sampler,
)
from tunesmith.seeding import Seed

__all__ = ["build_sampler", "sampler_option_names"]

_CLASSES: dict[str, Callable[..., Sampler]] = {
    "auto": AutoSampler,
    "cmaes": CMAESSampler,
    "gp": GPSampler,
    "grid": GridSampler,
    "nsga2": NSGAIISampler,
    "qmc": QMCSampler,
    "random": RandomSampler,
    "tpe": TPESampler,
}

# Set by the config's own keys (seed, space), never given as sampler options.
_FROM_CONFIG = ("seed", "space")


def sampler_option_names(name: str) -> list[str]:
    """The options a config may give beside the sampler's name (its constructor's arguments)."""
    sampler_class = _CLASSES.get(name)
    if sampler_class is None:
        return []
    parameters = inspect.signature(sampler_class).parameters
    return sorted(p for p in parameters if p not in _FROM_CONFIG)


def build_sampler(
    name: str, options: Mapping[str, Any], seed: Seed, space: Mapping[str, Any]
) -> Sampler:
    """Build the sampler ``name`` with ``options``; a grid spans ``space``."""
    if name not in _CLASSES:
        return make_sampler(name, seed)
    arguments = {"space": dict(space)} if name == "grid" else {}
    return _CLASSES[name](seed=seed, **arguments, **options)
