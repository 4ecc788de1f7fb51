"""Study: a named search for good hyperparameters, its trials kept in a storage."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from numbers import Real
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from tunesmith.exceptions import (
    InvalidArgumentError,
    NoCompletedTrialsError,
    SearchSpaceExhaustedError,
)
from tunesmith.history import (
    History,
    RestrictedHistory,
    default_reference,
    hypervolume,
    non_dominated_mask,
)
from tunesmith.pruners import Pruner
from tunesmith.samplers import Sampler
from tunesmith.space import Distribution, parse_space
from tunesmith.storage import Storage
from tunesmith.study.selection import select_trial
from tunesmith.study.trial import Trial
from tunesmith.trial import (
    FAIL_REASON_ATTR,
    FIXED_PARAMS_ATTR,
    PROPOSAL_ATTR,
    FrozenTrial,
    StudyDirection,
    TrialState,
)

if TYPE_CHECKING:
    import pandas

__all__ = ["Objective", "Study"]

_logger = logging.getLogger("tunesmith")

Objective = Callable[[Trial], float | Sequence[float]]
Callback = Callable[["Study", FrozenTrial], None]


class Study:
    """A search for hyperparameters: its directions, sampler, pruner and trials.

    Build one with ``create_study`` or ``load_study``. The storage holds every
    trial; the study object only adds the sampler and pruner that this process
    uses, so many processes can work on one study at once.
    """

    def __init__(self, study_name: str, storage: Storage, sampler: Sampler, pruner: Pruner) -> None:
        self._storage = storage
        self._study_id = storage.get_study_id(study_name)
        self._study_name = study_name
        self._directions = storage.get_study_directions(self._study_id)
        self._sampler = sampler
        self._pruner = pruner
        self._history = History(storage, self._study_id, self._directions)
        self._stop_requested = threading.Event()
        self._claim_lock = threading.Lock()
        self._propose_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Study(study_name={self._study_name!r}, sampler={self._sampler!r})"

    # Read-only facts -----------------------------------------------------------

    @property
    def study_name(self) -> str:
        return self._study_name

    @property
    def study_id(self) -> int:
        return self._study_id

    @property
    def storage(self) -> Storage:
        return self._storage

    @property
    def sampler(self) -> Sampler:
        return self._sampler

    @property
    def pruner(self) -> Pruner:
        return self._pruner

    @property
    def history(self) -> History:
        """The study's trials as arrays, refreshed at each ``ask``."""
        return self._history

    def sampling_history(self, trial_number: int) -> History:
        """The history the sampler learns from when it draws for trial ``trial_number``.

        The pruner chooses the trials (``Pruner.sampling_rows``): under
        Hyperband those of the trial's bracket, whose pruned values compare with
        each other, and every completed trial; under every other pruner the
        whole ``history``.

        Raises:
            InvalidArgumentError: the pruner's arguments break their rules.
        """
        rows = self._pruner.sampling_rows(self._history, trial_number)
        return self._history if rows is None else RestrictedHistory(self._history, rows)

    @property
    def directions(self) -> tuple[StudyDirection, ...]:
        return self._directions

    @property
    def direction(self) -> StudyDirection:
        """The direction of a single-objective study."""
        self._require_single_objective("direction")
        return self._directions[0]

    @property
    def is_multi_objective(self) -> bool:
        return len(self._directions) > 1

    def _require_single_objective(self, what: str) -> None:
        if self.is_multi_objective:
            raise InvalidArgumentError(
                f"'{what}' is defined for single-objective studies; this one has "
                f"{len(self._directions)} objectives. Use 'directions' or 'best_trials'."
            )

    # Trials --------------------------------------------------------------------

    @property
    def trials(self) -> list[FrozenTrial]:
        """Every trial, ordered by number."""
        return self.get_trials()

    def get_trials(self, states: Collection[TrialState] | None = None) -> list[FrozenTrial]:
        """The trials in any of ``states`` (all when None), ordered by number."""
        self._history.refresh()
        return self._history.trials(None if states is None else list(states))

    @property
    def best_trial(self) -> FrozenTrial:
        """The completed trial with the best value (the lowest number among ties).

        Raises:
            NoCompletedTrialsError: no trial has completed yet.
            InvalidArgumentError: the study has several objectives (use best_trials).
        """
        self._require_single_objective("best_trial")
        self._history.refresh()
        history = self._history
        complete = np.flatnonzero(history.mask(TrialState.COMPLETE))
        if complete.size == 0:
            raise NoCompletedTrialsError(
                f"Study {self._study_name!r} has no completed trial yet; run optimize first."
            )
        best_row = complete[int(np.argmin(history.Y[complete, 0]))]
        trial = history.trial(int(best_row))
        assert trial is not None
        return trial

    @property
    def best_params(self) -> dict[str, Any]:
        return dict(self.best_trial.params)

    @property
    def best_value(self) -> float:
        value = self.best_trial.value
        assert value is not None
        return value

    @property
    def best_trials(self) -> list[FrozenTrial]:
        """The completed trials on the Pareto front (for one objective: every best trial)."""
        self._history.refresh()
        history = self._history
        complete = np.flatnonzero(history.mask(TrialState.COMPLETE))
        if complete.size == 0:
            return []
        front = complete[non_dominated_mask(history.Y[complete])]
        return [t for row in front if (t := history.trial(int(row))) is not None]

    def hypervolume(self, reference: Sequence[float] | None = None) -> float:
        """The hypervolume of the Pareto front: the volume of objective space it dominates.

        Args:
            reference: one value per objective, in its own direction, worse
                than the front. None takes the nadir of the completed trials
                (each objective's worst value) moved away by a tenth of the
                objective's range (see ``tunesmith.history.default_reference``);
                that reference moves as trials complete, so pass your own to
                compare studies or runs.

        Raises:
            InvalidArgumentError: a single-objective study, or a bad reference.
            NoCompletedTrialsError: no trial has completed yet.

        >>> import tunesmith
        >>> study = tunesmith.create_study(directions=["maximize", "minimize"])
        >>> for accuracy, size in [(0.9, 300), (0.8, 100)]:
        ...     _ = study.tell(study.ask(), [accuracy, size])
        >>> round(study.hypervolume(reference=[0.5, 500]), 6)
        140.0
        """
        if not self.is_multi_objective:
            raise InvalidArgumentError(
                f"'hypervolume' is defined for studies with several objectives; study "
                f"{self._study_name!r} has one. Use 'best_value' instead."
            )
        points = [trial.values for trial in self.best_trials if trial.values is not None]
        if not points:
            raise NoCompletedTrialsError(
                f"Study {self._study_name!r} has no completed trial yet; run optimize first."
            )
        if reference is None:
            completed = self.get_trials([TrialState.COMPLETE])
            values = [t.values for t in completed if t.values is not None]
            reference = list(default_reference(values, self._directions))
        return hypervolume(points, reference, self._directions)

    def select(self, rule: str = "best") -> FrozenTrial:
        """The completed trial a selection rule chooses, such as the smallest good model.

        Args:
            rule: ``"best"`` (the best trial; for several objectives, only
                when one trial is best in all), ``"smallest_within:1se"`` (the
                fewest parameters among trials whose score is within one
                standard error of the best), ``"smallest_within:0.005"``
                (within an absolute tolerance) or ``"smallest_within:1%"``
                (relative). The score is the first objective; sizes come from
                the user attribute ``n_parameters`` or, in a two-objective
                study, the second objective. See ``tunesmith.study.selection``.

        Raises:
            InvalidArgumentError: a malformed rule, or a study lacking what the
                rule needs (fold scores for ``se``, parameter counts), saying what.
            NoCompletedTrialsError: no trial has completed yet.
        """
        completed = self.get_trials([TrialState.COMPLETE])
        return select_trial(completed, self._directions, rule, self._study_name)

    # Attributes ----------------------------------------------------------------

    @property
    def user_attrs(self) -> dict[str, Any]:
        return self._storage.get_study_user_attrs(self._study_id)

    def set_user_attr(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable value with the study."""
        self._storage.set_study_user_attr(self._study_id, key, value)

    @property
    def system_attrs(self) -> dict[str, Any]:
        return self._storage.get_study_system_attrs(self._study_id)

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
        record = self._claim_or_create(None)
        if record is None:
            raise SearchSpaceExhaustedError(
                f"Every point of {self._sampler!r} has been tried in study {self._study_name!r}."
            )
        return self._open(record, distributions, fix_proposal)

    def _ask_within(self, max_total_trials: int | None) -> Trial | None:
        """Claim a waiting trial or start a new one, unless the budget is spent."""
        record = self._claim_or_create(max_total_trials)
        return None if record is None else self._open(record, None, fix_proposal=False)

    def _open(
        self,
        record: FrozenTrial,
        distributions: Mapping[str, Distribution] | None,
        fix_proposal: bool,
    ) -> Trial:
        """The live trial of ``record``, with the sampler's proposal for it.

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
                self._history.refresh()
                history = self.sampling_history(record.number)
                proposal = self._sampler.propose(history, record.number)
                for key, note in sorted(proposal.system_attrs.items()):
                    self._storage.set_trial_system_attr(record.trial_id, key, note)
                params = proposal.params
                trial = Trial(self, record, params)
                if distributions is None and fix_proposal:
                    distributions = {name: params[name][0] for name in sorted(params)}
                for name, distribution in (distributions or {}).items():
                    trial.suggest(name, distribution)
                if distributions is None and params:
                    internal = {name: value for name, (_, value) in sorted(params.items())}
                    self._storage.set_trial_system_attr(record.trial_id, PROPOSAL_ATTR, internal)
        except BaseException as error:
            # No worker will ever run this trial: store it as failed rather than RUNNING.
            self._fail(
                record.trial_id, f"No hyperparameters for it: {type(error).__name__}: {error}"
            )
            raise
        return trial

    def _claim_or_create(self, max_total_trials: int | None) -> FrozenTrial | None:
        """The record of a claimed waiting trial or a new one; None when the budget is spent.

        The budget (and a grid's size) counts every trial of the study, and the
        storage checks it in the same transaction that creates the trial.
        """
        with self._claim_lock:
            # Enqueued trials count towards the budget too. The lock keeps this process's
            # threads from claiming past it together; the storage guards new trials.
            if max_total_trials is not None and self._n_started() >= max_total_trials:
                return None
            record = self._storage.claim_waiting_trial(self._study_id)
        if record is None:
            limits = [n for n in (max_total_trials, self._sampler.max_trials()) if n is not None]
            record = self._storage.create_trial(
                self._study_id, max_trials=min(limits) if limits else None
            )
        return record

    def _n_started(self) -> int:
        """How many trials have left the WAITING state."""
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
        trial_id = self._resolve_trial_id(trial)
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
                return self._fail(trial_id, reason)
            return self._storage.finish_trial(trial_id, TrialState.COMPLETE, checked)
        if state is TrialState.PRUNED:
            return self._storage.finish_trial(
                trial_id, TrialState.PRUNED, self._pruned_values(trial_id)
            )
        return self._storage.finish_trial(trial_id, TrialState.FAIL)

    def _resolve_trial_id(self, trial: Trial | FrozenTrial | int) -> int:
        if isinstance(trial, Trial | FrozenTrial):
            number = trial.number
        elif isinstance(trial, int) and not isinstance(trial, bool):
            number = trial
        else:
            raise InvalidArgumentError(
                f"The 'trial' argument of tell must be a Trial, a FrozenTrial or a trial number; "
                f"got {trial!r}."
            )
        trial_id = self._storage.get_trial_id(self._study_id, number)
        # Ids are unique within a storage, names within a storage: either tells a stranger.
        if isinstance(trial, Trial | FrozenTrial) and (
            trial.trial_id != trial_id
            or (isinstance(trial, Trial) and trial.study.study_name != self._study_name)
        ):
            raise InvalidArgumentError(
                f"The 'trial' argument of tell is trial {number} of another study, not of "
                f"{self._study_name!r}; tell the study that asked for it."
            )
        return trial_id

    def _check_values(
        self, values: float | Sequence[float]
    ) -> tuple[tuple[float, ...], str | None]:
        returned: object = values
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
            if not math.isfinite(float(value)):
                return (), f"The objective must return finite numbers; got {value!r}."
            checked.append(float(value))
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

    def _fail(self, trial_id: int, reason: str) -> FrozenTrial:
        """Store a trial as FAIL with the reason, and log it."""
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
        executor: str = "thread",
    ) -> None:
        """Run the objective on new trials until a budget is spent.

        Args:
            objective: takes a Trial and returns a number (a sequence of numbers
                for several objectives); raise ``TrialPruned`` to stop early.
            n_trials: how many trials this call runs, shared by all its workers;
                None for no limit (then give a timeout, or stop with ``stop()``).
            timeout: seconds after which no new trial starts.
            n_jobs: workers running trials at once; -1 for one per CPU core.
            callbacks: called as ``callback(study, frozen_trial)`` after each trial.
            catch: exception types that fail a trial but let the study go on;
                any other exception fails the trial and is raised.
            show_progress_bar: draw a progress bar (needs the ``cli`` extra).
            executor: ``"thread"`` (the objective releases the GIL, or waits on
                I/O) or ``"process"`` (CPU-bound Python objectives; the objective
                and callbacks must be picklable, and the study's storage is
                shared with the worker processes through a SQL file when it
                lives in memory).

        Raises:
            InvalidArgumentError: a bad budget, n_jobs or executor.
        """
        from tunesmith.execution import run_optimization

        budget = None
        if n_trials is not None:
            if isinstance(n_trials, bool) or not isinstance(n_trials, int) or n_trials < 0:
                raise InvalidArgumentError(
                    "The 'n_trials' argument of optimize must be a non-negative int or None; "
                    f"got {n_trials!r}."
                )
            # Enqueued trials count towards this call's n_trials, as they are run by it.
            trials = self._storage.get_all_trials(self._study_id)
            budget = sum(t.state is not TrialState.WAITING for t in trials) + n_trials
        run_optimization(
            self,
            objective,
            max_total_trials=budget,
            timeout=timeout,
            n_jobs=n_jobs,
            callbacks=list(callbacks or []),
            catch=catch if isinstance(catch, tuple) else (catch,),
            show_progress_bar=show_progress_bar,
            executor=executor,
            progress_total=n_trials,
        )

    def stop(self) -> None:
        """Ask ``optimize`` to start no new trial; running trials finish."""
        self._stop_requested.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop_requested.is_set()

    def _clear_stop(self) -> None:
        self._stop_requested.clear()

    # Export --------------------------------------------------------------------

    def trials_dataframe(self) -> pandas.DataFrame:
        """The trials as a pandas DataFrame, one row per trial (needs pandas)."""
        from tunesmith.study.dataframe import trials_dataframe

        return trials_dataframe(self)
