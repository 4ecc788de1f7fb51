"""Trial records: the frozen record of a trial, its state, and the names of stored attributes.

The live trial an objective receives is ``tunesmith.study.Trial``.
"""

from tunesmith.trial.frozen import FrozenTrial
from tunesmith.trial.state import StudyDirection, TrialState
from tunesmith.trial.system_attrs import (
    FAIL_REASON_ATTR,
    FIXED_PARAMS_ATTR,
    INTERRUPTED_ATTR,
    NOTE_ATTR,
    PROPOSAL_ATTR,
    RETRY_ATTEMPT_ATTR,
    RETRY_OF_ATTR,
)

__all__ = [
    "FAIL_REASON_ATTR",
    "FIXED_PARAMS_ATTR",
    "INTERRUPTED_ATTR",
    "NOTE_ATTR",
    "PROPOSAL_ATTR",
    "RETRY_ATTEMPT_ATTR",
    "RETRY_OF_ATTR",
    "FrozenTrial",
    "StudyDirection",
    "TrialState",
]
