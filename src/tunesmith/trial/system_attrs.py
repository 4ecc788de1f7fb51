"""The system attributes tunesmith itself records with a trial, named in one place.

The study writes them (an enqueued trial's fixed hyperparameters, the
sampler's proposal for a running trial, why a trial failed); the history,
the CLI and reports read them. The dashboard writes a person's note.
"""

from __future__ import annotations

__all__ = [
    "FAIL_REASON_ATTR",
    "FIXED_PARAMS_ATTR",
    "INTERRUPTED_ATTR",
    "NOTE_ATTR",
    "PROPOSAL_ATTR",
    "RETRY_ATTEMPT_ATTR",
    "RETRY_OF_ATTR",
]

# An enqueued trial's fixed hyperparameters, by name.
FIXED_PARAMS_ATTR = "fixed_params"
# The sampler's proposal for a running trial, as internal values by name, until the objective
# suggests them (see ``History``).
PROPOSAL_ATTR = "proposal"
# Why a trial failed, in a sentence.
FAIL_REASON_ATTR = "fail_reason"
# True on a FAIL trial that Ctrl-C stopped: the objective did not fail, the run was stopped.
# Such a trial says nothing about its point and does not count towards a budget.
INTERRUPTED_ATTR = "interrupted"
# The number of the failed trial whose hyperparameters a retry runs again.
RETRY_OF_ATTR = "retry_of"
# How many times the first trial's hyperparameters have been retried, counting this trial.
RETRY_ATTEMPT_ATTR = "retry_attempt"
# A person's free-text note, written from the dashboard: on a trial as a trial system
# attribute (which a finished trial still accepts), on a study as a study system attribute.
NOTE_ATTR = "note"
