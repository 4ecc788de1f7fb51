"""PatientPruner: patience, minimum improvement, and the wrapped pruner's say."""

from __future__ import annotations

import math

import pytest

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.history import History
from tunesmith.pruners import NopPruner, PatientPruner, Pruner, ThresholdPruner
from tunesmith.study import create_study
from tunesmith.testing.pruners import decide, record_trial
from tunesmith.trial import FrozenTrial, TrialState


def _decide(pruner: PatientPruner, values: list[float], direction: str = "minimize") -> bool:
    study = create_study(direction=direction)
    curve = dict(enumerate(values, start=1))
    number = record_trial(study, curve, TrialState.RUNNING).number
    return decide(pruner, study, number)


@pytest.mark.parametrize(
    ("values", "pruned"),
    [
        ([1.0, 0.9, 0.8], False),  # too few reports to have stalled
        ([1.0, 0.9, 0.95, 0.97], True),  # the last two did not beat 0.9
        ([1.0, 0.9, 0.95, 0.85], False),  # the last one did
        ([1.0, 1.2, 1.1, 1.3, 0.99], False),
    ],
)
def test_prunes_after_patience_reports_without_improvement(
    values: list[float], pruned: bool
) -> None:
    assert _decide(PatientPruner(patience=2), values) is pruned


def test_direction_decides_what_improvement_is() -> None:
    rising = [1.0, 2.0, 3.0, 4.0]
    assert _decide(PatientPruner(patience=2), rising, "maximize") is False
    assert _decide(PatientPruner(patience=2), rising, "minimize") is True


def test_min_delta_is_the_least_improvement() -> None:
    values = [1.0, 0.95, 0.94]
    assert _decide(PatientPruner(patience=1, min_delta=0.0), values) is False
    assert _decide(PatientPruner(patience=1, min_delta=0.05), values) is True


def test_nan_is_no_improvement() -> None:
    assert _decide(PatientPruner(patience=2), [1.0, math.nan, math.nan]) is True
    assert _decide(PatientPruner(patience=2), [math.nan, math.nan, 1.0]) is False


class _Recording(Pruner):
    """Says ``answer`` and remembers which trials it was asked about."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[int] = []

    def should_prune(self, history: History, trial: FrozenTrial) -> bool:
        self.asked.append(trial.number)
        return self.answer


def test_a_stalled_trial_is_pruned_only_if_the_wrapped_pruner_agrees() -> None:
    stalled = [1.0, 0.5, 0.6, 0.7]
    assert _decide(PatientPruner(NopPruner(), patience=2), stalled) is False
    assert _decide(PatientPruner(ThresholdPruner(upper=0.6), patience=2), stalled) is True
    improving = _Recording(answer=True)
    assert _decide(PatientPruner(improving, patience=2), [1.0, 0.9, 0.8, 0.7]) is False
    assert improving.asked == []


@pytest.mark.parametrize(
    ("pruner", "message"),
    [
        (
            PatientPruner(patience=0),
            "The 'patience' argument of PatientPruner must be an int >= 1; got 0.",
        ),
        (
            PatientPruner(min_delta=-0.1),
            "The 'min_delta' argument of PatientPruner must be a finite number >= 0; got -0.1.",
        ),
        (
            PatientPruner("median"),  # type: ignore[arg-type]
            "The 'wrapped_pruner' argument of PatientPruner must be a Pruner or None; "
            "got 'median'.",
        ),
    ],
)
def test_bad_arguments_are_refused(pruner: PatientPruner, message: str) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        _decide(pruner, [1.0])
    assert str(raised.value) == message
