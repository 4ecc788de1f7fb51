"""What executors are, and the small surface of a study they run trials through.

The execution layer sits below the study layer: it never imports ``Study``.
It knows a study by ``RunnableStudy``, the handful of public methods an
executor calls (``tunesmith.Study`` has them all), and a trial by
``RunningTrial``. ``Study.optimize`` hands itself to an ``Executor``, which
decides where the trials run: threads of this process, worker processes,
or (later) machines of a cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, Self, TypeVar

from tunesmith.execution.quota import TrialQuota
from tunesmith.storage import Storage
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__all__ = ["Executor", "RunnableStudy", "RunningTrial", "StudyT", "TrialT", "WorkOrder"]


class RunningTrial(Protocol):
    """A trial as an executor sees it: an id to beat a heartbeat for."""

    @property
    def trial_id(self) -> int: ...


TrialT = TypeVar("TrialT", bound=RunningTrial)


class RunnableStudy(Protocol[TrialT]):
    """The public surface of a study that executors use, and nothing more."""

    @property
    def study_name(self) -> str: ...

    @property
    def study_id(self) -> int: ...

    @property
    def storage(self) -> Storage: ...

    @property
    def directions(self) -> tuple[StudyDirection, ...]: ...

    @property
    def stop_requested(self) -> bool: ...

    def stop(self) -> None: ...

    def ask_within(self, max_total_trials: int | None) -> TrialT | None: ...

    def tell(
        self,
        trial: TrialT,
        values: float | Sequence[float] | None = None,
        state: TrialState | None = None,
    ) -> FrozenTrial: ...

    def fail(self, trial: TrialT, reason: str) -> FrozenTrial: ...

    def with_storage(self, storage: Storage) -> Self: ...


StudyT = TypeVar("StudyT", bound=RunnableStudy[Any])


@dataclass(frozen=True)
class WorkOrder(Generic[StudyT, TrialT]):
    """What every worker of one optimisation does, wherever it runs.

    Attributes:
        objective: the function that scores a trial.
        max_total_trials: the study's total budget (None: no limit).
        deadline: the ``time.monotonic()`` at which workers stop (None: no deadline).
        callbacks: called as ``callback(study, finished_record)`` after each trial.
        catch: exceptions that fail a trial and let the study go on.
        quota: the trials this run may start, shared by its workers (None: no limit
            but ``max_total_trials``).
        retries: how many times a failed trial's hyperparameters run again, each
            time as a new trial.
        trial_timeout: seconds after which a running trial is stopped and failed
            (None: no limit).
        trial_memory: megabytes a worker process may grow by while it runs
            trials (None: no limit; worker processes only).
    """

    objective: Callable[[TrialT], float | Sequence[float]]
    max_total_trials: int | None
    deadline: float | None
    callbacks: Sequence[Callable[[StudyT, FrozenTrial], None]]
    catch: tuple[type[Exception], ...]
    quota: TrialQuota | None = None
    retries: int = 0
    trial_timeout: float | None = None
    trial_memory: int | None = None


class Executor(Protocol):
    """Runs a study's trials with ``n_workers`` workers until the order's budget or deadline.

    The first error a worker raises (one that ``catch`` does not cover) stops
    the other workers from starting new trials and is raised; Ctrl-C does the
    same. Every trial a worker started is stored finished, whatever happens.
    """

    def run(self, study: StudyT, order: WorkOrder[StudyT, TrialT], n_workers: int) -> None: ...
