"""Pruners stop unpromising trials early.

``create_study(pruner=...)`` takes a Pruner, None or a name from
``PRUNER_NAMES``, the names of the table ``PRUNER_CLASSES``; configs go
through ``pruner_from_config``.
"""

from __future__ import annotations

from tunesmith.pruners.base import NopPruner, Pruner
from tunesmith.pruners.hyperband import BRACKET_ATTR, HyperbandPruner
from tunesmith.pruners.patient import PatientPruner
from tunesmith.pruners.percentile import MedianPruner, PercentilePruner
from tunesmith.pruners.registry import (
    PRUNER_CLASSES,
    PRUNER_NAMES,
    make_pruner,
    pruner_from_config,
)
from tunesmith.pruners.successive_halving import SuccessiveHalvingPruner
from tunesmith.pruners.threshold import ThresholdPruner

__all__ = [
    "BRACKET_ATTR",
    "PRUNER_CLASSES",
    "PRUNER_NAMES",
    "HyperbandPruner",
    "MedianPruner",
    "NopPruner",
    "PatientPruner",
    "PercentilePruner",
    "Pruner",
    "SuccessiveHalvingPruner",
    "ThresholdPruner",
    "make_pruner",
    "pruner_from_config",
]
