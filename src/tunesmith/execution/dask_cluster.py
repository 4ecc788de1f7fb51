"""Run a study's trials on a dask.distributed cluster, each trial one Dask task.

The caller's process keeps ``n_workers`` trial tasks in flight and starts a
new one as each ends, until the budget, the quota or the deadline is spent;
callbacks run here, on each finished record. The tasks run on the cluster's
workers and share the study through its storage, which every worker must
reach (PostgreSQL, or a SQLite file for a cluster on one machine).

A task tells the scheduler which trial it runs, in the scheduler's metadata
under the task's key. When a worker dies mid-trial, Dask notices and runs the
task again on another worker; the new attempt finds the trial its first
attempt left, fails it with the reason, and queues its retry when the run
allows one. When Dask gives up on a task (``KilledWorker``), this process
fails its trial the same way. The study and the work order are scattered to
the workers once; when the workers holding them are all lost (a cluster still
starting has one), they are scattered again, and a task Dask cancelled because
its inputs went with a worker is failed (if it had begun a trial) and
replaced.

With a ``trial_timeout``, a task runs its trial in a thread of the Dask
worker and watches it: past the timeout, the task fails the trial with the
reason, queues its retry and ends. As with the thread executor, the thread
cannot be stopped from outside: the objective runs on unobserved until it
returns, and its result is not stored.

Dask is an extra (``pip install "tunesmith[dask]"``), imported only here and
only when a run uses it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
import uuid
from dataclasses import replace
from types import ModuleType
from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.execution.dead_trials import fail_dead_trial, timeout_reason
from tunesmith.execution.heartbeat import Heartbeat
from tunesmith.execution.protocol import StudyT, TrialT, WorkOrder
from tunesmith.execution.trial_runner import run_one_trial
from tunesmith.storage import InMemoryStorage
from tunesmith.trial import FrozenTrial

__all__ = ["DaskExecutor"]


class _InputsLostError(Exception):
    """Dask cancelled a task before it began a trial: its inputs went with their worker."""


# Why the scheduler cancels a task whose inputs were lost with every worker holding them.
_INPUTS_GONE = "already forgotten"

_LOST_WORKER_REASON = (
    "The Dask worker running this trial was lost (its process died or left the cluster); "
    "Dask ran the task again on another worker."
)
# How often a task looks at its trial's age when there is a trial_timeout.
_TIMEOUT_CHECK_SECONDS = 0.1


def _distributed() -> ModuleType:
    try:
        import distributed
    except ImportError as error:
        raise ImportError(
            'executor="dask" needs dask.distributed, which is not installed: '
            'pip install "tunesmith[dask]"'
        ) from error
    return distributed


class DaskExecutor:
    """Runs each trial as a task on a dask.distributed cluster.

    Args:
        address: the scheduler to connect to (``"tcp://host:8786"``); None
            uses ``client``, or else the current Dask client of this process.
        client: a ``distributed.Client`` to submit the tasks through.

    ``n_jobs`` is how many trials run at once on the cluster. The study's
    storage must be one every worker reaches: a study in memory is refused.
    ``trial_timeout`` fails a trial that runs too long and frees its task
    (the objective itself runs on in its thread, unobserved); ``trial_memory``
    is not supported on Dask.

    Used as a context manager (``with DaskExecutor(address=...) as executor``),
    it connects to the scheduler on entering, so an address where no
    scheduler answers is reported before anything else happens, and every
    run in the block shares that connection.

    >>> DaskExecutor(address="tcp://127.0.0.1:8786")
    DaskExecutor(address='tcp://127.0.0.1:8786')
    """

    def __init__(self, address: str | None = None, client: Any = None) -> None:
        self.address = address
        self.client = client
        # The client this executor opened itself, while used as a context manager.
        self._own_client: Any = None

    def __enter__(self) -> DaskExecutor:
        if self.client is None and self.address is not None:
            self._own_client = _connect(_distributed(), self.address)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._own_client is not None:
            self._own_client.close()
            self._own_client = None

    def __repr__(self) -> str:
        if self.client is not None:
            return f"DaskExecutor(client={self.client!r})"
        if self.address is not None:
            return f"DaskExecutor(address={self.address!r})"
        return "DaskExecutor()"

    def run(self, study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int) -> None:
        """Keep ``n_workers`` trial tasks running until the order is done; raise the first error.

        Raises:
            InvalidArgumentError: a study kept in memory, or an address that is
                not a scheduler's or where no scheduler answers.
            ImportError: dask.distributed is not installed.
            ValueError: no address or client was given and there is no current client.
        """
        _check_runnable(study)
        distributed = _distributed()
        client = self.client if self.client is not None else self._own_client
        if client is not None:
            _TaskPool(distributed, client, study, order).run(n_workers)
        elif self.address is not None:
            with _connect(distributed, self.address) as connected:
                _TaskPool(distributed, connected, study, order).run(n_workers)
        else:
            _TaskPool(distributed, _current_client(distributed), study, order).run(n_workers)


def _check_runnable(study: StudyT) -> None:
    if isinstance(study.storage, InMemoryStorage):
        raise InvalidArgumentError(
            "executor='dask' needs a storage every Dask worker can reach; the study "
            f"{study.study_name!r} is kept in memory. Create it with "
            "storage='sqlite:///study.db' (a cluster on one machine) or "
            "storage='postgresql+psycopg://user@host/db' (many machines)."
        )


def _connect(distributed: ModuleType, address: str) -> Any:
    """A client of the scheduler at ``address``; a one-line error when there is none."""
    try:
        return distributed.Client(address)
    except ValueError as error:
        problem = (
            "The Dask scheduler address must look like tcp://host:8786, as `dask scheduler` "
            f"prints it; got {address!r} ({error})."
        )
    except OSError as error:
        problem = (
            f"No Dask scheduler answered at {address!r} ({error}). Start one with "
            "`dask scheduler` and pass the address it prints, or check the host and port."
        )
    # The half-made Client closes itself when collected. Collected at some later allocation,
    # it can do so while distributed starts another client's loop, and both wait on one lock
    # for ever: so collect it here, with the error that held it gone.
    gc.collect()
    raise InvalidArgumentError(problem)


def _current_client(distributed: ModuleType) -> Any:
    try:
        return distributed.get_client()
    except ValueError as error:
        raise ValueError(
            "executor='dask' found no Dask client in this process: create one first "
            "(distributed.Client('tcp://host:8786')) or pass "
            "executor=DaskExecutor(address='tcp://host:8786')."
        ) from error


def _run_trial_task(
    study: StudyT, order: WorkOrder[StudyT, TrialT], run_key: str, task_key: str
) -> FrozenTrial | None:
    """One trial, on a Dask worker: the body of every task this executor submits.

    Returns the finished record (of a trial whose earlier attempt died with
    its worker: failed here), or None when the budget is spent.
    """
    client = _distributed().get_client()
    announced = [run_key, task_key]
    left_by_lost_worker = client.get_metadata(announced, default=None)
    if left_by_lost_worker is not None:
        fail_dead_trial(
            study.storage, study.study_id, left_by_lost_worker, _LOST_WORKER_REASON, order.retries
        )
        return study.storage.get_trial(left_by_lost_worker)

    def announce(trial_id: int | None) -> None:
        if trial_id is not None:
            client.set_metadata(announced, trial_id)

    with Heartbeat(study.storage, study.study_id, retries=order.retries, announce=announce) as beat:
        if order.trial_timeout is None:
            return run_one_trial(study, order, beat)
        return _run_within(study, order, beat, order.trial_timeout)


def _run_within(
    study: StudyT, order: WorkOrder[StudyT, TrialT], beat: Heartbeat, trial_timeout: float
) -> FrozenTrial | None:
    """``run_one_trial`` in a thread; past ``trial_timeout``, fail its trial and return."""
    outcome: list[FrozenTrial | None] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(run_one_trial(study, order, beat))
        except BaseException as error:
            errors.append(error)

    # A daemon thread: the worker may shut down while an abandoned objective still runs.
    runner = threading.Thread(target=run, name="tunesmith-trial", daemon=True)
    runner.start()
    while runner.is_alive():
        runner.join(_TIMEOUT_CHECK_SECONDS)
        for trial_id in beat.overdue_trials(trial_timeout):
            reason = timeout_reason(trial_timeout)
            fail_dead_trial(study.storage, study.study_id, trial_id, reason, order.retries)
            return study.storage.get_trial(trial_id)
    if errors:
        raise errors[0]
    return outcome[0]


class _PickledByValue:
    """Travels pickled by cloudpickle, and arrives as the value it holds.

    Dask pickles scattered data with plain pickle when it can, which sends a
    function by its module's name; cloudpickle sends a function of
    ``__main__`` (or of a module registered with
    ``cloudpickle.register_pickle_by_value``) by value, so a worker need not
    have the file that defines the objective.
    """

    def __init__(self, value: object) -> None:
        self.value = value

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        import cloudpickle

        return cloudpickle.loads, (cloudpickle.dumps(self.value),)


class _TaskPool:
    """The caller's side: submit trial tasks, collect their records, stop on the first error."""

    def __init__(
        self, distributed: ModuleType, client: Any, study: StudyT, order: WorkOrder[StudyT, TrialT]
    ) -> None:
        self._distributed = distributed
        self._client = client
        self._study = study
        self._order = order
        self._remote_study: Any = None
        self._remote_order: Any = None
        # Where tasks announce their trials in the scheduler's metadata.
        self._run_key = f"tunesmith-run-{uuid.uuid4().hex}"
        self._running: set[Any] = set()

    def _may_start(self) -> bool:
        order = self._order
        if self._study.stop_requested:
            return False
        if order.deadline is not None and time.monotonic() >= order.deadline:
            return False
        return order.quota is None or order.quota.take()

    def _scattered(self) -> tuple[Any, Any]:
        """The study and the order on the workers; scattered again if no worker holds them."""
        scattered = (self._remote_study, self._remote_order)
        if any(data is None or data.status != "finished" for data in scattered):
            # Workers get the order without what only this process can hold or run.
            remote_order = replace(self._order, quota=None, callbacks=(), deadline=None)
            self._remote_order = self._client.scatter(
                _PickledByValue(remote_order), hash=False, broadcast=True
            )
            # On every worker, so the study outlives the death of any one of them.
            self._remote_study = self._client.scatter(self._study, hash=False, broadcast=True)
        return self._remote_study, self._remote_order

    def _submit(self) -> Any:
        task_key = f"tunesmith-trial-{uuid.uuid4().hex}"
        future = self._client.submit(
            _run_trial_task,
            *self._scattered(),
            self._run_key,
            task_key,
            key=task_key,
            pure=False,
        )
        self._running.add(future)
        return future

    def run(self, n_workers: int) -> None:
        first = [self._submit() for _ in range(n_workers) if self._may_start()]
        tasks = self._distributed.as_completed(first)
        spent = False
        try:
            for future in tasks:
                self._running.discard(future)
                try:
                    record = self._collect(future)
                except _InputsLostError:
                    tasks.add(self._submit())  # in the place of a task that began no trial
                    continue
                if record is None:
                    spent = True
                    continue
                for callback in self._order.callbacks:
                    callback(self._study, record)
                if not spent and self._may_start():
                    tasks.add(self._submit())
        except BaseException:
            self._study.stop()
            for future in self._running:
                future.cancel()
            raise
        finally:
            # Nothing to tidy on a scheduler that is gone (and asking would wait for it).
            if self._client.status == "running":
                with contextlib.suppress(OSError):
                    self._client.set_metadata(self._run_key, None)

    def _collect(self, future: Any) -> FrozenTrial | None:
        """The task's record, or None when the budget was spent.

        Raises:
            _InputsLostError: Dask cancelled the task before it began a trial.
        """
        try:
            return future.result()  # type: ignore[no-any-return]
        except self._distributed.KilledWorker as error:
            failed = self._fail_announced_trial(
                future, f"Dask gave up on this trial's task: {error}"
            )
            if failed is None:
                raise
            return failed
        except self._cancelled_error as error:
            # The scheduler forgets a task whose scattered inputs it lost; any other
            # cancellation (the scheduler gone or restarted) ends the run.
            if getattr(error, "reason", None) != _INPUTS_GONE:
                raise
            failed = self._fail_announced_trial(future, _LOST_WORKER_REASON)
            if failed is None:
                raise _InputsLostError from error
            return failed

    def _fail_announced_trial(self, future: Any, reason: str) -> FrozenTrial | None:
        """Fail, with ``reason``, the trial ``future``'s task announced; None if it began none."""
        trial_id = self._client.get_metadata([self._run_key, future.key], default=None)
        if trial_id is None:
            return None
        fail_dead_trial(
            self._study.storage, self._study.study_id, trial_id, reason, self._order.retries
        )
        return self._study.storage.get_trial(trial_id)

    @property
    def _cancelled_error(self) -> type[BaseException]:
        error: type[BaseException] = self._distributed.client.FutureCancelledError
        return error
