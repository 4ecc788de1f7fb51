"""Ask and tell: starting trials by hand, finishing them by Trial or by number."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from tunesmith import Categorical, Float, InMemoryStorage, Int, TrialState, create_study
from tunesmith.exceptions import (
    InvalidArgumentError,
    InvalidSpaceError,
    TrialFinishedError,
    TrialNotFoundError,
)
from tunesmith.history import History
from tunesmith.samplers import Proposal, RandomSampler
from tunesmith.study import Study
from tunesmith.trial import FAIL_REASON_ATTR


def test_tell_by_trial_and_by_number() -> None:
    study = create_study(seed=0)
    first, second = study.ask(), study.ask()
    first.suggest_float("x", 0.0, 1.0)
    second.suggest_float("x", 0.0, 1.0)
    study.tell(first, 1.5)
    record = study.tell(second.number, 0.5)
    assert record.state is TrialState.COMPLETE
    assert [t.value for t in study.trials] == [1.5, 0.5]
    assert study.best_trial.number == second.number


def test_telling_a_finished_trial_again_is_refused() -> None:
    study = create_study()
    trial = study.ask()
    study.tell(trial, 1.0)
    with pytest.raises(TrialFinishedError):
        study.tell(trial, 2.0)
    with pytest.raises(TrialFinishedError):
        study.tell(trial.number, state=TrialState.FAIL)
    assert study.trials[0].value == 1.0


def test_tell_with_a_state() -> None:
    study = create_study()
    pruned, failed, nothing = study.ask(), study.ask(), study.ask()
    pruned.report(0.25, step=3)
    assert study.tell(pruned, state=TrialState.PRUNED).value == 0.25
    assert study.tell(failed, state=TrialState.FAIL).state is TrialState.FAIL
    assert study.tell(nothing).state is TrialState.FAIL


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        ({"state": TrialState.COMPLETE}, "'values'"),
        ({"values": 1.0, "state": TrialState.RUNNING}, "'state'"),
        ({"values": 1.0, "state": "COMPLETE"}, "'state'"),
    ],
)
def test_bad_tell_arguments_are_refused(arguments: dict[str, Any], match: str) -> None:
    study = create_study()
    trial = study.ask()
    with pytest.raises(InvalidArgumentError, match=match):
        study.tell(trial, **arguments)
    assert study.trials[0].state is TrialState.RUNNING


def test_tell_an_unknown_trial() -> None:
    study = create_study()
    with pytest.raises(TrialNotFoundError, match="7"):
        study.tell(7, 1.0)
    with pytest.raises(InvalidArgumentError, match="'trial'"):
        study.tell("0", 1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        (math.nan, "finite"),
        (math.inf, "finite"),
        ((1.0, 2.0), "2 value(s)"),
        ("0.5", "numbers"),
        (True, "numbers"),
    ],
)
def test_bad_values_fail_the_trial_with_a_reason(values: Any, reason: str) -> None:
    study = create_study()
    trial = study.ask()
    record = study.tell(trial, values)
    assert record.state is TrialState.FAIL
    assert reason in record.system_attrs[FAIL_REASON_ATTR]
    study.tell(study.ask(), 1.0)
    assert study.best_value == 1.0


def test_ask_with_a_declarative_space() -> None:
    space = {
        "lr": Float(1e-4, 1e-1, log=True),
        "layers": Int(1, 4),
        "activation": ["relu", "tanh", None],
        "dropout": {"type": "float", "low": 0.0, "high": 0.5, "step": 0.1},
    }
    study = create_study(seed=1)
    for _ in range(10):
        trial = study.ask(space)
        assert set(trial.params) == set(space)
        assert 1e-4 <= trial.params["lr"] <= 1e-1
        assert trial.params["layers"] in {1, 2, 3, 4}
        assert trial.params["activation"] in ("relu", "tanh", None)
        assert Categorical(["relu", "tanh", None]).contains(trial.params["activation"])
        assert Float(0.0, 0.5, step=0.1).contains(trial.params["dropout"])
        study.tell(trial, trial.params["lr"])
    assert study.best_params["lr"] == min(t.params["lr"] for t in study.trials)


def test_ask_with_a_bad_space_names_the_hyperparameter() -> None:
    study = create_study()
    with pytest.raises(InvalidSpaceError, match="'depth'"):
        study.ask({"depth": {"type": "int", "low": 5, "high": 1}})


def test_user_attributes_of_trials_and_studies() -> None:
    study = create_study()
    trial = study.ask()
    trial.set_user_attr("train_score", 0.9)
    trial.set_user_attr("layers", [64, 32])
    study.tell(trial, 1.0)
    study.set_user_attr("dataset", "iris")
    assert dict(study.trials[0].user_attrs) == {"train_score": 0.9, "layers": [64, 32]}
    assert study.user_attrs == {"dataset": "iris"}
    with pytest.raises(TypeError, match="JSON"):
        study.set_user_attr("model", object())


def test_a_trial_of_another_study_is_refused() -> None:
    storage = InMemoryStorage()
    study, neighbour = create_study(storage=storage), create_study(storage=storage)
    stranger = create_study()  # another storage, where trial 0 has the same id
    study.ask()
    for other in (neighbour, stranger):
        foreign = other.ask()
        with pytest.raises(InvalidArgumentError, match="another study"):
            study.tell(foreign, 1.0)
        assert other.tell(foreign, 1.0).state is TrialState.COMPLETE
    with pytest.raises(InvalidArgumentError, match="another study"):
        study.tell(neighbour.trials[0], 1.0)
    assert study.trials[0].state is TrialState.RUNNING


class _BrokenSampler(RandomSampler):
    """A sampler whose model breaks when it proposes."""

    def propose(self, history: History, trial_number: int) -> Proposal:
        raise ZeroDivisionError("the model divided by zero")


@pytest.mark.parametrize(
    "run",
    [
        lambda study: study.ask(),
        lambda study: study.optimize(lambda trial: trial.suggest_float("x", 0, 1), n_trials=3),
    ],
    ids=["ask", "optimize"],
)
def test_a_sampler_that_breaks_fails_its_trial_and_keeps_no_trial_running(
    run: Callable[[Study], object],
) -> None:
    study = create_study(sampler=_BrokenSampler())
    with pytest.raises(ZeroDivisionError, match="the model divided by zero"):
        run(study)
    (trial,) = study.trials
    assert trial.state is TrialState.FAIL
    assert "ZeroDivisionError: the model divided by zero" in trial.system_attrs[FAIL_REASON_ATTR]


class _NotingSampler(RandomSampler):
    """A sampler that proposes a point and asks the study to remember whom it was for."""

    def propose(self, history: History, trial_number: int) -> Proposal:
        return Proposal({"x": (Float(0.0, 1.0), 0.25)}, {"proposed_for": trial_number})


def test_the_study_stores_what_the_sampler_notes_with_its_proposal() -> None:
    study = create_study(sampler=_NotingSampler(seed=0))
    study.optimize(lambda trial: trial.suggest_float("x", 0.0, 1.0), n_trials=2)
    asked = study.ask()
    assert [t.system_attrs["proposed_for"] for t in study.trials] == [0, 1, 2]
    assert [t.params.get("x") for t in study.trials] == [0.25, 0.25, None]
    assert asked.suggest_float("x", 0.0, 1.0) == 0.25
