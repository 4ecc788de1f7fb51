"""A study's trials as NumPy arrays, for samplers, pruners and analysis."""

from tunesmith.history.budget import StepBudget, step_budget
from tunesmith.history.dominance import non_dominated_mask, non_dominated_ranks
from tunesmith.history.history import STATE_ORDER, History
from tunesmith.history.hypervolume import default_reference, hypervolume
from tunesmith.history.snapshot import HistorySnapshot
from tunesmith.history.view import RestrictedHistory

__all__ = [
    "STATE_ORDER",
    "History",
    "HistorySnapshot",
    "RestrictedHistory",
    "StepBudget",
    "default_reference",
    "hypervolume",
    "non_dominated_mask",
    "non_dominated_ranks",
    "step_budget",
]
