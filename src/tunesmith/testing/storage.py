"""The contract every Storage implementation passes, as a reusable pytest suite.

Subclass ``StorageContract`` in a test module and give it a ``storage``
fixture that yields a fresh, empty storage (and closes it afterwards)::

    class TestMyStorage(StorageContract):
        storage_class = MyStorage

        @pytest.fixture
        def storage(self) -> Iterator[Storage]:
            storage = MyStorage()
            yield storage
            storage.close()

``storage_class`` names the class the fixture yields, which the suite checks;
tunesmith's own tests use it to find a subclass for every registered storage.

Importing this module requires pytest, a development dependency of tunesmith.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar

import pytest

from tunesmith.exceptions import (
    DuplicatedStudyError,
    StudyNotFoundError,
    TrialFinishedError,
    TrialNotFoundError,
)
from tunesmith.space import Categorical, Distribution, Float, Int
from tunesmith.storage.base import Storage
from tunesmith.trial import FAIL_REASON_ATTR, FrozenTrial, StudyDirection, TrialState

__all__ = ["StorageContract"]

MINIMIZE = StudyDirection.MINIMIZE
MAXIMIZE = StudyDirection.MAXIMIZE

# (distribution, external value): every kind of range, and choices of every type.
PARAM_CASES: list[tuple[Distribution, Any]] = [
    (Float(-1.0, 1.0), -0.375),
    (Float(1e-5, 1.0, log=True), 3.2e-4),
    (Float(0.0, 1.0, step=0.25), 0.75),
    (Int(-3, 3), -2),
    (Int(1, 1024, log=True), 64),
    (Int(0, 10, step=2), 4),
    (Categorical([None, True, 1, "1", 1.5]), None),
    (Categorical([None, True, 1, "1", 1.5]), True),
    (Categorical([None, True, 1, "1", 1.5]), 1),
    (Categorical([None, True, 1, "1", 1.5]), "1"),
    (Categorical([None, True, 1, "1", 1.5]), 1.5),
    (Categorical([True, False]), False),
    (Categorical(["rbf", "linear", "poly"]), "poly"),
]
PARAM_IDS = [f"{type(distribution).__name__}:{value!r}" for distribution, value in PARAM_CASES]


def _new_study(storage: Storage, name: str = "study", *directions: StudyDirection) -> int:
    return storage.create_study(name, directions or (MINIMIZE,))


def _new_trial(storage: Storage, study_id: int, **kwargs: Any) -> FrozenTrial:
    trial = storage.create_trial(study_id, **kwargs)
    assert trial is not None
    return trial


def _in_threads(n_threads: int, work: Callable[[], list[Any]]) -> list[Any]:
    """Run ``work`` in ``n_threads`` threads released at once; their results, concatenated."""
    start = threading.Barrier(n_threads)

    def run() -> list[Any]:
        start.wait()
        return work()

    with ThreadPoolExecutor(n_threads) as pool:
        futures = [pool.submit(run) for _ in range(n_threads)]
        return [item for future in futures for item in future.result()]


def _same_floats(got: float, expected: float) -> bool:
    return (math.isnan(got) and math.isnan(expected)) or got == expected


class StorageContract:
    """What every storage does, whatever keeps the data. Needs a ``storage`` fixture."""

    storage_class: ClassVar[type[Storage]]

    def test_is_its_declared_class(self, storage: Storage) -> None:
        declared = getattr(self, "storage_class", None)
        assert declared is not None, f"{type(self).__name__} must set storage_class"
        assert type(storage) is declared, f"the fixture gave {storage!r}, not a {declared.__name__}"

    # Studies -----------------------------------------------------------------

    def test_each_study_gets_its_own_id(self, storage: Storage) -> None:
        first = _new_study(storage, "first")
        second = _new_study(storage, "second")
        assert first != second
        assert storage.get_study_id("first") == first
        assert storage.get_study_id("second") == second
        assert storage.get_study_name(first) == "first"
        assert storage.get_study_name(second) == "second"

    def test_duplicate_study_name_is_refused(self, storage: Storage) -> None:
        study_id = _new_study(storage, "taken")
        _new_trial(storage, study_id)
        with pytest.raises(DuplicatedStudyError, match="taken"):
            storage.create_study("taken", [MAXIMIZE])
        assert storage.get_study_directions(study_id) == (MINIMIZE,)
        assert len(storage.get_all_trials(study_id)) == 1

    def test_directions_round_trip(self, storage: Storage) -> None:
        single = _new_study(storage, "single", MAXIMIZE)
        multiple = _new_study(storage, "multiple", MINIMIZE, MAXIMIZE, MINIMIZE)
        assert storage.get_study_directions(single) == (MAXIMIZE,)
        assert storage.get_study_directions(multiple) == (MINIMIZE, MAXIMIZE, MINIMIZE)

    def test_unknown_study_is_a_key_error(self, storage: Storage) -> None:
        with pytest.raises(KeyError):
            storage.get_study_id("missing")
        with pytest.raises(StudyNotFoundError, match="missing"):
            storage.get_study_id("missing")

    @pytest.mark.parametrize(
        "call",
        [
            pytest.param(lambda s, i: s.get_study_name(i), id="get_study_name"),
            pytest.param(lambda s, i: s.get_study_directions(i), id="get_study_directions"),
            pytest.param(lambda s, i: s.delete_study(i), id="delete_study"),
            pytest.param(lambda s, i: s.set_study_user_attr(i, "key", 1), id="set_study_user_attr"),
            pytest.param(
                lambda s, i: s.set_study_system_attr(i, "key", 1), id="set_study_system_attr"
            ),
            pytest.param(lambda s, i: s.get_study_user_attrs(i), id="get_study_user_attrs"),
            pytest.param(lambda s, i: s.get_study_system_attrs(i), id="get_study_system_attrs"),
            pytest.param(lambda s, i: s.create_trial(i), id="create_trial"),
            pytest.param(
                lambda s, i: s.create_trial(i, max_trials=10), id="create_trial-max_trials"
            ),
            pytest.param(lambda s, i: s.claim_waiting_trial(i), id="claim_waiting_trial"),
            pytest.param(
                lambda s, i: s.start_trial(i, max_trials=None, changed_since=0), id="start_trial"
            ),
            pytest.param(lambda s, i: s.fail_stale_trials(i, 1.0), id="fail_stale_trials"),
            pytest.param(lambda s, i: s.get_trial_id(i, 0), id="get_trial_id"),
            pytest.param(lambda s, i: s.get_all_trials(i), id="get_all_trials"),
            pytest.param(
                lambda s, i: s.get_trials_changed_since(i, 0), id="get_trials_changed_since"
            ),
        ],
    )
    def test_unknown_study_id_is_refused(
        self, storage: Storage, call: Callable[[Storage, int], object]
    ) -> None:
        deleted = _new_study(storage, "deleted")
        storage.delete_study(deleted)
        with pytest.raises(StudyNotFoundError):
            call(storage, deleted)

    def test_delete_study_removes_it_and_its_trials(self, storage: Storage) -> None:
        doomed = _new_study(storage, "doomed")
        kept = _new_study(storage, "kept")
        doomed_trial = _new_trial(storage, doomed)
        storage.set_trial_param(doomed_trial.trial_id, "x", 0.5, Float(0.0, 1.0))
        storage.set_trial_intermediate_value(doomed_trial.trial_id, 0, 1.0)
        storage.set_trial_user_attr(doomed_trial.trial_id, "key", "value")
        storage.set_study_user_attr(doomed, "key", "value")
        storage.finish_trial(doomed_trial.trial_id, TrialState.COMPLETE, [1.0])
        kept_trial = _new_trial(storage, kept)

        storage.delete_study(doomed)

        with pytest.raises(StudyNotFoundError):
            storage.get_study_id("doomed")
        with pytest.raises(TrialNotFoundError):
            storage.get_trial(doomed_trial.trial_id)
        assert storage.get_trial(kept_trial.trial_id) == kept_trial
        assert [s.study_name for s in storage.get_all_studies()] == ["kept"]
        reborn = _new_study(storage, "doomed")
        assert storage.get_all_trials(reborn) == []
        assert storage.get_study_user_attrs(reborn) == {}
        assert _new_trial(storage, reborn).number == 0

    def test_study_attrs_round_trip(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        nested = {"list": [1, 2.5, None, True], "text": "é", "dict": {"a": []}}
        storage.set_study_user_attr(study_id, "nested", nested)
        storage.set_study_user_attr(study_id, "count", 1)
        storage.set_study_user_attr(study_id, "count", 2)
        storage.set_study_system_attr(study_id, "count", "system")
        storage.set_study_user_attr(study_id, "pair", (1, 2))
        assert storage.get_study_user_attrs(study_id) == {
            "nested": nested,
            "count": 2,
            "pair": [1, 2],
        }
        assert storage.get_study_system_attrs(study_id) == {"count": "system"}

    def test_study_attr_must_be_json_serialisable(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        with pytest.raises(TypeError, match="'bad'"):
            storage.set_study_user_attr(study_id, "bad", object())
        with pytest.raises(TypeError, match="'worse'"):
            storage.set_study_system_attr(study_id, "worse", {1, 2})
        assert storage.get_study_user_attrs(study_id) == {}
        assert storage.get_study_system_attrs(study_id) == {}

    def test_all_studies_are_summarised_in_creation_order(self, storage: Storage) -> None:
        lowest = _new_study(storage, "lowest", MINIMIZE)
        for value in (3.0, 1.0, 2.0):
            trial = _new_trial(storage, lowest)
            storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [value])
        pruned = _new_trial(storage, lowest)
        storage.finish_trial(pruned.trial_id, TrialState.PRUNED)
        _new_trial(storage, lowest)
        storage.set_study_user_attr(lowest, "owner", "me")
        highest = _new_study(storage, "highest", MAXIMIZE)
        for value in (-math.inf, 5.0, 4.0):
            trial = _new_trial(storage, highest)
            storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [value])
        pareto = _new_study(storage, "pareto", MINIMIZE, MAXIMIZE)
        trial = _new_trial(storage, pareto)
        storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [1.0, 2.0])
        empty = _new_study(storage, "empty")

        summaries = storage.get_all_studies()

        assert [s.study_id for s in summaries] == [lowest, highest, pareto, empty]
        by_name = {s.study_name: s for s in summaries}
        assert (by_name["lowest"].n_trials, by_name["lowest"].n_complete) == (5, 3)
        assert by_name["lowest"].best_values == (1.0,)
        assert by_name["lowest"].user_attrs == {"owner": "me"}
        assert by_name["highest"].best_values == (5.0,)
        assert by_name["highest"].directions == (MAXIMIZE,)
        assert by_name["pareto"].best_values is None
        assert by_name["pareto"].directions == (MINIMIZE, MAXIMIZE)
        assert (by_name["empty"].n_trials, by_name["empty"].best_values) == (0, None)
        assert all(s.datetime_start is not None for s in summaries)

    # Creating and claiming trials --------------------------------------------

    def test_trial_numbers_count_up_in_each_study(self, storage: Storage) -> None:
        first = _new_study(storage, "first")
        second = _new_study(storage, "second")
        numbers = [
            (study_id, _new_trial(storage, study_id).number)
            for study_id in (first, second, first, first, second)
        ]
        assert numbers == [(first, 0), (second, 0), (first, 1), (first, 2), (second, 1)]
        ids = [t.trial_id for t in storage.get_all_trials(first) + storage.get_all_trials(second)]
        assert len(set(ids)) == 5

    def test_new_running_trial_has_started(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id, system_attrs={"fixed": {"x": 1}})
        assert trial.state is TrialState.RUNNING
        assert trial.datetime_start is not None
        assert trial.datetime_complete is None
        assert trial.values is None
        assert (trial.params, trial.distributions, trial.intermediate_values) == ({}, {}, {})
        assert (trial.user_attrs, trial.system_attrs) == ({}, {"fixed": {"x": 1}})
        assert storage.get_trial(trial.trial_id) == trial
        assert storage.get_trial_id(study_id, 0) == trial.trial_id

    def test_new_waiting_trial_has_not_started(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id, state=TrialState.WAITING)
        assert trial.state is TrialState.WAITING
        assert trial.datetime_start is None
        assert storage.get_trial(trial.trial_id) == trial

    def test_max_trials_caps_the_study(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        created = [storage.create_trial(study_id, max_trials=3) for _ in range(5)]
        assert [t.number if t else None for t in created] == [0, 1, 2, None, None]
        assert len(storage.get_all_trials(study_id)) == 3
        assert _new_trial(storage, study_id).number == 3

    def test_bad_system_attrs_create_nothing(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        with pytest.raises(TypeError, match="bad"):
            storage.create_trial(study_id, system_attrs={"bad": object()})
        assert storage.get_all_trials(study_id) == []
        assert _new_trial(storage, study_id).number == 0

    def test_template_is_copied_under_a_new_number(self, storage: Storage) -> None:
        source = _new_study(storage, "source")
        target = _new_study(storage, "target")
        _new_trial(storage, target)
        original = _new_trial(storage, source, system_attrs={"origin": "enqueued"})
        storage.set_trial_param(original.trial_id, "lr", 0.01, Float(1e-4, 1.0, log=True))
        storage.set_trial_param(original.trial_id, "kernel", 1.0, Categorical(["rbf", "poly"]))
        storage.set_trial_intermediate_value(original.trial_id, 3, math.nan)
        storage.set_trial_user_attr(original.trial_id, "note", [1, "two"])
        template = storage.finish_trial(original.trial_id, TrialState.COMPLETE, [0.5, -math.inf])

        copy = storage.create_trial(target, template=template)

        assert copy is not None
        assert copy.number == 1
        assert copy.trial_id != template.trial_id
        stored = storage.get_trial(copy.trial_id)
        assert stored == copy
        assert stored.state is TrialState.COMPLETE
        assert stored.values == (0.5, -math.inf)
        assert stored.params == {"lr": 0.01, "kernel": "poly"}
        assert stored.distributions == template.distributions
        assert math.isnan(stored.intermediate_values[3])
        assert (stored.user_attrs, stored.system_attrs) == (
            {"note": [1, "two"]},
            {"origin": "enqueued"},
        )
        assert (stored.datetime_start, stored.datetime_complete) == (
            template.datetime_start,
            template.datetime_complete,
        )
        assert storage.get_trial(original.trial_id) == template

    def test_claim_takes_the_lowest_waiting_number(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        _new_trial(storage, study_id)
        first = _new_trial(storage, study_id, state=TrialState.WAITING)
        second = _new_trial(storage, study_id, state=TrialState.WAITING)

        claimed = storage.claim_waiting_trial(study_id)

        assert claimed is not None
        assert (claimed.trial_id, claimed.number) == (first.trial_id, first.number)
        assert claimed.state is TrialState.RUNNING
        assert claimed.datetime_start is not None
        assert storage.get_trial(first.trial_id) == claimed
        again = storage.claim_waiting_trial(study_id)
        assert again is not None
        assert again.trial_id == second.trial_id
        assert storage.claim_waiting_trial(study_id) is None

    def test_claim_keeps_the_enqueued_hyperparameters(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        waiting = _new_trial(
            storage, study_id, state=TrialState.WAITING, system_attrs={"fixed": {"x": 2}}
        )
        storage.set_trial_param(waiting.trial_id, "x", 2.0, Int(0, 5))
        claimed = storage.claim_waiting_trial(study_id)
        assert claimed is not None
        assert claimed.params == {"x": 2}
        assert claimed.system_attrs == {"fixed": {"x": 2}}

    def test_claim_with_nothing_waiting_returns_none(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        running = _new_trial(storage, study_id)
        assert storage.claim_waiting_trial(study_id) is None
        assert storage.get_trial(running.trial_id).state is TrialState.RUNNING

    def test_start_claims_a_waiting_trial_before_creating_one(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        waiting = _new_trial(storage, study_id, state=TrialState.WAITING)

        claimed = storage.start_trial(study_id, max_trials=None, changed_since=0).trial
        created = storage.start_trial(study_id, max_trials=None, changed_since=0).trial

        assert claimed is not None
        assert created is not None
        assert (claimed.trial_id, claimed.state) == (waiting.trial_id, TrialState.RUNNING)
        assert (created.number, created.state) == (1, TrialState.RUNNING)
        assert created.datetime_start is not None
        assert storage.get_trial(created.trial_id) == created

    def test_start_creates_nothing_past_max_trials(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        started = [storage.start_trial(study_id, max_trials=2, changed_since=0) for _ in range(3)]
        assert [s.trial.number if s.trial else None for s in started] == [0, 1, None]
        assert len(storage.get_all_trials(study_id)) == 2

    def test_start_reports_what_changed_and_the_started_trial(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        old = _new_trial(storage, study_id)
        storage.finish_trial(old.trial_id, TrialState.COMPLETE, [1.0])
        _, seen = storage.get_trials_changed_since(study_id, 0)
        other = _new_trial(storage, study_id)
        storage.set_trial_param(other.trial_id, "x", 0.5, Float(0.0, 1.0))

        started = storage.start_trial(study_id, max_trials=None, changed_since=seen)

        assert started.trial is not None
        assert [c.trial.number for c in started.changed] == [other.number, started.trial.number]
        assert started.changed[0].internal_params == {"x": 0.5}
        assert started.changed[-1].trial == started.trial
        # Reading on from the count returned misses no later change.
        storage.set_trial_param(started.trial.trial_id, "y", 0.25, Float(0.0, 1.0))
        later, _ = storage.get_trials_changed_since(study_id, started.change_count)
        assert started.trial.number in [change.trial.number for change in later]

    def test_threads_starting_trials_never_share_one(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        for _ in range(20):
            _new_trial(storage, study_id, state=TrialState.WAITING)

        def start() -> list[int]:
            started = (
                storage.start_trial(study_id, max_trials=60, changed_since=0) for _ in range(10)
            )
            return [s.trial.number for s in started if s.trial is not None]

        numbers = _in_threads(8, start)

        assert sorted(numbers) == list(range(60))
        assert len(storage.get_all_trials(study_id, states=[TrialState.RUNNING])) == 60

    # Writing to a trial ------------------------------------------------------

    def test_system_attrs_are_set_together(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id, system_attrs={"seed": 7})
        storage.set_trial_system_attrs(trial.trial_id, {"seed": 8, "proposal": {"x": 0.5}})
        assert storage.get_trial(trial.trial_id).system_attrs == {"seed": 8, "proposal": {"x": 0.5}}
        with pytest.raises(TypeError, match="'bad'"):
            storage.set_trial_system_attrs(trial.trial_id, {"fine": 1, "bad": object()})
        assert storage.get_trial(trial.trial_id).system_attrs == {"seed": 8, "proposal": {"x": 0.5}}

    @pytest.mark.parametrize(("distribution", "value"), PARAM_CASES, ids=PARAM_IDS)
    def test_params_round_trip(
        self, storage: Storage, distribution: Distribution, value: Any
    ) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        storage.set_trial_param(trial.trial_id, "h", distribution.to_internal(value), distribution)
        stored = storage.get_trial(trial.trial_id)
        assert stored.distributions == {"h": distribution}
        assert stored.params == {"h": value}
        assert type(stored.params["h"]) is type(value)
        assert stored.internal_params() == {"h": distribution.to_internal(value)}

    def test_params_keep_the_order_they_were_set_in(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        for name in ("zeta", "alpha", "mid"):
            storage.set_trial_param(trial.trial_id, name, 1.0, Int(0, 3))
        assert list(storage.get_trial(trial.trial_id).params) == ["zeta", "alpha", "mid"]

    def test_intermediate_values_round_trip(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        reported = {0: 1.5, 1: math.nan, 2: math.inf, 3: -math.inf, 10: -0.25}
        for step, value in reported.items():
            storage.set_trial_intermediate_value(trial.trial_id, step, value)
        stored = storage.get_trial(trial.trial_id).intermediate_values
        assert sorted(stored) == sorted(reported)
        assert all(_same_floats(stored[step], reported[step]) for step in reported)

    def test_intermediate_value_overwrites_its_step(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        storage.set_trial_intermediate_value(trial.trial_id, 4, 1.0)
        storage.set_trial_intermediate_value(trial.trial_id, 4, math.nan)
        storage.set_trial_intermediate_value(trial.trial_id, 5, 2.0)
        storage.set_trial_intermediate_value(trial.trial_id, 5, 3.0)
        stored = storage.get_trial(trial.trial_id).intermediate_values
        assert sorted(stored) == [4, 5]
        assert math.isnan(stored[4])
        assert stored[5] == 3.0

    def test_trial_attrs_round_trip(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id, system_attrs={"seed": 7})
        storage.set_trial_user_attr(trial.trial_id, "train_loss", [0.5, 0.25])
        storage.set_trial_user_attr(trial.trial_id, "model", {"n_parameters": 1024})
        storage.set_trial_user_attr(trial.trial_id, "model", {"n_parameters": 2048})
        storage.set_trial_system_attr(trial.trial_id, "seed", 8)
        storage.set_trial_system_attr(trial.trial_id, "grid", None)
        stored = storage.get_trial(trial.trial_id)
        assert stored.user_attrs == {"train_loss": [0.5, 0.25], "model": {"n_parameters": 2048}}
        assert stored.system_attrs == {"seed": 8, "grid": None}

    def test_trial_attr_must_be_json_serialisable(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        with pytest.raises(TypeError, match="'bad'"):
            storage.set_trial_user_attr(trial.trial_id, "bad", object())
        with pytest.raises(TypeError, match="'worse'"):
            storage.set_trial_system_attr(trial.trial_id, "worse", b"bytes")
        stored = storage.get_trial(trial.trial_id)
        assert (stored.user_attrs, stored.system_attrs) == ({}, {})

    @pytest.mark.parametrize(
        ("state", "values"),
        [
            (TrialState.COMPLETE, [0.125]),
            (TrialState.COMPLETE, [math.inf, -math.inf, 0.0]),
            (TrialState.PRUNED, None),
            (TrialState.FAIL, None),
        ],
    )
    def test_finish_trial_records_state_and_values(
        self, storage: Storage, state: TrialState, values: list[float] | None
    ) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        storage.set_trial_param(trial.trial_id, "x", 0.5, Float(0.0, 1.0))

        finished = storage.finish_trial(trial.trial_id, state, values)

        assert finished.state is state
        assert finished.values == (None if values is None else tuple(values))
        assert finished.params == {"x": 0.5}
        assert finished.datetime_start == trial.datetime_start
        assert finished.datetime_complete is not None
        assert finished.duration is not None
        assert finished.duration.total_seconds() >= 0
        assert storage.get_trial(trial.trial_id) == finished

    def test_waiting_trial_can_be_finished(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id, state=TrialState.WAITING)
        finished = storage.finish_trial(trial.trial_id, TrialState.FAIL)
        assert finished.state is TrialState.FAIL
        assert storage.claim_waiting_trial(study_id) is None

    @pytest.mark.parametrize(
        "call",
        [
            pytest.param(
                lambda s, i: s.finish_trial(i, TrialState.COMPLETE, [1.0]), id="finish_trial"
            ),
            pytest.param(lambda s, i: s.finish_trial(i, TrialState.FAIL), id="finish_trial-fail"),
            pytest.param(
                lambda s, i: s.set_trial_param(i, "x", 0.5, Float(0.0, 1.0)), id="set_trial_param"
            ),
            pytest.param(
                lambda s, i: s.set_trial_intermediate_value(i, 0, 1.0),
                id="set_trial_intermediate_value",
            ),
            pytest.param(lambda s, i: s.record_heartbeat(i), id="record_heartbeat"),
        ],
    )
    def test_finished_trial_cannot_change(
        self, storage: Storage, call: Callable[[Storage, int], object]
    ) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        finished = storage.finish_trial(trial.trial_id, TrialState.PRUNED)
        with pytest.raises(TrialFinishedError):
            call(storage, trial.trial_id)
        assert storage.get_trial(trial.trial_id) == finished

    def test_finished_trial_attrs_can_change(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [1.0])
        storage.set_trial_user_attr(trial.trial_id, "late", 1)
        storage.set_trial_system_attr(trial.trial_id, "later", 2)
        stored = storage.get_trial(trial.trial_id)
        assert (stored.user_attrs, stored.system_attrs) == ({"late": 1}, {"later": 2})
        assert stored.state is TrialState.COMPLETE

    def test_attr_written_on_a_finished_trial_is_a_change(self, storage: Storage) -> None:
        # The dashboard writes a person's note so; other open pages learn of it by the feed.
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [1.0])
        _, count = storage.get_trials_changed_since(study_id, 0)
        storage.set_trial_system_attr(trial.trial_id, "note", "looks odd")
        changed, later = storage.get_trials_changed_since(study_id, count)
        assert later > count
        assert [change.trial.system_attrs["note"] for change in changed] == ["looks odd"]
        assert changed[0].trial.values == (1.0,)

    @pytest.mark.parametrize(
        "call",
        [
            pytest.param(lambda s, i: s.get_trial(i), id="get_trial"),
            pytest.param(
                lambda s, i: s.set_trial_param(i, "x", 0.5, Float(0.0, 1.0)), id="set_trial_param"
            ),
            pytest.param(
                lambda s, i: s.set_trial_intermediate_value(i, 0, 1.0),
                id="set_trial_intermediate_value",
            ),
            pytest.param(lambda s, i: s.set_trial_user_attr(i, "key", 1), id="set_trial_user_attr"),
            pytest.param(
                lambda s, i: s.set_trial_system_attr(i, "key", 1), id="set_trial_system_attr"
            ),
            pytest.param(
                lambda s, i: s.finish_trial(i, TrialState.COMPLETE, [1.0]), id="finish_trial"
            ),
            pytest.param(lambda s, i: s.record_heartbeat(i), id="record_heartbeat"),
        ],
    )
    def test_unknown_trial_id_is_refused(
        self, storage: Storage, call: Callable[[Storage, int], object]
    ) -> None:
        study_id = _new_study(storage, "deleted")
        trial = _new_trial(storage, study_id)
        storage.delete_study(study_id)
        with pytest.raises(TrialNotFoundError):
            call(storage, trial.trial_id)

    def test_unknown_trial_number_is_a_key_error(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        _new_trial(storage, study_id)
        with pytest.raises(KeyError):
            storage.get_trial_id(study_id, 1)
        with pytest.raises(TrialNotFoundError):
            storage.get_trial_id(study_id, -1)

    # Heartbeats --------------------------------------------------------------

    def test_silent_trial_is_failed_after_the_grace_period(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        silent = _new_trial(storage, study_id)
        never_beat = _new_trial(storage, study_id)
        finished = _new_trial(storage, study_id)
        storage.record_heartbeat(silent.trial_id)
        storage.record_heartbeat(finished.trial_id)
        storage.finish_trial(finished.trial_id, TrialState.COMPLETE, [1.0])
        time.sleep(0.3)

        failed = storage.fail_stale_trials(study_id, grace_seconds=0.2)

        # A worker killed before its first beat leaves a trial that is found all the same.
        assert [t.trial_id for t in failed] == [silent.trial_id, never_beat.trial_id]
        assert failed[0].state is TrialState.FAIL
        assert failed[0].datetime_complete is not None
        assert (
            failed[0]
            .system_attrs[FAIL_REASON_ATTR]
            .startswith("The worker stopped sending heartbeats at ")
        )
        assert storage.get_trial(silent.trial_id) == failed[0]
        assert storage.get_trial(never_beat.trial_id).state is TrialState.FAIL
        assert storage.get_trial(finished.trial_id).state is TrialState.COMPLETE
        assert storage.fail_stale_trials(study_id, grace_seconds=0.2) == []
        with pytest.raises(TrialFinishedError):
            storage.finish_trial(silent.trial_id, TrialState.COMPLETE, [1.0])

    def test_fresh_heartbeat_is_not_stale(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        storage.record_heartbeat(trial.trial_id)
        # A grace far above the few milliseconds this takes, so a busy machine cannot fail it.
        assert storage.fail_stale_trials(study_id, grace_seconds=10.0) == []
        assert storage.get_trial(trial.trial_id).state is TrialState.RUNNING

    # Reading trials ----------------------------------------------------------

    def test_all_trials_in_number_order_filtered_by_state(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        states = [TrialState.COMPLETE, TrialState.RUNNING, TrialState.FAIL, TrialState.COMPLETE]
        for state in states:
            trial = _new_trial(storage, study_id)
            if state is not TrialState.RUNNING:
                storage.finish_trial(
                    trial.trial_id, state, [1.0] if state is TrialState.COMPLETE else None
                )
        _new_trial(storage, study_id, state=TrialState.WAITING)

        every = storage.get_all_trials(study_id)
        complete = storage.get_all_trials(study_id, states=[TrialState.COMPLETE])
        unfinished = storage.get_all_trials(
            study_id, states=(TrialState.RUNNING, TrialState.WAITING)
        )

        assert [t.number for t in every] == [0, 1, 2, 3, 4]
        assert [t.number for t in complete] == [0, 3]
        assert [t.number for t in unfinished] == [1, 4]
        assert storage.get_all_trials(study_id, states=[]) == []
        assert every == [storage.get_trial(t.trial_id) for t in every]

    def test_changed_since_returns_only_changed_trials(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        first = _new_trial(storage, study_id)
        second = _new_trial(storage, study_id)

        everything, counter = storage.get_trials_changed_since(study_id, 0)
        assert [change.trial.number for change in everything] == [0, 1]
        assert counter > 0
        assert storage.get_trials_changed_since(study_id, counter) == ([], counter)

        writes: list[Callable[[], object]] = [
            lambda: storage.set_trial_param(second.trial_id, "x", 0.5, Float(0.0, 1.0)),
            lambda: storage.set_trial_intermediate_value(second.trial_id, 0, 0.5),
            lambda: storage.set_trial_user_attr(second.trial_id, "key", 1),
            lambda: storage.set_trial_system_attr(second.trial_id, "key", 2),
            lambda: storage.finish_trial(second.trial_id, TrialState.COMPLETE, [0.5]),
        ]
        for write in writes:
            write()
            changed, newer = storage.get_trials_changed_since(study_id, counter)
            assert [change.trial.trial_id for change in changed] == [second.trial_id]
            assert changed[0].trial == storage.get_trial(second.trial_id)
            assert newer > counter
            counter = newer

        third = _new_trial(storage, study_id, state=TrialState.WAITING)
        storage.claim_waiting_trial(study_id)
        changed, counter = storage.get_trials_changed_since(study_id, counter)
        assert [change.trial.trial_id for change in changed] == [third.trial_id]
        assert changed[0].trial.state is TrialState.RUNNING
        assert storage.get_trial(first.trial_id).state is TrialState.RUNNING

    @pytest.mark.parametrize(("distribution", "value"), PARAM_CASES, ids=PARAM_IDS)
    def test_changes_carry_the_internal_values_as_stored(
        self, storage: Storage, distribution: Distribution, value: Any
    ) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        internal = distribution.to_internal(value)
        storage.set_trial_param(trial.trial_id, "h", internal, distribution)
        storage.set_trial_param(trial.trial_id, "rate", 0.125, Float(0.0, 1.0))

        (change,), _ = storage.get_trials_changed_since(study_id, 0)

        assert change.trial == storage.get_trial(trial.trial_id)
        assert change.internal_params == {"h": internal, "rate": 0.125}
        assert change.internal_params == change.trial.internal_params()
        with pytest.raises(TypeError):
            change.internal_params["h"] = 0.0  # type: ignore[index]

    def test_changes_of_a_copied_trial_carry_its_internal_values(self, storage: Storage) -> None:
        source = _new_study(storage, "source")
        target = _new_study(storage, "target")
        original = _new_trial(storage, source)
        storage.set_trial_param(original.trial_id, "lr", 0.01, Float(1e-4, 1.0, log=True))
        storage.set_trial_param(original.trial_id, "kernel", 1.0, Categorical(["rbf", "poly"]))
        template = storage.finish_trial(original.trial_id, TrialState.COMPLETE, [0.5])
        storage.create_trial(target, template=template)

        (change,), _ = storage.get_trials_changed_since(target, 0)

        assert change.internal_params == {"lr": 0.01, "kernel": 1.0}

    def test_heartbeat_is_not_a_change(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        _, counter = storage.get_trials_changed_since(study_id, 0)
        storage.record_heartbeat(trial.trial_id)
        assert storage.get_trials_changed_since(study_id, counter) == ([], counter)

    def test_stale_failure_is_a_change(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        trial = _new_trial(storage, study_id)
        storage.record_heartbeat(trial.trial_id)
        _, counter = storage.get_trials_changed_since(study_id, 0)
        time.sleep(0.3)
        storage.fail_stale_trials(study_id, grace_seconds=0.2)
        changed, newer = storage.get_trials_changed_since(study_id, counter)
        assert [change.trial.state for change in changed] == [TrialState.FAIL]
        assert newer > counter

    def test_change_counters_belong_to_their_study(self, storage: Storage) -> None:
        quiet = _new_study(storage, "quiet")
        busy = _new_study(storage, "busy")
        _new_trial(storage, quiet)
        _, counter = storage.get_trials_changed_since(quiet, 0)
        for _ in range(3):
            _new_trial(storage, busy)
        assert storage.get_trials_changed_since(quiet, counter) == ([], counter)

    # Many threads at once ----------------------------------------------------

    def test_threads_get_unique_trial_numbers(self, storage: Storage) -> None:
        study_id = _new_study(storage)

        def create() -> list[int]:
            return [_new_trial(storage, study_id).number for _ in range(25)]

        numbers = _in_threads(8, create)

        assert sorted(numbers) == list(range(200))
        assert [t.number for t in storage.get_all_trials(study_id)] == list(range(200))

    def test_threads_never_claim_the_same_trial(self, storage: Storage) -> None:
        study_id = _new_study(storage)
        for _ in range(40):
            _new_trial(storage, study_id, state=TrialState.WAITING)

        def claim_all() -> list[int]:
            claimed = []
            while (trial := storage.claim_waiting_trial(study_id)) is not None:
                claimed.append(trial.number)
            return claimed

        claimed = _in_threads(8, claim_all)

        assert sorted(claimed) == list(range(40))
        running = storage.get_all_trials(study_id, states=[TrialState.RUNNING])
        assert len(running) == 40

    def test_threads_never_overshoot_max_trials(self, storage: Storage) -> None:
        study_id = _new_study(storage)

        def create() -> list[int]:
            created = (storage.create_trial(study_id, max_trials=30) for _ in range(10))
            return [trial.number for trial in created if trial is not None]

        numbers = _in_threads(8, create)

        assert sorted(numbers) == list(range(30))
        assert len(storage.get_all_trials(study_id)) == 30

    def test_threads_writing_different_trials_lose_nothing(self, storage: Storage) -> None:
        study_id = _new_study(storage)

        def run_trials() -> list[tuple[int, float]]:
            results = []
            for _ in range(5):
                trial = _new_trial(storage, study_id)
                value = float(trial.number) / 7
                storage.set_trial_param(trial.trial_id, "x", value, Float(0.0, 100.0))
                storage.set_trial_intermediate_value(trial.trial_id, 0, value)
                storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [value])
                results.append((trial.number, value))
            return results

        results = dict(_in_threads(6, run_trials))

        stored = storage.get_all_trials(study_id)
        assert [t.number for t in stored] == list(range(30))
        for trial in stored:
            expected = results[trial.number]
            assert trial.values == (expected,)
            assert trial.params == {"x": expected}
            assert trial.intermediate_values == {0: expected}
