"""best_trial, best_params, best_value and the Pareto front of best_trials."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tunesmith import Study, TrialState, create_study
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError


def tell_all(study: Study, results: Sequence[float | tuple[float, ...] | TrialState]) -> None:
    """One trial per result: a value (or values) completes it, a state finishes it so."""
    for result in results:
        trial = study.ask()
        trial.suggest_float("x", 0.0, 1.0)
        if isinstance(result, TrialState):
            study.tell(trial, state=result)
        else:
            study.tell(trial, result)


@pytest.mark.parametrize(
    ("direction", "best_number", "best_value"),
    [("minimize", 3, -2.0), ("maximize", 1, 5.0)],
)
def test_best_trial_follows_the_direction(
    direction: str, best_number: int, best_value: float
) -> None:
    study = create_study(direction=direction)
    tell_all(study, [1.0, 5.0, TrialState.FAIL, -2.0, TrialState.PRUNED, 0.5])
    assert study.best_trial.number == best_number
    assert study.best_value == best_value
    assert study.best_params == dict(study.trials[best_number].params)
    assert study.direction.value == direction


def test_ties_go_to_the_earliest_trial() -> None:
    study = create_study()
    tell_all(study, [2.0, 1.0, 1.0])
    assert study.best_trial.number == 1
    assert [t.number for t in study.best_trials] == [1, 2]


def test_no_best_trial_before_one_completes() -> None:
    study = create_study(study_name="empty")
    with pytest.raises(NoCompletedTrialsError, match="'empty'"):
        _ = study.best_trial
    with pytest.raises(NoCompletedTrialsError):
        _ = study.best_value
    tell_all(study, [TrialState.FAIL, TrialState.PRUNED])
    with pytest.raises(ValueError, match="no completed trial"):
        _ = study.best_params
    assert study.best_trials == []


def test_pareto_front_of_two_objectives() -> None:
    study = create_study(directions=["minimize", "maximize"])
    # (cost, accuracy): lower cost and higher accuracy are better.
    tell_all(
        study,
        [
            (1.0, 0.5),  # front: cheapest
            (2.0, 0.9),  # front
            (3.0, 0.8),  # dominated by trial 1
            (4.0, 0.95),  # front: most accurate
            (2.0, 0.9),  # front: equal to trial 1, not dominated by it
            TrialState.FAIL,
            (5.0, 0.6),  # dominated
        ],
    )
    assert [t.number for t in study.best_trials] == [0, 1, 3, 4]
    assert study.trials[3].values == (4.0, 0.95)
    assert study.is_multi_objective


def test_single_best_is_refused_for_several_objectives() -> None:
    study = create_study(directions=["minimize", "minimize"])
    tell_all(study, [(1.0, 2.0)])
    for name in ("best_trial", "best_value", "best_params", "direction"):
        with pytest.raises(InvalidArgumentError, match=r"best_trials|directions"):
            getattr(study, name)
    with pytest.raises(ValueError, match="values"):
        _ = study.trials[0].value
