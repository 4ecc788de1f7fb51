"""Study: a named search for good hyperparameters, its trials kept in a storage.

The reads (trials, the best of them, attributes) are in ``StudyBase``; this
module adds what starts and finishes trials: ask, tell, fail, optimize.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Real
from typing import TYPE_CHECKING, Any, overload

from tunesmith.exceptions import (
    InvalidArgumentError,
    SearchSpaceExhaustedError,
    TrialFinishedError,
)
from tunesmith.execution import Executor, run_optimization
from tunesmith.execution.interruption import store_interrupted
from tunesmith.pruners import Pruner
from tunesmith.samplers import Sampler
from tunesmith.space import Distribution, parse_space
from tunesmith.storage import Storage
from tunesmith.study.base import StudyBase
from tunesmith.study.trial import Trial
from tunesmith.trial import (
    FAIL_REASON_ATTR,
    FIXED_PARAMS_ATTR,
    PROPOSAL_ATTR,
    FrozenTrial,
    TrialState,
)

if TYPE_CHECKING:
    pass

__all__ = ["Objective", "Study"]

_logger = logging.getLogger("tunesmith")

Objective = Callable[[Trial], float | Sequence[float]]
Callback = Callable[["Study", FrozenTrial], None]


class Study(StudyBase):
    """A search for hyperparameters: its directions, sampler, pruner and trials.

    Build one with ``create_study`` or ``load_study``. The storage holds every
    trial; the study object only adds the sampler and pruner that this process
    uses, so many processes can work on one study at once. Besides the reads
    of ``StudyBase`` it starts and finishes trials: ``ask`` / ``tell`` /
    ``fail``, or ``optimize`` to run an objective.
    """

    def __init__(self, study_name: str, storage: Storage, sampler: Sampler, pruner: Pruner) -> None:
        super().__init__(study_name, storage, sampler, pruner)
        # This process's threads claim waiting trials and propose points one at a time.
        self._claim_lock = threading.Lock()
        self._propose_lock = threading.Lock()
        # How many points this process's threads have stored: a thread whose history was
        # read before the latest of them refreshes it before proposing, to see that point.
        self._n_proposed = 0

    def __reduce__(self) -> tuple[type[Study], tuple[str, Storage, Sampler, Pruner]]:
        # Sent to a worker process as what it is built from; the worker reads the trials anew.
        return (Study, (self._study_name, self._storage, self._sampler, self._pruner))

    def with_storage(self, storage: Storage) -> Study:
        """This study's sampler and pruner over the study of the same name in ``storage``.

        Raises:
            StudyNotFoundError: ``storage`` holds no study of this name.
        """
        return Study(self._study_name, storage, self._sampler, self._pruner)

    # Ask and tell --------------------------------------------------------------

    def enqueue_trial(
        self, params: Mapping[str, Any], user_attrs: Mapping[str, Any] | None = None
    ) -> None:
        """Queue a trial whose hyperparameters ``params`` are fixed; the next ``ask`` takes it.

        Hyperparameters the objective asks for that ``params`` does not name are
        sampled as usual.
        """
        if not isinstance(params, Mapping):
            raise InvalidArgumentError(
                "The 'params' argument of enqueue_trial must be a dict of name -> value; "
                f"got {params!r}."
            )
        record = self._storage.create_trial(
            self._study_id,
            state=TrialState.WAITING,
            system_attrs={FIXED_PARAMS_ATTR: dict(params)},
        )
        assert record is not None
        for key, value in (user_attrs or {}).items():
            self._storage.set_trial_user_attr(record.trial_id, key, value)

    @overload
    def ask(self, n: None = None, space: Mapping[str, Any] | None = None) -> Trial: ...

    @overload
    def ask(self, n: Mapping[str, Any], space: None = None) -> Trial: ...

    @overload
    def ask(self, n: int, space: Mapping[str, Any] | None = None) -> list[Trial]: ...

    def ask(
        self, n: int | Mapping[str, Any] | None = None, space: Mapping[str, Any] | None = None
    ) -> Trial | list[Trial]:
        """Start a trial and return it, or start a batch of ``n`` trials and return them in a list.

        A batch is for workers that evaluate several trials at once. Its points
        are fixed as each trial starts (the hyperparameters of ``space``, or
        else those the sampler proposes jointly), so the sampler sees the
        earlier trials of the batch as running and spreads the later ones
        away from them. Trial numbers are consecutive unless other workers
        ask at the same time.

        Args:
            n: how many trials to start at once; a list is returned even for 1.
                A mapping in this place is taken as ``space`` (``ask(space)``).
            space: optional declarative space; every hyperparameter in it is
                suggested at once, and the values are in ``trial.params``.

        Raises:
            InvalidArgumentError: ``n`` is not a positive int, or the space is given twice.
            InvalidSpaceError: a malformed space (before any trial starts).
            SearchSpaceExhaustedError: the sampler's finite space (a grid) is used
                up; a batch that it cuts short holds the trials that did start.

        >>> import tunesmith
        >>> study = tunesmith.create_study(seed=0)
        >>> batch = study.ask(3, {"x": tunesmith.Float(0.0, 1.0)})
        >>> [trial.number for trial in batch]
        [0, 1, 2]
        >>> for trial in batch:
        ...     _ = study.tell(trial, (trial.params["x"] - 0.5) ** 2)
        """
        if isinstance(n, Mapping):
            if space is not None:
                raise InvalidArgumentError(
                    "The space of ask is given twice, as its 'n' and its 'space' argument; "
                    "pass it once."
                )
            n, space = None, n
        distributions = parse_space(space) if space is not None else None
        if n is None:
            return self._start_trial(distributions, fix_proposal=False)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise InvalidArgumentError(
                f"The 'n' argument of ask must be a positive int (the size of a batch); got {n!r}."
            )
        batch: list[Trial] = []
        for _ in range(n):
            try:
                batch.append(self._start_trial(distributions, fix_proposal=True))
            except SearchSpaceExhaustedError:
                if not batch:
                    raise
                break
        return batch

    def _start_trial(
        self, distributions: Mapping[str, Distribution] | None, fix_proposal: bool
    ) -> Trial:
        """Start one trial for ``ask``.

        Raises:
            SearchSpaceExhaustedError: the sampler's finite space is used up.
        """
        record, n_proposed = self._claim_or_create(None)
        if record is None:
            raise SearchSpaceExhaustedError(
                f"Every point of {self._sampler!r} has been tried in study {self._study_name!r}."
            )
        return self._open(record, n_proposed, distributions, fix_proposal)

    def ask_within(self, max_total_trials: int | None) -> Trial | None:
        """Start a trial unless the study has started ``max_total_trials`` trials; None then.

        A waiting (enqueued) trial is claimed first. This is what each worker
        of ``optimize`` calls; the storage checks the budget in the same
        transaction that creates the trial, so workers on many machines never
        start more than ``max_total_trials`` together. None also when the
        sampler's finite space (a grid) is used up.
        """
        record, n_proposed = self._claim_or_create(max_total_trials)
        if record is None:
            return None
        return self._open(record, n_proposed, None, fix_proposal=False)

    def _open(
        self,
        record: FrozenTrial,
        n_proposed: int,
        distributions: Mapping[str, Distribution] | None,
        fix_proposal: bool,
    ) -> Trial:
        """The live trial of ``record``, with the sampler's proposal for it.

        The history is as ``_claim_or_create`` left it, read when the trial
        started, unless this process stored a point since (``n_proposed`` is
        the count it had seen then).

        The notes the sampler returns with its proposal are stored in the
        trial's system attributes first. ``distributions`` are suggested at
        once; without them, ``fix_proposal`` suggests the proposed
        hyperparameters at once. Otherwise the proposal is stored with the
        trial until the objective suggests it. Either way the sampler sees the
        point as running when it proposes the next one, so parallel workers do
        not propose the same point; this process's threads propose one at a
        time for the same reason.
        """
        try:
            with self._propose_lock:
                if self._n_proposed != n_proposed:
                    self._history.refresh()
                history = self.sampling_history(record.number)
                proposal = self._sampler.propose(history, record.number)
                notes = dict(sorted(proposal.system_attrs.items()))
                params = proposal.params
                trial = Trial(self, record, params)
                if distributions is None and fix_proposal:
                    distributions = {name: params[name][0] for name in sorted(params)}
                if distributions is None and params:
                    notes[PROPOSAL_ATTR] = {
                        name: value for name, (_, value) in sorted(params.items())
                    }
                # The notes and the proposal in one write; suggested values come after them.
                self._storage.set_trial_system_attrs(record.trial_id, notes)
                for name, distribution in (distributions or {}).items():
                    trial.suggest(name, distribution)
                self._n_proposed += 1
        except BaseException as error:
            # No worker will ever run this trial: store it as failed rather than RUNNING.
            if isinstance(error, KeyboardInterrupt):
                store_interrupted(self._storage, record.trial_id)
            else:
                self._store_failure(
                    record.trial_id, f"No hyperparameters for it: {type(error).__name__}: {error}"
                )
            raise
        return trial

    def _claim_or_create(self, max_total_trials: int | None) -> tuple[FrozenTrial | None, int]:
        """The record of a claimed waiting trial or a new one; None when the budget is spent.

        And how many points this process had proposed when the history was read.

        The budget (and a grid's size) counts every trial of the study but those
        Ctrl-C stopped, and the storage checks it in the same transaction that
        creates the trial. The history takes the changes the storage reads in
        that step too, so that the sampler proposes from it without another read.
        """
        with self._claim_lock:
            # Enqueued trials count towards the budget too. The lock keeps this process's
            # threads from claiming past it together; the storage guards new trials.
            n_proposed = self._n_proposed
            if max_total_trials is not None and self._n_started() >= max_total_trials:
                return None, n_proposed
            limits = [n for n in (max_total_trials, self._sampler.max_trials()) if n is not None]
            n_interrupted = len(self._history.interrupted_numbers)
            since = self._history.change_count
            started = self._storage.start_trial(
                self._study_id,
                max_trials=min(limits) + n_interrupted if limits else None,
                changed_since=since,
            )
        if not self._history.absorb(started.changed, since, started.change_count):
            self._history.refresh()
        return started.trial, n_proposed

    def _n_started(self) -> int:
        """How many trials have left the WAITING state, not counting those Ctrl-C stopped.

        The history reads an interrupted trial as not started.
        """
        self._history.refresh()
        return self._history.n_trials - int(self._history.mask(TrialState.WAITING).sum())

    def tell(
        self,
        trial: Trial | FrozenTrial | int,
        values: float | Sequence[float] | None = None,
        state: TrialState | None = None,
    ) -> FrozenTrial:
        """Finish a trial started with ``ask``.

        Args:
            trial: the Trial, its record, or its number.
            values: the objective value(s); needed for COMPLETE.
            state: COMPLETE (the default when values are given), PRUNED or FAIL.

        Returns:
            The stored record. Values that are not finite numbers, or the wrong
            number of them, store the trial as FAIL with the reason in its
            ``system_attrs["fail_reason"]``; the study stays intact.

        Raises:
            TrialFinishedError: the trial had finished already.
            InvalidArgumentError: an unknown state, or COMPLETE without values.
        """
        trial_id = self._resolve_trial_id(trial, "tell")
        if state is None:
            state = TrialState.COMPLETE if values is not None else TrialState.FAIL
        if state not in (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL):
            raise InvalidArgumentError(
                f"The 'state' argument of tell must be COMPLETE, PRUNED or FAIL; got {state!r}."
            )
        if state is TrialState.COMPLETE:
            if values is None:
                raise InvalidArgumentError(
                    "The 'values' argument of tell is needed when state is COMPLETE; got None."
                )
            checked, reason = self._check_values(values)
            if reason is not None:
                return self._store_failure(trial_id, reason)
            return self._storage.finish_trial(trial_id, TrialState.COMPLETE, checked)
        if state is TrialState.PRUNED:
            return self._storage.finish_trial(
                trial_id, TrialState.PRUNED, self._pruned_values(trial_id)
            )
        return self._storage.finish_trial(trial_id, TrialState.FAIL)

    def _resolve_trial_id(self, trial: Trial | FrozenTrial | int, method: str) -> int:
        if isinstance(trial, Trial) and trial.study is self:
            # This study started it: its id is known, and asking the storage costs a round trip.
            return trial.trial_id
        if isinstance(trial, Trial | FrozenTrial):
            number = trial.number
        elif isinstance(trial, int) and not isinstance(trial, bool):
            number = trial
        else:
            raise InvalidArgumentError(
                f"The 'trial' argument of {method} must be a Trial, a FrozenTrial or a trial "
                f"number; "
                f"got {trial!r}."
            )
        trial_id = self._storage.get_trial_id(self._study_id, number)
        # Ids are unique within a storage, names within a storage: either tells a stranger.
        if isinstance(trial, Trial | FrozenTrial) and (
            trial.trial_id != trial_id
            or (isinstance(trial, Trial) and trial.study.study_name != self._study_name)
        ):
            raise InvalidArgumentError(
                f"The 'trial' argument of {method} is trial {number} of another study, not of "
                f"{self._study_name!r}; tell the study that asked for it."
            )
        return trial_id

    def _check_values(
        self, values: float | Sequence[float]
    ) -> tuple[tuple[float, ...], str | None]:
        returned: object = values
        if getattr(returned, "ndim", None) == 0:
            # A 0-d NumPy array is one number, though its type says it can be iterated.
            returned = returned.item()  # type: ignore[attr-defined]
        raw: list[Any] = (
            list(returned)
            if isinstance(returned, Iterable) and not isinstance(returned, str)
            else [returned]
        )
        if len(raw) != len(self._directions):
            return (), (
                f"The objective returned {len(raw)} value(s) but the study has "
                f"{len(self._directions)} direction(s); got {values!r}."
            )
        checked = []
        for value in raw:
            if isinstance(value, bool) or not isinstance(value, Real):
                return (
                    (),
                    f"The objective must return numbers; got {value!r} "
                    f"of type {type(value).__name__}.",
                )
            try:
                number = float(value)
            except OverflowError:
                return (), (
                    "The objective must return finite numbers; got a number too large for a "
                    f"float, of type {type(value).__name__}."
                )
            if not math.isfinite(number):
                return (), f"The objective must return finite numbers; got {value!r}."
            checked.append(number)
        return tuple(checked), None

    def _pruned_values(self, trial_id: int) -> tuple[float, ...] | None:
        """A pruned single-objective trial keeps its last finite intermediate value."""
        if self.is_multi_objective:
            return None
        record = self._storage.get_trial(trial_id)
        if record.last_step is None:
            return None
        last = record.intermediate_values[record.last_step]
        return (last,) if math.isfinite(last) else None

    def fail(self, trial: Trial | FrozenTrial | int, reason: str) -> FrozenTrial:
        """Finish a trial as FAIL, keeping ``reason`` in its ``system_attrs["fail_reason"]``.

        Raises:
            TrialFinishedError: the trial had finished already.
            InvalidArgumentError: a trial of another study, or a reason that is not a string.
        """
        if not isinstance(reason, str):
            raise InvalidArgumentError(
                f"The 'reason' argument of fail must be a string; got {reason!r}."
            )
        return self._store_failure(self._resolve_trial_id(trial, "fail"), reason)

    def _store_failure(self, trial_id: int, reason: str) -> FrozenTrial:
        """Store a trial as FAIL with the reason, and log it.

        Raises:
            TrialFinishedError: the trial had finished already; its record is left as it was.
        """
        finished = self._storage.get_trial(trial_id)
        if finished.state.is_finished():
            raise TrialFinishedError(
                f"Trial {finished.number} is {finished.state.name} already; a finished trial "
                "cannot change."
            )
        self._storage.set_trial_system_attr(trial_id, FAIL_REASON_ATTR, reason)
        record = self._storage.finish_trial(trial_id, TrialState.FAIL)
        _logger.warning("Trial %d failed: %s", record.number, reason)
        return record

    # Running -------------------------------------------------------------------

    def optimize(
        self,
        objective: Objective,
        n_trials: int | None = None,
        timeout: float | None = None,
        n_jobs: int = 1,
        callbacks: Sequence[Callback] | None = None,
        catch: type[Exception] | tuple[type[Exception], ...] = (),
        show_progress_bar: bool = False,
        executor: Executor | str = "thread",
        retries: int = 0,
        trial_timeout: float | None = None,
        trial_memory: int | None = None,
    ) -> None:
        """Run the objective on new trials until a budget is spent.

        Args:
            objective: takes a Trial and returns a number (a sequence of numbers
                for several objectives); raise ``TrialPruned`` to stop early.
            n_trials: how many trials this call starts, shared by all its
                workers, whatever other processes do to the study at the same
                time: eight processes that each call ``optimize(n_trials=250)``
                on one study add 2,000 trials. Enqueued trials and retries that
                this call runs count towards it. None for no limit (then give a
                timeout, or stop with ``stop()``).
            timeout: seconds after which no new trial starts.
            n_jobs: workers running trials at once; -1 for one per CPU core.
            callbacks: called as ``callback(study, frozen_trial)`` after each trial.
            catch: exception types that fail a trial but let the study go on;
                any other exception fails the trial and is raised.
            show_progress_bar: draw a progress bar (needs the ``cli`` extra).
            executor: where trials run: ``"thread"`` (the objective releases
                the GIL, or waits on I/O), ``"process"`` (CPU-bound Python
                objectives; the objective and callbacks must be picklable, and
                the study's storage is shared with the worker processes through
                a SQL file when it lives in memory), or any
                ``tunesmith.execution.Executor`` object.
            retries: how many times the hyperparameters of a failed trial run
                again, each time as a new trial whose ``system_attrs`` name the
                trial it retries (``"retry_of"``) and the attempt
                (``"retry_attempt"``). A trial fails when the objective raises
                one of ``catch``, returns no valid value, or its worker dies:
                a worker process that is killed, or any worker, on any machine,
                whose heartbeat stops for a minute.
            trial_timeout: seconds a trial may run; a trial that runs longer is
                stored as FAIL with the reason and its worker goes on. A worker
                process is killed and replaced; a thread cannot be stopped, so
                its trial is failed and the thread is left to finish unobserved
                while a new thread takes its place.
            trial_memory: megabytes a worker process may grow by (``executor=
                "process"`` only, Linux): a trial that needs more fails with
                the reason and its worker goes on.

        Raises:
            InvalidArgumentError: a bad budget, n_jobs, retries, trial_timeout,
                trial_memory or executor.
        """
        if n_trials is not None and (
            isinstance(n_trials, bool) or not isinstance(n_trials, int) or n_trials < 0
        ):
            raise InvalidArgumentError(
                "The 'n_trials' argument of optimize must be a non-negative int or None; "
                f"got {n_trials!r}."
            )
        self._stop_requested.clear()
        run_optimization(
            self,
            objective,
            n_trials=n_trials,
            max_total_trials=None,
            timeout=timeout,
            n_jobs=n_jobs,
            callbacks=list(callbacks or []),
            catch=catch if isinstance(catch, tuple) else (catch,),
            show_progress_bar=show_progress_bar,
            executor=executor,
            retries=retries,
            trial_timeout=trial_timeout,
            trial_memory=trial_memory,
            progress_total=n_trials,
        )
