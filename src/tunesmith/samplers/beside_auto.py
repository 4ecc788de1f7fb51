"""Every sampler but ``auto``, by name: the samplers ``auto`` builds the one it chooses from.

``SAMPLER_CLASSES`` (``tunesmith.samplers.registry``) is this table with
``auto`` itself added; it is the one that ``create_study``, configs and the
CLI read. ``auto`` cannot read that one, as it is in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from tunesmith.samplers.base import Sampler
from tunesmith.samplers.cmaes import CMAESSampler
from tunesmith.samplers.gp import GPSampler
from tunesmith.samplers.grid import GridSampler
from tunesmith.samplers.nsga2 import NSGAIISampler
from tunesmith.samplers.qmc import QMCSampler
from tunesmith.samplers.random import RandomSampler
from tunesmith.samplers.tpe import TPESampler

__all__ = ["SAMPLERS_BESIDE_AUTO"]

SAMPLERS_BESIDE_AUTO: Mapping[str, type[Sampler]] = MappingProxyType(
    {
        "cmaes": CMAESSampler,
        "gp": GPSampler,
        "grid": GridSampler,
        "nsga2": NSGAIISampler,
        "qmc": QMCSampler,
        "random": RandomSampler,
        "tpe": TPESampler,
    }
)
