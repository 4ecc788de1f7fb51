"""The contract every pruner fulfils, as a reusable pytest suite.

Subclass ``PrunerContract`` in a test module and give it a ``make_pruner``
fixture: a callable that builds a fresh pruner::

    class TestMyPruner(PrunerContract):
        pruner_class = MyPruner
        startup_trials = 5  # the pruner never prunes before 5 trials completed
        warmup_steps = 2  # ... nor before step 2

        @pytest.fixture
        def make_pruner(self) -> PrunerFactory:
            return lambda: MyPruner(n_startup_trials=5, n_warmup_steps=2)

``pruner_class`` names the class the fixture builds, which the suite checks;
tunesmith's own tests use it to find a subclass for every registered pruner.
A pruner that never prunes (``NopPruner``) sets ``prunes = False``: the suite
then checks that it stops no trial.

The studies of the suite run learning curves whose quality is an enqueued
hyperparameter, so every pruner sees the same trials: ordinary trials
improve step after step towards their quality (lower is better), a "bad"
trial is far worse and gets worse, and a "best" trial is better than all
others at every step. A pruner with bounds in the objective's units must
keep ordinary values, within [0, 2], and prune the bad trial's, beyond 10
(or below -8 when maximising).

Importing this module requires pytest, a development dependency of tunesmith.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

import numpy as np
import pytest

from tunesmith.exceptions import TrialPruned
from tunesmith.history import History
from tunesmith.pruners import NopPruner, Pruner
from tunesmith.samplers import RandomSampler
from tunesmith.storage import InMemoryStorage
from tunesmith.study import Study, Trial, create_study
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__all__ = [
    "BAD_QUALITY",
    "BEST_QUALITY",
    "PrunerContract",
    "PrunerFactory",
    "curve_value",
    "decide",
    "ordinary_qualities",
    "record_trial",
]

PrunerFactory = Callable[[], Pruner]
"""What the ``make_pruner`` fixture returns: a callable building a new pruner."""

BAD_QUALITY = 10.0
"""The quality of the bad trial: far worse than any other, and getting worse."""

BEST_QUALITY = 0.0
"""The quality of the best trial: better than any other at every step."""


def curve_value(quality: float, step: int, direction: StudyDirection) -> float:
    """What a trial of ``quality`` reports at ``step`` (step >= 1).

    In "minimise" form an ordinary curve falls from ``quality + 0.5`` towards
    ``quality``; the bad curve rises from ``BAD_QUALITY``. A maximised study
    reports ``2 - value``, so its ordinary values stay within [0, 2] too.
    """
    value = quality + 0.1 * step if quality >= BAD_QUALITY else quality + 1.0 / (step + 1)
    return 2.0 - value if direction is StudyDirection.MAXIMIZE else value


def ordinary_qualities(n_trials: int) -> list[float]:
    """``n_trials`` qualities in [0.1, 1.0] in a fixed shuffled order."""
    qualities = np.linspace(0.1, 1.0, n_trials)
    np.random.default_rng(0).shuffle(qualities)
    return [float(q) for q in qualities]


def record_trial(
    study: Study, reported: Mapping[int, float], state: TrialState = TrialState.COMPLETE
) -> FrozenTrial:
    """Add a trial that reported ``reported`` (step -> value) and return its record.

    The trial ends in ``state``: COMPLETE with its last value, PRUNED, or
    RUNNING (left running, as another worker would).
    """
    trial = study.ask()
    for step, value in sorted(reported.items()):
        trial.report(value, step)
    if state is TrialState.COMPLETE:
        study.tell(trial, reported[max(reported)])
    elif state is not TrialState.RUNNING:
        study.tell(trial, state=state)
    return study.storage.get_trial(trial.trial_id)


def decide(pruner: Pruner, study: Study, number: int) -> bool:
    """What ``pruner`` says about trial ``number`` of ``study`` now, as ``should_prune`` asks."""
    history = study.history
    history.refresh()
    record = history.trial(number)
    assert record is not None, f"the study has no trial {number}"
    return pruner.should_prune(history, record)


def _objective(n_steps: int, pause: float = 0.0) -> Callable[[Trial], float]:
    def objective(trial: Trial) -> float:
        quality = trial.suggest_float("quality", 0.0, 100.0)
        direction = trial.study.direction
        value = math.nan
        for step in range(1, n_steps + 1):
            value = curve_value(quality, step, direction)
            trial.report(value, step)
            if trial.should_prune():
                raise TrialPruned()
            time.sleep(pause)
        return value

    return objective


def _run_enqueued(
    pruner: Pruner, qualities: Sequence[float], n_steps: int, direction: str = "minimize"
) -> Study:
    study = create_study(direction=direction, sampler=RandomSampler(seed=0), pruner=pruner)
    for quality in qualities:
        study.enqueue_trial({"quality": quality})
    study.optimize(_objective(n_steps), n_trials=len(qualities))
    return study


def _assert_pruned_keep_last_value(trials: Sequence[FrozenTrial]) -> None:
    for trial in trials:
        assert trial.state in (TrialState.COMPLETE, TrialState.PRUNED), trial
        if trial.state is TrialState.PRUNED:
            assert trial.last_step is not None
            assert trial.value == trial.intermediate_values[trial.last_step]


class PrunerContract:
    """Behaviour every pruner shares; subclass it and provide ``make_pruner``.

    Class attributes describe the pruner the fixture builds: an instance of
    ``pruner_class`` that never prunes before ``startup_trials`` trials have
    completed, nor before step ``warmup_steps`` (nor at all unless ``prunes``).
    Trials report steps 1 to ``n_steps``.
    """

    pruner_class: ClassVar[type[Pruner]]
    prunes: ClassVar[bool] = True
    startup_trials: ClassVar[int] = 0
    warmup_steps: ClassVar[int] = 0
    n_steps: ClassVar[int] = 12
    n_trials: ClassVar[int] = 24

    def _qualities(self) -> list[float]:
        """Ordinary trials, then the bad one at two thirds and the best one near the end."""
        qualities = ordinary_qualities(self.n_trials - 2)
        qualities.insert(2 * self.n_trials // 3, BAD_QUALITY)
        qualities.insert(self.n_trials - 3, BEST_QUALITY)
        return qualities

    def test_builds_its_declared_class(self, make_pruner: PrunerFactory) -> None:
        declared = getattr(self, "pruner_class", None)
        assert declared is not None, f"{type(self).__name__} must set pruner_class"
        built = make_pruner()
        assert type(built) is declared, f"make_pruner built {built!r}, not a {declared.__name__}"

    def test_never_prunes_before_warmup_or_startup(self, make_pruner: PrunerFactory) -> None:
        # Each trial is worse than all before it, so any pruner would like to stop it.
        qualities = [BAD_QUALITY + number for number in range(self.n_trials)]
        trials = _run_enqueued(make_pruner(), qualities, self.n_steps).trials
        pruned = [t for t in trials if t.state is TrialState.PRUNED]
        if not self.prunes:
            assert pruned == [], "a pruner that never prunes stopped a trial"
            return
        assert pruned, "the pruner stopped none of a series of ever worse trials"
        for trial in trials[: self.startup_trials]:
            assert trial.state is TrialState.COMPLETE, f"trial {trial.number} was pruned"
        for trial in pruned:
            assert trial.last_step is not None
            assert trial.last_step >= self.warmup_steps, f"trial {trial.number}: {trial}"

    @pytest.mark.parametrize("direction", ["minimize", "maximize"])
    def test_prunes_a_clearly_bad_trial_in_either_direction(
        self, make_pruner: PrunerFactory, direction: str
    ) -> None:
        qualities = self._qualities()
        trials = _run_enqueued(make_pruner(), qualities, self.n_steps, direction).trials
        bad = trials[qualities.index(BAD_QUALITY)]
        if not self.prunes:
            assert bad.state is TrialState.COMPLETE, f"{direction}: the bad trial was pruned"
            return
        assert bad.state is TrialState.PRUNED, f"{direction}: the bad trial was not pruned"

    @pytest.mark.parametrize("direction", ["minimize", "maximize"])
    def test_does_not_prune_the_best_trial(
        self, make_pruner: PrunerFactory, direction: str
    ) -> None:
        qualities = self._qualities()
        study = _run_enqueued(make_pruner(), qualities, self.n_steps, direction)
        best = study.trials[qualities.index(BEST_QUALITY)]
        assert best.state is TrialState.COMPLETE, f"{direction}: the best trial was pruned"
        assert study.best_trial.number == best.number

    def test_pruned_trials_keep_their_last_intermediate_value(
        self, make_pruner: PrunerFactory
    ) -> None:
        study = _run_enqueued(make_pruner(), self._qualities(), self.n_steps)
        trials = study.trials
        assert any(t.state is TrialState.PRUNED for t in trials) == self.prunes
        _assert_pruned_keep_last_value(trials)

    def test_pruned_trials_hold_what_the_pruner_records(self, make_pruner: PrunerFactory) -> None:
        study = _run_enqueued(make_pruner(), self._qualities(), self.n_steps)
        history = study.history
        history.refresh()
        pruned = history.trials([TrialState.PRUNED])
        assert bool(pruned) == self.prunes
        for trial in pruned:
            recorded = study.pruner.system_attrs_to_record(history, trial)
            assert json.loads(json.dumps(recorded)) == recorded
            for key, value in recorded.items():
                assert trial.system_attrs.get(key) == value, f"trial {trial.number}, {key!r}"

    def test_same_history_gives_same_decisions(self, make_pruner: PrunerFactory) -> None:
        storage = InMemoryStorage()
        study = create_study("fixed", storage, sampler=RandomSampler(seed=0), pruner=NopPruner())
        qualities = self._qualities()
        for quality in qualities:
            study.enqueue_trial({"quality": quality})
        study.optimize(_objective(self.n_steps), n_trials=len(qualities))
        # Trials still running at various steps, as other workers would leave them.
        for number, quality in enumerate((0.3, 0.05, 0.9, BAD_QUALITY)):
            study.enqueue_trial({"quality": quality})
            trial = study.ask()
            trial.suggest_float("quality", 0.0, 100.0)
            for step in range(1, 2 + 3 * number):
                trial.report(curve_value(quality, step, study.direction), step)

        def decisions(pruner: Pruner) -> list[bool]:
            history = History(storage, study.study_id, study.directions)
            history.refresh()
            return [pruner.should_prune(history, trial) for trial in history.trials()]

        first_pruner = make_pruner()
        first = decisions(first_pruner)
        assert decisions(first_pruner) == first
        assert decisions(make_pruner()) == first

    def test_works_with_parallel_workers(self, make_pruner: PrunerFactory) -> None:
        study = create_study(sampler=RandomSampler(seed=1), pruner=make_pruner())
        for quality in self._qualities():
            study.enqueue_trial({"quality": quality})
        study.optimize(_objective(self.n_steps, pause=0.0005), n_trials=self.n_trials, n_jobs=4)
        trials = study.trials
        assert len(trials) == self.n_trials
        _assert_pruned_keep_last_value(trials)
