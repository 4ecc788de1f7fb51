"""A study's trials as NumPy arrays, for samplers, pruners and analysis."""

from tunesmith.history.dominance import non_dominated_mask
from tunesmith.history.history import STATE_ORDER, History

__all__ = ["STATE_ORDER", "History", "non_dominated_mask"]
