"""Under Hyperband a sampler learns from its bracket's trials and every completed trial.

Pruned trials of other brackets stopped at other steps, so their last values do
not compare with this bracket's and the sampler does not see them.
"""

from __future__ import annotations

import math

import numpy as np

from tunesmith.exceptions import TrialPruned
from tunesmith.history import History
from tunesmith.pruners import HyperbandPruner, MedianPruner, Pruner
from tunesmith.samplers import AutoSampler, RandomSampler, TPESampler
from tunesmith.samplers.auto import SAMPLER_CHOICE_ATTR
from tunesmith.samplers.base import Proposal
from tunesmith.space import Distribution
from tunesmith.storage import InMemoryStorage
from tunesmith.study import Study, Trial, create_study, load_study
from tunesmith.trial import TrialState

MAX_STEP = 9


class RecordingSampler(RandomSampler):
    """Random search that records, for each trial, which trials it was shown and in what state."""

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed)
        self.shown: dict[int, dict[int, TrialState]] = {}

    def _record(self, history: History, trial_number: int) -> None:
        snapshot = history.snapshot()
        seen = self.shown.setdefault(trial_number, {})
        for number in np.flatnonzero(~snapshot.mask(TrialState.WAITING)):
            record = history.trial(int(number))
            assert record is not None
            seen[int(number)] = record.state

    def propose(self, history: History, trial_number: int) -> Proposal:
        self._record(history, trial_number)
        return super().propose(history, trial_number)

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        self._record(history, trial_number)
        return super().sample_independent(history, trial_number, name, distribution)


def _curve_objective(trial: Trial) -> float:
    """Minimise (x - 0.3)^2 + (y - 0.7)^2, approached as 1 / step over the steps."""
    x = trial.suggest_float("x", 0.0, 1.0)
    y = trial.suggest_float("y", 0.0, 1.0)
    target = (x - 0.3) ** 2 + (y - 0.7) ** 2
    for step in range(1, MAX_STEP + 1):
        trial.report(target + 1.0 / step, step)
        if trial.should_prune():
            raise TrialPruned()
    return target + 1.0 / MAX_STEP


def _hyperband() -> HyperbandPruner:
    return HyperbandPruner(min_resource=1, max_resource=MAX_STEP, reduction_factor=3)


def _run(sampler: RecordingSampler, pruner: Pruner, n_trials: int) -> Study:
    study = create_study(sampler=sampler, pruner=pruner)
    study.optimize(_curve_objective, n_trials=n_trials)
    return study


def test_each_trial_is_drawn_from_its_bracket_and_the_completed_trials() -> None:
    pruner = _hyperband()
    sampler = RecordingSampler()
    study = _run(sampler, pruner, 40)
    states = {t.number: t.state for t in study.trials}
    assert {pruner.bracket_of(n) for n in range(40)} == {0, 1, 2}
    hidden_somewhere = False
    for number, shown in sampler.shown.items():
        bracket = pruner.bracket_of(number)
        earlier = {n for n in range(number) if pruner.bracket_of(n) == bracket}
        completed = {n for n in range(number) if states[n] is TrialState.COMPLETE}
        # Every earlier trial of the bracket, finished by now, every completed one, and itself.
        assert set(shown) == earlier | completed | {number}, number
        assert shown[number] is TrialState.RUNNING
        hidden_somewhere |= len(shown) < number + 1
    # Some trials were drawn while pruned trials of other brackets existed, unseen.
    assert hidden_somewhere


def test_running_trials_of_the_bracket_are_shown_as_running() -> None:
    pruner = _hyperband()
    sampler = RecordingSampler()
    study = create_study(sampler=sampler, pruner=pruner)
    asked = []
    for _ in range(12):  # none of them told: all still running
        trial = study.ask()
        trial.suggest_float("x", 0.0, 1.0)
        asked.append(trial)
    for trial in asked:
        bracket = pruner.bracket_of(trial.number)
        running = {n for n in range(trial.number) if pruner.bracket_of(n) == bracket}
        shown = sampler.shown[trial.number]
        assert set(shown) == running | {trial.number}
        assert set(shown.values()) == {TrialState.RUNNING}


def test_other_pruners_show_the_sampler_every_trial() -> None:
    sampler = RecordingSampler()
    _run(sampler, MedianPruner(n_startup_trials=3), 15)
    for number, shown in sampler.shown.items():
        assert set(shown) == set(range(number + 1))


def test_before_hyperband_knows_its_brackets_the_sampler_sees_every_trial() -> None:
    # max_resource="auto" learns the brackets when the first trial completes.
    sampler = RecordingSampler()
    study = create_study(sampler=sampler, pruner=HyperbandPruner())
    first = study.ask()
    first.suggest_float("x", 0.0, 1.0)
    second = study.ask()
    second.suggest_float("x", 0.0, 1.0)
    assert set(sampler.shown[second.number]) == {first.number, second.number}


def _tpe_study(seed: int, n_trials: int) -> Study:
    study = create_study(sampler=TPESampler(n_startup_trials=5, seed=seed), pruner=_hyperband())
    study.optimize(_curve_objective, n_trials=n_trials)
    return study


def _distance(study: Study, numbers: range) -> float:
    """The mean distance to the optimum (0.3, 0.7) of the trials ``numbers``."""
    trials = [study.trials[n] for n in numbers]
    return float(np.mean([math.dist((t.params["x"], t.params["y"]), (0.3, 0.7)) for t in trials]))


def test_tpe_with_hyperband_moves_toward_the_optimum_and_is_reproducible() -> None:
    n_trials = 90
    studies = [_tpe_study(seed=seed, n_trials=n_trials) for seed in range(4)]
    trials = studies[0].trials
    assert {t.state for t in trials} == {TrialState.COMPLETE, TrialState.PRUNED}
    # Over a few seeds, the last trials lie far nearer the optimum than the first ones.
    late = np.mean([_distance(study, range(60, n_trials)) for study in studies])
    early = np.mean([_distance(study, range(30)) for study in studies])
    assert late < 0.7 * early
    again = _tpe_study(seed=0, n_trials=n_trials).trials
    assert [t.params for t in again] == [t.params for t in trials]
    other = studies[1].trials
    assert [t.params for t in other] != [t.params for t in trials]


def test_auto_sampler_startup_counts_the_completed_trials_of_every_bracket() -> None:
    study = create_study(sampler=AutoSampler(n_startup_trials=3, seed=0), pruner=_hyperband())
    study.optimize(_curve_objective, n_trials=40)
    for trial in study.trials:
        completed_before = sum(
            other.state is TrialState.COMPLETE for other in study.trials[: trial.number]
        )
        chosen = trial.system_attrs[SAMPLER_CHOICE_ATTR]["sampler"]
        assert (chosen == "qmc") == (completed_before < 3), trial.number


def test_a_reloaded_study_draws_as_an_uninterrupted_one() -> None:
    # With max_resource="auto" the brackets are learned again after the reload.
    def study_named(name: str, storage: InMemoryStorage, load: bool) -> Study:
        make = load_study if load else create_study
        return make(
            name, storage, sampler=TPESampler(n_startup_trials=3, seed=2), pruner=HyperbandPruner()
        )

    storage = InMemoryStorage()
    study_named("interrupted", storage, load=False).optimize(_curve_objective, n_trials=20)
    reloaded = study_named("interrupted", storage, load=True)
    reloaded.optimize(_curve_objective, n_trials=20)
    uninterrupted = study_named("whole", storage, load=False)
    uninterrupted.optimize(_curve_objective, n_trials=40)
    assert [t.params for t in reloaded.trials] == [t.params for t in uninterrupted.trials]
