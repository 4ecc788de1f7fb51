"""Several worker processes share one study in SQLite and in PostgreSQL.

The workers are real OS processes (``python -c``) that open the storage at
the same moment on a database without tables, then create, fill and finish
trials; each prints a trial's number once the trial is finished.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tunesmith.storage.sql import SQLStorage
from tunesmith.trial import FrozenTrial, TrialState

WORKER = """
import sys

from tunesmith.exceptions import DuplicatedStudyError
from tunesmith.space import Float
from tunesmith.storage.sql import SQLStorage
from tunesmith.trial import StudyDirection, TrialState

url, worker, n_trials, max_trials = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
storage = SQLStorage(url)
try:
    study_id = storage.create_study("shared", [StudyDirection.MINIMIZE])
except DuplicatedStudyError:
    study_id = storage.get_study_id("shared")
for index in range(n_trials):
    trial = storage.create_trial(study_id, max_trials=int(max_trials) if max_trials else None)
    if trial is None:
        break
    storage.set_trial_param(trial.trial_id, "index", index, Float(0, n_trials))
    storage.set_trial_user_attr(trial.trial_id, "worker", worker)
    storage.set_trial_intermediate_value(trial.trial_id, 0, float(index))
    storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [worker * 1000.0 + index])
    print(trial.number, flush=True)
storage.close()
"""

ENDLESS = 10**6
Worker = subprocess.Popen[str]


def start_worker(url: str, worker: int, n_trials: int, max_trials: int | None = None) -> Worker:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, url, str(worker), str(n_trials), str(max_trials or "")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_numbers(worker: Worker, count: int) -> list[int]:
    """The next ``count`` trial numbers a running worker reports."""
    assert worker.stdout is not None
    assert worker.stderr is not None
    numbers = []
    for _ in range(count):
        line = worker.stdout.readline()
        if not line:
            pytest.fail(f"A worker stopped early:\n{worker.stderr.read()}")
        numbers.append(int(line))
    return numbers


def finish(worker: Worker) -> list[int]:
    """Wait for a worker that should succeed; the numbers of the trials it finished."""
    stdout, stderr = worker.communicate(timeout=60)
    assert worker.returncode == 0, stderr
    return [int(line) for line in stdout.split()]


def flatten(batches: list[list[int]]) -> list[int]:
    return [number for batch in batches for number in batch]


def stored_trials(url: str) -> list[FrozenTrial]:
    storage = SQLStorage(url)
    try:
        return storage.get_all_trials(storage.get_study_id("shared"))
    finally:
        storage.close()


def assert_intact(trial: FrozenTrial) -> None:
    """The trial holds exactly what its worker wrote."""
    worker = trial.user_attrs["worker"]
    index = trial.params["index"]
    assert trial.state is TrialState.COMPLETE
    assert trial.values == (worker * 1000.0 + index,)
    assert trial.intermediate_values == {0: index}


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    """Started workers; any still running when a test ends is killed."""
    started: list[Worker] = []
    yield started
    for worker in started:
        if worker.poll() is None:
            worker.kill()
        worker.communicate()


def test_workers_share_one_numbering(fresh_url: str, workers: list[Worker]) -> None:
    workers.extend(start_worker(fresh_url, worker, n_trials=20) for worker in (1, 2, 3))
    reported = [finish(worker) for worker in workers]

    trials = stored_trials(fresh_url)

    assert sorted(flatten(reported)) == list(range(60))
    assert [t.number for t in trials] == list(range(60))
    for trial in trials:
        assert_intact(trial)
    by_worker = {
        w: sorted(t.number for t in trials if t.user_attrs["worker"] == w) for w in (1, 2, 3)
    }
    assert by_worker == {w: sorted(numbers) for w, numbers in zip((1, 2, 3), reported, strict=True)}


def test_killed_worker_loses_nothing(fresh_url: str, workers: list[Worker]) -> None:
    doomed = start_worker(fresh_url, 9, n_trials=ENDLESS)
    survivors = [start_worker(fresh_url, worker, n_trials=20) for worker in (1, 2)]
    workers.extend([doomed, *survivors])
    # Kill it while the others are under way, so they write before and after.
    doomed_finished = read_numbers(doomed, 5)
    early = [read_numbers(worker, 3) for worker in survivors]
    doomed.send_signal(signal.SIGKILL)
    doomed.wait()
    reported = [numbers + finish(worker) for numbers, worker in zip(early, survivors, strict=True)]

    trials = stored_trials(fresh_url)

    assert [t.number for t in trials] == list(range(len(trials)))
    complete = [t for t in trials if t.state is TrialState.COMPLETE]
    for trial in complete:
        assert_intact(trial)
    complete_numbers = {t.number for t in complete}
    assert set(flatten(reported)) <= complete_numbers
    assert set(doomed_finished) <= complete_numbers
    assert sum(t.user_attrs["worker"] != 9 for t in complete) == 40
    # The killed worker may have died between creating a trial and finishing it.
    unfinished = [t for t in trials if t.state is not TrialState.COMPLETE]
    assert len(unfinished) <= 1
    assert all(t.state is TrialState.RUNNING for t in unfinished)
    # Nothing the killed worker held (a lock, a half-written transaction) blocks the study.
    storage = SQLStorage(fresh_url)
    try:
        trial = storage.create_trial(storage.get_study_id("shared"))
        assert trial is not None
        assert trial.number == len(trials)
    finally:
        storage.close()


def test_workers_never_overshoot_max_trials(fresh_url: str, workers: list[Worker]) -> None:
    workers.extend(start_worker(fresh_url, worker, n_trials=25, max_trials=40) for worker in (1, 2))
    reported = [finish(worker) for worker in workers]

    trials = stored_trials(fresh_url)

    assert sorted(flatten(reported)) == list(range(40))
    assert [t.number for t in trials] == list(range(40))
    for trial in trials:
        assert_intact(trial)
