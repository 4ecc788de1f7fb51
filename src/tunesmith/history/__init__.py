"""A study's trials as NumPy arrays, for samplers, pruners and analysis."""

from tunesmith.history.dominance import non_dominated_mask, non_dominated_ranks
from tunesmith.history.history import STATE_ORDER, History
from tunesmith.history.hypervolume import default_reference, hypervolume
from tunesmith.history.snapshot import HistorySnapshot

__all__ = [
    "STATE_ORDER",
    "History",
    "HistorySnapshot",
    "default_reference",
    "hypervolume",
    "non_dominated_mask",
    "non_dominated_ranks",
]
