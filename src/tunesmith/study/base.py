"""StudyBase: a study's facts and reads, the side of a study that a live trial sees.

``Study`` (``tunesmith.study.study``) adds what starts and finishes trials:
ask, tell, fail and optimize. A ``Trial`` knows its study as a ``StudyBase``,
so the trial module never imports the module that creates trials.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.history import (
    History,
    RestrictedHistory,
    default_reference,
    hypervolume,
    non_dominated_mask,
)
from tunesmith.pruners import Pruner
from tunesmith.samplers import Sampler
from tunesmith.storage import Storage
from tunesmith.study.dataframe import trials_dataframe
from tunesmith.study.metadata import (
    ANALYSIS_SETTINGS_ATTR,
    METRIC_NAMES_ATTR,
    AnalysisSettings,
    check_metric_names,
    stored_analysis_settings,
    stored_metric_names,
)
from tunesmith.study.selection import select_trial
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

if TYPE_CHECKING:
    import pandas

__all__ = ["StudyBase"]


class StudyBase:
    """A search for hyperparameters: its directions, sampler, pruner and trials.

    Build one with ``create_study`` or ``load_study``, which return a
    ``Study``. The storage holds every trial; the study object only adds the
    sampler and pruner that this process uses, so many processes can work on
    one study at once.
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

    def __repr__(self) -> str:
        return f"{type(self).__name__}(study_name={self._study_name!r}, sampler={self._sampler!r})"

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

    # Metadata ------------------------------------------------------------------

    @property
    def metric_names(self) -> list[str] | None:
        """The objectives' names, in order, as ``set_metric_names`` stored them; None until set."""
        return stored_metric_names(self.system_attrs)

    def set_metric_names(self, names: Sequence[str]) -> None:
        """Name the objectives, one name per direction, and store the names with the study.

        Tables, reports and every process that loads the study show the
        names instead of "value 0", "value 1". Setting them again replaces them.

        Raises:
            InvalidArgumentError: ``names`` is not a list of distinct non-empty
                strings, as many as the study's directions.

        >>> import tunesmith
        >>> study = tunesmith.create_study(directions=["maximize", "minimize"])
        >>> study.set_metric_names(["accuracy", "n_parameters"])
        >>> study.metric_names
        ['accuracy', 'n_parameters']
        """
        checked = check_metric_names(names, len(self._directions))
        self._storage.set_study_system_attr(self._study_id, METRIC_NAMES_ATTR, list(checked))

    @property
    def analysis_settings(self) -> AnalysisSettings:
        """How to read the study's results, as ``set_analysis_settings`` stored it.

        The defaults (``AnalysisSettings()``) until set.
        """
        return stored_analysis_settings(self.system_attrs)

    def set_analysis_settings(self, settings: AnalysisSettings) -> None:
        """Store the score's name, the overfit gap and the selection rule with the study.

        Raises:
            InvalidArgumentError: ``settings`` is not an ``AnalysisSettings``.

        >>> import tunesmith
        >>> from tunesmith.study import AnalysisSettings
        >>> study = tunesmith.create_study(direction="maximize")
        >>> study.set_analysis_settings(AnalysisSettings(score_name="f1", overfit_gap=0.02))
        >>> study.analysis_settings.overfit_gap
        0.02
        """
        if not isinstance(settings, AnalysisSettings):
            raise InvalidArgumentError(
                "The 'settings' argument of set_analysis_settings must be an AnalysisSettings "
                f"(from tunesmith.study); got {settings!r}."
            )
        self._storage.set_study_system_attr(
            self._study_id, ANALYSIS_SETTINGS_ATTR, settings.to_stored()
        )

    # Stopping ------------------------------------------------------------------

    def stop(self) -> None:
        """Ask ``optimize`` to start no new trial; running trials finish.

        An objective may call ``trial.study.stop()`` to end the run from inside.
        """
        self._stop_requested.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop_requested.is_set()

    # Export --------------------------------------------------------------------

    def trials_dataframe(self) -> pandas.DataFrame:
        """The trials as a pandas DataFrame, one row per trial (needs pandas)."""
        return trials_dataframe(self.trials, len(self._directions))
