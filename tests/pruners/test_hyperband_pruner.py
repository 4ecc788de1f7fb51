"""HyperbandPruner: bracket shares, per-bracket comparison, the inferred maximum resource."""

from __future__ import annotations

import numpy as np
import pytest

from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.pruners import BRACKET_ATTR, HyperbandPruner, MedianPruner, PatientPruner
from tunesmith.study import Study, create_study
from tunesmith.testing.pruners import decide, record_trial
from tunesmith.trial import TrialState


def _prescribed_shares(n_brackets: int, reduction_factor: int) -> np.ndarray:
    # Bracket b halves s = n_brackets - 1 - b times and gets eta**s / (s + 1) trials.
    halvings = np.arange(n_brackets)[::-1]
    weights = reduction_factor**halvings / (halvings + 1)
    return weights / weights.sum()


@pytest.mark.parametrize(
    ("max_resource", "reduction_factor", "n_brackets"), [(27, 3, 4), (26, 3, 3), (50, 2, 6)]
)
def test_brackets_get_the_shares_hyperband_prescribes(
    max_resource: int, reduction_factor: int, n_brackets: int
) -> None:
    pruner = HyperbandPruner(1, max_resource, reduction_factor)
    brackets = np.array([pruner.bracket_of(number) for number in range(5000)])
    shares = np.bincount(brackets, minlength=n_brackets) / brackets.size
    assert shares.size == n_brackets
    np.testing.assert_allclose(shares, _prescribed_shares(n_brackets, reduction_factor), atol=2e-3)
    # Even the first few dozen trials split nearly as prescribed.
    first = np.bincount(brackets[:40], minlength=n_brackets) / 40
    np.testing.assert_allclose(first, _prescribed_shares(n_brackets, reduction_factor), atol=0.05)


def test_bracket_of_is_a_fixed_function_of_the_trial_number() -> None:
    numbers = range(200)
    first = [HyperbandPruner(max_resource=27).bracket_of(n) for n in numbers]
    assert first == [HyperbandPruner(max_resource=27).bracket_of(n) for n in numbers]


def _add(study: Study, pruner: HyperbandPruner, curve: dict[int, float]) -> tuple[int, bool]:
    number = record_trial(study, curve, TrialState.RUNNING).number
    return number, decide(pruner, study, number)


def test_the_bracket_says_when_a_trial_is_judged_against_every_trial_at_that_step() -> None:
    pruner = HyperbandPruner(min_resource=1, max_resource=27, reduction_factor=3)
    study = create_study()
    decisions: dict[int, list[bool]] = {}
    for number in range(12):
        bracket = pruner.bracket_of(number)
        # Bracket 0 trials are far worse at step 1 than the trials of other brackets.
        value = 10.0 + number if bracket == 0 else 0.1
        _, pruned = _add(study, pruner, {1: value})
        decisions.setdefault(bracket, []).append(pruned)
    assert pruner.bracket_of(0) != 0
    # Even the first bracket-0 trial, alone in its bracket, trails the others at step 1.
    assert decisions[0]
    assert all(decisions[0])
    # Other brackets have no rung at step 1.
    assert not any(d for bracket, ds in decisions.items() if bracket != 0 for d in ds)


def test_the_bracket_is_recorded_on_the_trial() -> None:
    pruner = HyperbandPruner(max_resource=27)
    study = create_study(pruner=pruner)
    for _ in range(5):
        trial = study.ask()
        trial.report(0.5, 1)
        trial.should_prune()
    for record in study.trials:
        assert record.system_attrs[BRACKET_ATTR] == pruner.bracket_of(record.number)


def test_a_pruner_asked_directly_writes_nothing() -> None:
    # The study's live trial stores the bracket; the pruner only reads.
    pruner = HyperbandPruner(max_resource=27)
    study = create_study()
    number, _ = _add(study, pruner, {1: 0.5})
    assert BRACKET_ATTR not in study.trials[number].system_attrs
    history = study.history
    record = history.trial(number)
    assert record is not None
    assert pruner.system_attrs_to_record(history, record) == {
        BRACKET_ATTR: pruner.bracket_of(number)
    }


def test_the_least_aggressive_bracket_runs_trials_to_the_end() -> None:
    pruner = HyperbandPruner(min_resource=1, max_resource=27, reduction_factor=3)
    study = create_study()
    for number in range(40):
        curve = dict.fromkeys(range(1, 28), 0.1)
        if pruner.bracket_of(number) == 3:
            curve = dict.fromkeys(range(1, 28), 100.0 + number)
        _, pruned = _add(study, pruner, curve)
        if pruner.bracket_of(number) == 3:
            assert pruned is False


def test_auto_max_resource_is_learned_from_the_first_completed_trial() -> None:
    pruner = HyperbandPruner()
    study = create_study()
    with pytest.raises(NoCompletedTrialsError, match="max_resource='auto'"):
        pruner.bracket_of(0)
    _, pruned = _add(study, pruner, {1: 5.0})
    assert pruned is False
    assert pruner.max_resource_ is None
    record_trial(study, dict.fromkeys(range(1, 10), 0.5))
    _add(study, pruner, {1: 0.5})
    assert pruner.max_resource_ == 9
    assert {pruner.bracket_of(n) for n in range(100)} == {0, 1, 2}
    # More completed trials, even longer ones, do not move the brackets.
    record_trial(study, dict.fromkeys(range(1, 30), 0.5))
    _add(study, pruner, {1: 0.5})
    assert pruner.max_resource_ == 9


def test_create_study_with_hyperband_by_name_prunes() -> None:
    study = create_study(pruner="hyperband", sampler="random", seed=3)

    def objective(trial: object) -> float:
        from tunesmith import Trial, TrialPruned

        assert isinstance(trial, Trial)
        rate = trial.suggest_float("rate", 0.01, 1.0, log=True)
        value = 1.0
        for epoch in range(1, 28):
            value = 1.0 / (1.0 + rate * epoch)
            trial.report(value, epoch)
            if trial.should_prune():
                raise TrialPruned()
        return value

    study.optimize(objective, n_trials=40)
    trials = study.trials
    steps = sum(t.last_step or 0 for t in trials)
    assert steps < 40 * 27 / 2
    assert study.best_value < 1.0 / (1.0 + 0.3 * 27)


def test_max_resource_below_min_resource_is_refused() -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        HyperbandPruner(min_resource=5, max_resource=3).bracket_of(0)
    assert str(raised.value) == (
        "The 'max_resource' argument of HyperbandPruner must be 'auto' or an int >= "
        "min_resource (5); got 3."
    )


def test_a_sampler_is_told_the_trials_of_the_new_trials_bracket() -> None:
    pruner = HyperbandPruner(min_resource=1, max_resource=27)
    study = create_study()
    for _ in range(30):
        _add(study, pruner, {1: 0.5})
    history = study.history

    for number in (30, 31, 40):
        rows = pruner.sampling_rows(history, number)
        assert rows is not None
        same = [n for n in range(30) if pruner.bracket_of(n) == pruner.bracket_of(number)]
        assert np.flatnonzero(rows).tolist() == same
    patient = PatientPruner(pruner, patience=2)
    assert np.array_equal(patient.sampling_rows(history, 30), pruner.sampling_rows(history, 30))
    assert MedianPruner().sampling_rows(history, 30) is None
    assert HyperbandPruner().sampling_rows(history, 30) is None  # brackets not learned yet
