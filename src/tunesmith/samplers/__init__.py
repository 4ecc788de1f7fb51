"""Samplers propose hyperparameters: grid, random, quasi-random (Sobol)."""

from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.samplers.grid import GridSampler
from tunesmith.samplers.qmc import QMCSampler
from tunesmith.samplers.random import RandomSampler
from tunesmith.samplers.registry import SAMPLER_NAMES, make_sampler

__all__ = [
    "SAMPLER_NAMES",
    "GridSampler",
    "Proposal",
    "QMCSampler",
    "RandomSampler",
    "Sampler",
    "make_sampler",
]
