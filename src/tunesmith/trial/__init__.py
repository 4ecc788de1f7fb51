"""Trial records and the live trial an objective receives."""

from tunesmith.trial.frozen import FrozenTrial
from tunesmith.trial.live import FIXED_PARAMS_ATTR, PROPOSAL_ATTR, Trial
from tunesmith.trial.state import StudyDirection, TrialState

__all__ = [
    "FIXED_PARAMS_ATTR",
    "PROPOSAL_ATTR",
    "FrozenTrial",
    "StudyDirection",
    "Trial",
    "TrialState",
]
