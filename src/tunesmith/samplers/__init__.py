"""Samplers propose hyperparameters: auto (default), TPE, GP, CMA-ES, NSGA-II, grid, random, QMC."""

from tunesmith.samplers.auto import AutoSampler
from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.samplers.cmaes import CMAESSampler
from tunesmith.samplers.gp import GPSampler
from tunesmith.samplers.grid import GridSampler
from tunesmith.samplers.nsga2 import NSGAIISampler
from tunesmith.samplers.qmc import QMCSampler
from tunesmith.samplers.random import RandomSampler
from tunesmith.samplers.registry import SAMPLER_CLASSES, SAMPLER_NAMES, make_sampler
from tunesmith.samplers.tpe import TPESampler

__all__ = [
    "SAMPLER_CLASSES",
    "SAMPLER_NAMES",
    "AutoSampler",
    "CMAESSampler",
    "GPSampler",
    "GridSampler",
    "NSGAIISampler",
    "Proposal",
    "QMCSampler",
    "RandomSampler",
    "Sampler",
    "TPESampler",
    "make_sampler",
]
