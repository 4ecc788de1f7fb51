"""Samplers by name: the one table of them, and what ``create_study(sampler="...")`` builds."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from types import MappingProxyType

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.samplers.auto import AutoSampler
from tunesmith.samplers.base import Sampler
from tunesmith.samplers.beside_auto import SAMPLERS_BESIDE_AUTO
from tunesmith.seeding import Seed
from tunesmith.space import Distribution

__all__ = ["SAMPLER_CLASSES", "SAMPLER_NAMES", "make_sampler", "needs_space"]

SAMPLER_CLASSES: Mapping[str, type[Sampler]] = MappingProxyType(
    {"auto": AutoSampler, **SAMPLERS_BESIDE_AUTO}
)
"""Every sampler by the name ``create_study``, configs, the CLI and ``auto`` give it."""

SAMPLER_NAMES: tuple[str, ...] = tuple(SAMPLER_CLASSES)


def needs_space(sampler_class: type[Sampler]) -> bool:
    """Whether the sampler is built over a search space given up front (its ``space`` argument)."""
    return "space" in inspect.signature(sampler_class).parameters


def make_sampler(
    sampler: Sampler | str | None,
    seed: Seed = None,
    space: Mapping[str, Distribution] | None = None,
) -> Sampler:
    """Turn a sampler argument into a Sampler.

    Args:
        sampler: a Sampler as it is, a name from SAMPLER_NAMES, or None for "auto".
        seed: the root seed of a sampler built by name.
        space: the declarative search space, which ``"grid"`` needs.

    Raises:
        InvalidArgumentError: an unknown name (listing the known ones), a seed
            given beside a built sampler, or "grid" without a space.
    """
    if isinstance(sampler, Sampler):
        if seed is not None:
            raise InvalidArgumentError(
                f"The 'seed' argument applies to samplers named by a string; got seed={seed!r} "
                f"beside {sampler!r}. Pass the seed to the sampler itself instead."
            )
        return sampler
    name = "auto" if sampler is None else sampler
    if not isinstance(name, str) or name.lower() not in SAMPLER_CLASSES:
        raise InvalidArgumentError(
            f"The 'sampler' argument must be a Sampler or one of {list(SAMPLER_NAMES)}; "
            f"got {sampler!r}."
        )
    name = name.lower()
    sampler_class = SAMPLER_CLASSES[name]
    # Every sampler takes a seed; the Sampler base declares no constructor for mypy to see.
    build: Callable[..., Sampler] = sampler_class
    if not needs_space(sampler_class):
        return build(seed=seed)
    if space is None:
        raise InvalidArgumentError(
            f"The {name!r} sampler needs a search space; build it as "
            f"tunesmith.samplers.{sampler_class.__name__}(space) and pass that object."
        )
    return build(space=dict(space), seed=seed)
