"""create_study, load_study, delete_study, list_studies and copy_study on in-memory storages."""

from __future__ import annotations

from typing import Any

import pytest

from tunesmith import (
    InMemoryStorage,
    StudyDirection,
    Trial,
    TrialState,
    copy_study,
    create_study,
    delete_study,
    list_studies,
    load_study,
)
from tunesmith.exceptions import (
    DuplicatedStudyError,
    InvalidArgumentError,
    InvalidStorageURLError,
    StudyMismatchError,
    StudyNotFoundError,
)


def objective(trial: Trial) -> float:
    trial.set_user_attr("double", 2 * trial.number)
    trial.report(0.5, step=1)
    return trial.suggest_float("x", -1.0, 1.0) ** 2


@pytest.mark.parametrize(
    ("arguments", "fragments"),
    [
        ({"direction": "minimize", "directions": ["minimize"]}, ["'direction'", "not both"]),
        ({"direction": "up"}, ["'direction'", "'up'"]),
        ({"directions": []}, ["'directions'", "[]"]),
        ({"directions": "minimize"}, ["'directions'", "'minimize'"]),
        ({"directions": ["minimize", "sideways"]}, ["'directions'", "'sideways'"]),
        ({"study_name": ""}, ["'study_name'"]),
        ({"sampler": 3}, ["'sampler'", "3"]),
        ({"pruner": "median-ish"}, ["'pruner'", "'median-ish'"]),
        ({"seed": -1}, ["'seed'", "-1"]),
    ],
)
def test_bad_arguments_are_refused_with_a_message(
    arguments: dict[str, Any], fragments: list[str]
) -> None:
    with pytest.raises(InvalidArgumentError) as error:
        create_study(**arguments).ask().suggest_float("x", 0, 1)
    for fragment in fragments:
        assert fragment in str(error.value), (fragment, str(error.value))


def test_directions_are_stored() -> None:
    study = create_study(directions=["minimize", "MAXIMIZE"])
    assert study.directions == (StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
    assert create_study(direction="maximize").direction is StudyDirection.MAXIMIZE
    assert create_study().direction is StudyDirection.MINIMIZE


def test_generated_names_are_unique() -> None:
    storage = InMemoryStorage()
    names = {create_study(storage=storage).study_name for _ in range(5)}
    assert len(names) == 5


def test_a_taken_name_is_refused_unless_loading_is_asked_for() -> None:
    storage = InMemoryStorage()
    create_study("svm", storage).optimize(objective, n_trials=3)
    with pytest.raises(DuplicatedStudyError, match="'svm'"):
        create_study("svm", storage)
    resumed = create_study("svm", storage, load_if_exists=True)
    resumed.optimize(objective, n_trials=2)
    assert len(resumed.trials) == 5


def test_loading_with_other_directions_is_refused() -> None:
    storage = InMemoryStorage()
    create_study("svm", storage, direction="minimize")
    with pytest.raises(StudyMismatchError, match=r"'svm'.*minimize.*maximize"):
        create_study("svm", storage, direction="maximize", load_if_exists=True)
    assert load_study("svm", storage).direction is StudyDirection.MINIMIZE


def test_load_study_errors_name_the_stored_studies() -> None:
    storage = InMemoryStorage()
    with pytest.raises(InvalidArgumentError, match="0 studies"):
        load_study(storage=storage)
    create_study("alpha", storage)
    assert load_study(storage=storage).study_name == "alpha"
    create_study("beta", storage)
    with pytest.raises(StudyNotFoundError, match=r"'gamma'.*\['alpha', 'beta'\]"):
        load_study("gamma", storage)
    with pytest.raises(InvalidArgumentError, match=r"\['alpha', 'beta'\]"):
        load_study(storage=storage)
    with pytest.raises(InvalidArgumentError, match="'storage'"):
        load_study("alpha")


def test_list_and_delete_studies() -> None:
    storage = InMemoryStorage()
    create_study("a", storage).optimize(objective, n_trials=3)
    create_study("b", storage, directions=["minimize", "maximize"])
    summaries = list_studies(storage)
    assert [s.study_name for s in summaries] == ["a", "b"]
    assert (summaries[0].n_trials, summaries[0].n_complete) == (3, 3)
    assert summaries[0].best_values == (load_study("a", storage).best_value,)
    assert summaries[1].best_values is None
    delete_study("a", storage)
    assert [s.study_name for s in list_studies(storage)] == ["b"]
    with pytest.raises(StudyNotFoundError, match="'a'"):
        delete_study("a", storage)
    with pytest.raises(StudyNotFoundError):
        load_study("a", storage)


def test_copy_study_between_storages_keeps_everything() -> None:
    source, target = InMemoryStorage(), InMemoryStorage()
    study = create_study("original", source, seed=0)
    study.set_user_attr("owner", "ada")
    study.optimize(objective, n_trials=4)
    pruned = study.ask()
    pruned.report(3.0, step=2)
    study.tell(pruned, state=TrialState.PRUNED)
    study.enqueue_trial({"x": 0.5})

    copy = copy_study("original", source, target, to_study_name="copy")
    assert copy.user_attrs == {"owner": "ada"}
    original_trials, copied_trials = study.trials, copy.trials
    assert len(copied_trials) == len(original_trials) == 6
    for original, copied in zip(original_trials, copied_trials, strict=True):
        assert copied.number == original.number
        assert copied.state is original.state
        assert copied.values == original.values
        assert dict(copied.params) == dict(original.params)
        assert dict(copied.distributions) == dict(original.distributions)
        assert dict(copied.intermediate_values) == dict(original.intermediate_values)
        assert dict(copied.user_attrs) == dict(original.user_attrs)
    assert copy.best_trial.number == study.best_trial.number
    copy.optimize(objective, n_trials=1)
    assert copy.trials[5].params["x"] == 0.5
    assert len(study.trials) == 6


def test_copy_refuses_a_taken_name_and_a_missing_source() -> None:
    source, target = InMemoryStorage(), InMemoryStorage()
    create_study("s", source)
    create_study("s", target)
    with pytest.raises(DuplicatedStudyError):
        copy_study("s", source, target)
    with pytest.raises(StudyNotFoundError):
        copy_study("missing", source, target)


def test_a_bad_storage_url_is_refused_with_an_example() -> None:
    with pytest.raises(InvalidStorageURLError, match=r"'mysql://x'.*sqlite:///"):
        create_study(storage="mysql://x")
