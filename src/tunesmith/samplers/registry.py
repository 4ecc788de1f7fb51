"""Samplers by name: what ``create_study(sampler="...")`` and configs accept."""

from __future__ import annotations

from collections.abc import Mapping

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.samplers.auto import AutoSampler
from tunesmith.samplers.base import Sampler
from tunesmith.samplers.cmaes import CMAESSampler
from tunesmith.samplers.gp import GPSampler
from tunesmith.samplers.grid import GridSampler
from tunesmith.samplers.nsga2 import NSGAIISampler
from tunesmith.samplers.qmc import QMCSampler
from tunesmith.samplers.random import RandomSampler
from tunesmith.samplers.tpe import TPESampler
from tunesmith.seeding import Seed
from tunesmith.space import Distribution

__all__ = ["SAMPLER_NAMES", "make_sampler"]

SAMPLER_NAMES = ("auto", "cmaes", "gp", "grid", "nsga2", "qmc", "random", "tpe")


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
    if not isinstance(name, str) or name.lower() not in SAMPLER_NAMES:
        raise InvalidArgumentError(
            f"The 'sampler' argument must be a Sampler or one of {list(SAMPLER_NAMES)}; "
            f"got {sampler!r}."
        )
    name = name.lower()
    if name == "grid":
        if space is None:
            raise InvalidArgumentError(
                "The 'grid' sampler needs a search space; build it as "
                "tunesmith.samplers.GridSampler(space) and pass that object."
            )
        return GridSampler(dict(space), seed=seed)
    if name == "qmc":
        return QMCSampler(seed=seed)
    if name == "gp":
        return GPSampler(seed=seed)
    if name == "cmaes":
        return CMAESSampler(seed=seed)
    if name == "nsga2":
        return NSGAIISampler(seed=seed)
    if name == "random":
        return RandomSampler(seed=seed)
    if name == "tpe":
        return TPESampler(seed=seed)
    return AutoSampler(seed=seed)
