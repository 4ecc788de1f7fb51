"""Trial: what an objective function receives, to suggest hyperparameters and report progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tunesmith.exceptions import IncompatibleDistributionError, InvalidArgumentError
from tunesmith.space import Categorical, CategoricalChoice, Distribution, Float, Int
from tunesmith.study.base import StudyBase
from tunesmith.trial import FIXED_PARAMS_ATTR, FrozenTrial

__all__ = ["Trial"]


class Trial:
    """One evaluation of the objective, live while it runs.

    An objective calls ``suggest_*`` to get hyperparameters (define-by-run:
    which ones it asks for may depend on earlier answers), ``report`` to record
    intermediate scores and ``should_prune`` to learn whether to stop early.
    Users get a Trial from ``Study.optimize`` or ``Study.ask``; they do not
    build one.
    """

    def __init__(
        self,
        study: StudyBase,
        record: FrozenTrial,
        proposal: Mapping[str, tuple[Distribution, float]],
    ) -> None:
        self._study = study
        self._trial_id = record.trial_id
        self._number = record.number
        self._proposal = proposal
        fixed = record.system_attrs.get(FIXED_PARAMS_ATTR) or {}
        self._fixed_params: dict[str, Any] = dict(fixed)
        self._params: dict[str, Any] = dict(record.params)
        self._distributions: dict[str, Distribution] = dict(record.distributions)
        self._user_attrs: dict[str, Any] = dict(record.user_attrs)

    def __repr__(self) -> str:
        return f"Trial(number={self._number}, params={self._params!r})"

    @property
    def number(self) -> int:
        """The trial's position in its study, 0 for the first."""
        return self._number

    @property
    def trial_id(self) -> int:
        """The storage's id of this trial, unique across studies."""
        return self._trial_id

    @property
    def params(self) -> dict[str, Any]:
        """The hyperparameters suggested so far, name -> value."""
        return dict(self._params)

    @property
    def distributions(self) -> dict[str, Distribution]:
        return dict(self._distributions)

    @property
    def user_attrs(self) -> dict[str, Any]:
        return dict(self._user_attrs)

    @property
    def study(self) -> StudyBase:
        """The study this trial belongs to (a ``Study``; ``trial.study.stop()`` ends the run)."""
        return self._study

    # Suggesting ----------------------------------------------------------------

    def suggest_float(
        self, name: str, low: float, high: float, *, step: float | None = None, log: bool = False
    ) -> float:
        """Suggest a float in [low, high]; log-uniform with ``log=True``; on a grid with ``step``.

        Raises:
            InvalidSpaceError: a range that breaks Float's rules.
            IncompatibleDistributionError: ``name`` was used with another range before.
        """
        value = self.suggest(name, Float(low, high, log=log, step=step))
        assert isinstance(value, float)
        return value

    def suggest_int(
        self, name: str, low: int, high: int, *, step: int = 1, log: bool = False
    ) -> int:
        """Suggest an integer in [low, high]; log-uniform with ``log=True``.

        Raises:
            InvalidSpaceError: a range that breaks Int's rules.
            IncompatibleDistributionError: ``name`` was used with another range before.
        """
        value = self.suggest(name, Int(low, high, log=log, step=step))
        assert isinstance(value, int)
        return value

    def suggest_categorical(
        self, name: str, choices: Sequence[CategoricalChoice]
    ) -> CategoricalChoice:
        """Suggest one of ``choices`` (None, bool, int, float or str values).

        Raises:
            InvalidSpaceError: empty or repeated choices, or a choice of another type.
            IncompatibleDistributionError: ``name`` was used with other choices before.
        """
        choice: CategoricalChoice = self.suggest(name, Categorical(choices))
        return choice

    def suggest(self, name: str, distribution: Distribution) -> Any:
        """Suggest a value of ``name`` from any distribution.

        Asking for the same name twice in one trial returns the first value.
        """
        if not isinstance(name, str) or not name:
            raise InvalidArgumentError(
                f"The 'name' argument of suggest must be a non-empty string; got {name!r}."
            )
        if name in self._params:
            if self._distributions[name] != distribution:
                raise IncompatibleDistributionError(
                    f"Hyperparameter {name!r} was suggested twice in trial {self._number} with "
                    f"different ranges: {self._distributions[name]!r}, then {distribution!r}."
                )
            return self._params[name]
        study = self._study
        study.history.check_compatible(name, distribution)
        value = distribution.to_external(self._draw(name, distribution))
        # Stored as the internal form of the value the objective gets (an Int's draw
        # rounded), which is what the history reads back.
        internal = distribution.to_internal(value)
        study.storage.set_trial_param(self._trial_id, name, internal, distribution)
        self._params[name] = value
        self._distributions[name] = distribution
        return value

    def _draw(self, name: str, distribution: Distribution) -> float:
        if name in self._fixed_params:
            fixed = self._fixed_params[name]
            if not distribution.contains(fixed):
                raise InvalidArgumentError(
                    f"The enqueued value of hyperparameter {name!r} must lie in {distribution!r}; "
                    f"got {fixed!r}."
                )
            return distribution.to_internal(fixed)
        if name in self._proposal:
            proposed_distribution, internal = self._proposal[name]
            if proposed_distribution == distribution:
                return internal
        study = self._study
        history = study.sampling_history(self._number)
        return study.sampler.sample_independent(history, self._number, name, distribution)

    # Progress ------------------------------------------------------------------

    def report(self, value: float, step: int) -> None:
        """Record an intermediate value of the objective (a validation score after an epoch).

        Raises:
            InvalidArgumentError: a step that is not a non-negative int, or a value
                that is not a number.
        """
        if isinstance(step, bool) or not isinstance(step, int) or step < 0:
            raise InvalidArgumentError(
                f"The 'step' argument of report must be a non-negative int; got {step!r}."
            )
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise InvalidArgumentError(
                f"The 'value' argument of report must be a number; got {value!r}."
            ) from None
        self._study.storage.set_trial_intermediate_value(self._trial_id, step, number)

    def should_prune(self) -> bool:
        """Whether the study's pruner says this trial should stop (then raise TrialPruned).

        What the pruner wants recorded about the trial (Hyperband's bracket) is
        stored in its system attributes.
        """
        history = self._study.history
        history.refresh()
        record = history.trial(self._number)
        if record is None:
            return False
        pruner = self._study.pruner
        prune = pruner.should_prune(history, record)
        for key, note in sorted(pruner.system_attrs_to_record(history, record).items()):
            if record.system_attrs.get(key) != note:
                self._study.storage.set_trial_system_attr(self._trial_id, key, note)
        return prune

    def set_user_attr(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable value with the trial (a train score, a model size, ...)."""
        self._study.storage.set_trial_user_attr(self._trial_id, key, value)
        self._user_attrs[key] = value
