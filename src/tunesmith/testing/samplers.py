"""The contract every sampler fulfils, as a reusable pytest suite.

Subclass ``SamplerContract`` in a test module and give it a ``make_sampler``
fixture: a callable that builds the sampler from a seed::

    class TestMySampler(SamplerContract):
        sampler_class = MySampler

        @pytest.fixture
        def make_sampler(self) -> SamplerFactory:
            return lambda seed: MySampler(seed=seed)

``sampler_class`` names the class the fixture builds, which the suite checks;
tunesmith's own tests use it to find a subclass for every registered sampler.

The suite runs studies over ``space`` (every kind of range) and
``conditional_space`` (a categorical choosing which of two hyperparameters
exists). A sampler that needs its space up front, such as a grid, overrides
both class attributes with finite spaces of at least ``n_trials`` points and
builds itself over their union. A sampler whose suggestions depend on the
results of earlier trials sets ``deterministic_in_parallel = False``: with
several workers the results arrive in another order, so only the validity of
a parallel run is checked.

The suite is written for pytest, which provides the fixture, but the module
imports nothing from it.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import numpy as np

from tunesmith.exceptions import TrialPruned
from tunesmith.pruners import HyperbandPruner
from tunesmith.samplers import Proposal, Sampler
from tunesmith.space import Categorical, Distribution, Float, Int
from tunesmith.storage import InMemoryStorage
from tunesmith.study import Study, Trial, create_study, load_study
from tunesmith.trial import FrozenTrial, TrialState

__all__ = [
    "CONDITIONAL_SPACE",
    "SPACE",
    "SamplerContract",
    "SamplerFactory",
    "assert_valid",
    "conditional_objective",
    "space_objective",
    "suggest_from",
]

SamplerFactory = Callable[[int], Sampler]
"""What the ``make_sampler`` fixture returns: seed -> a new sampler."""

SPACE: dict[str, Distribution] = {
    "float": Float(-2.0, 3.0),
    "log_float": Float(1e-5, 1e2, log=True),
    "stepped_float": Float(-1.0, 1.0, step=0.25),
    "int": Int(-3, 7),
    "log_int": Int(1, 1024, log=True),
    "stepped_int": Int(0, 30, step=3),
    # 1 and True, None and False: equal or falsy in Python, distinct choices here.
    "categorical": Categorical([None, True, False, "a", 1, 2.5]),
}

CONDITIONAL_SPACE: dict[str, Distribution] = {
    "branch": Categorical(["left", "right"]),
    "left_x": Float(0.0, 1.0),
    "right_n": Int(1, 8),
}


def suggest_from(trial: Trial, name: str, distribution: Distribution) -> Any:
    """Suggest ``name`` with the ``suggest_*`` method a user would call for ``distribution``."""
    if isinstance(distribution, Float):
        return trial.suggest_float(
            name, distribution.low, distribution.high, step=distribution.step, log=distribution.log
        )
    if isinstance(distribution, Int):
        return trial.suggest_int(
            name, distribution.low, distribution.high, step=distribution.step, log=distribution.log
        )
    return trial.suggest_categorical(name, distribution.choices)


def _unit(distribution: Distribution, value: Any) -> float:
    return float(distribution.to_unit(np.float64(distribution.to_internal(value))))


def space_objective(
    trial: Trial, space: Mapping[str, Distribution], pause: float = 0.0
) -> tuple[float, float]:
    """Suggest every hyperparameter of ``space``; return two scores of the point.

    The first is lowest near 0.3 of every range and the second near 0.7, so
    both depend on every value. ``pause`` seconds pass after each suggestion,
    to make parallel workers overlap.
    """
    near_low = near_high = 0.0
    for name, distribution in space.items():
        unit = _unit(distribution, suggest_from(trial, name, distribution))
        near_low += (unit - 0.3) ** 2
        near_high += (unit - 0.7) ** 2
        time.sleep(pause)
    return near_low, near_high


def conditional_objective(trial: Trial, space: Mapping[str, Distribution]) -> float:
    """Use ``left_x`` when ``branch`` is "left" and ``right_n`` otherwise, never both."""
    branch = suggest_from(trial, "branch", space["branch"])
    name = "left_x" if branch == "left" else "right_n"
    value = _unit(space[name], suggest_from(trial, name, space[name]))
    return (value - 0.3) ** 2 + (0.0 if branch == "left" else 0.1)


def _run(
    sampler: Sampler,
    space: Mapping[str, Distribution],
    n_trials: int,
    n_jobs: int = 1,
    pause: float = 0.0,
) -> Study:
    study = create_study(sampler=sampler)
    study.optimize(lambda t: space_objective(t, space, pause)[0], n_trials=n_trials, n_jobs=n_jobs)
    return study


def _run_under_hyperband(
    sampler: Sampler, space: Mapping[str, Distribution], n_trials: int
) -> Study:
    """A study whose trials report 9 steps, pruned by Hyperband in 3 brackets."""
    n_steps = 9
    pruner = HyperbandPruner(min_resource=1, max_resource=n_steps, reduction_factor=3)
    study = create_study(sampler=sampler, pruner=pruner)

    def objective(trial: Trial) -> float:
        value = space_objective(trial, space)[0]
        for step in range(1, n_steps + 1):
            trial.report(value + 1.0 / step, step)
            if trial.should_prune():
                raise TrialPruned()
        return value

    study.optimize(objective, n_trials=n_trials)
    return study


def _params(trials: Sequence[FrozenTrial]) -> list[dict[str, Any]]:
    """Each trial's hyperparameters as plain JSON data, ordered by trial number."""
    ordered = sorted(trials, key=lambda t: t.number)
    params: list[dict[str, Any]] = json.loads(json.dumps([dict(t.params) for t in ordered]))
    return params


def _run_pickled_study() -> None:
    """In a fresh interpreter: run the study pickled on stdin, print its trials' params."""
    sampler, space, n_trials = pickle.loads(sys.stdin.buffer.read())
    print(json.dumps(_params(_run(sampler, space, n_trials).trials)))


def _is_choice(value: object, choices: Sequence[object]) -> bool:
    # The value must be the very choice, not one equal to it (1 == True == 1.0 in Python).
    return any(type(choice) is type(value) and choice == value for choice in choices)


def assert_valid(trial: FrozenTrial, space: Mapping[str, Distribution]) -> None:
    """Every hyperparameter of ``trial`` lies in its distribution in ``space``, with its type."""
    for name, value in trial.params.items():
        distribution = space[name]
        where = f"trial {trial.number}, hyperparameter {name!r}"
        assert distribution.contains(value), f"{where}: {value!r} is outside {distribution!r}"
        if isinstance(distribution, Float):
            assert type(value) is float, f"{where}: {value!r} is not a float"
        elif isinstance(distribution, Int):
            assert type(value) is int, f"{where}: {value!r} is not an int"
        else:
            assert _is_choice(value, distribution.choices), f"{where}: {value!r} is no choice"


class SamplerContract:
    """Behaviour every sampler shares; subclass it and provide ``make_sampler``."""

    sampler_class: ClassVar[type[Sampler]]
    space: ClassVar[Mapping[str, Distribution]] = SPACE
    conditional_space: ClassVar[Mapping[str, Distribution]] = CONDITIONAL_SPACE
    n_trials: ClassVar[int] = 30
    deterministic_in_parallel: ClassVar[bool] = True

    def test_builds_its_declared_class(self, make_sampler: SamplerFactory) -> None:
        declared = getattr(self, "sampler_class", None)
        assert declared is not None, f"{type(self).__name__} must set sampler_class"
        built = make_sampler(0)
        assert type(built) is declared, f"make_sampler built {built!r}, not a {declared.__name__}"

    def test_values_lie_in_their_distributions(self, make_sampler: SamplerFactory) -> None:
        study = _run(make_sampler(0), self.space, self.n_trials)
        trials = study.trials
        assert len(trials) == self.n_trials
        for trial in trials:
            assert trial.state is TrialState.COMPLETE, trial.system_attrs
            assert set(trial.params) == set(self.space)
            assert_valid(trial, self.space)

    def test_a_proposal_lies_in_the_space_and_its_notes_are_json(
        self, make_sampler: SamplerFactory
    ) -> None:
        study = _run(make_sampler(4), self.space, self.n_trials)
        history = study.history
        history.refresh()
        proposal = study.sampler.propose(history, self.n_trials)
        assert isinstance(proposal, Proposal)
        for name, (distribution, internal) in proposal.params.items():
            # A sampler built over a fixed space (a grid) may propose names the study never used.
            assert distribution == self.space.get(name, distribution), name
            assert distribution.contains(distribution.to_external(internal)), (name, internal)
        notes = dict(proposal.system_attrs)
        assert json.loads(json.dumps(notes)) == notes

    def test_same_seed_gives_same_trials(self, make_sampler: SamplerFactory) -> None:
        first = _run(make_sampler(11), self.space, self.n_trials)
        second = _run(make_sampler(11), self.space, self.n_trials)
        assert _params(first.trials) == _params(second.trials)

    def test_different_seeds_give_different_trials(self, make_sampler: SamplerFactory) -> None:
        first = _run(make_sampler(11), self.space, self.n_trials)
        second = _run(make_sampler(12), self.space, self.n_trials)
        assert _params(first.trials) != _params(second.trials)

    def test_same_seed_gives_same_trials_in_another_process(
        self, make_sampler: SamplerFactory
    ) -> None:
        payload = pickle.dumps((make_sampler(5), dict(self.space), self.n_trials))
        code = "from tunesmith.testing.samplers import _run_pickled_study; _run_pickled_study()"
        # Another hash seed: nothing may depend on the order of a set of strings.
        environment = {**os.environ, "PYTHONHASHSEED": "1234"}
        child = subprocess.run(
            [sys.executable, "-c", code],
            input=payload,
            capture_output=True,
            env=environment,
            timeout=120,
            check=False,
        )
        assert child.returncode == 0, child.stderr.decode()
        here = _params(_run(make_sampler(5), self.space, self.n_trials).trials)
        assert json.loads(child.stdout) == here

    def test_parallel_threads_give_same_trials_as_sequential(
        self, make_sampler: SamplerFactory
    ) -> None:
        parallel = _run(make_sampler(3), self.space, self.n_trials, n_jobs=4, pause=0.001)
        trials = parallel.trials
        assert [t.number for t in trials] == list(range(self.n_trials))
        for trial in trials:
            assert trial.state is TrialState.COMPLETE, trial.system_attrs
            assert_valid(trial, self.space)
        if self.deterministic_in_parallel:
            sequential = _run(make_sampler(3), self.space, self.n_trials)
            assert _params(trials) == _params(sequential.trials)

    def test_study_pruned_by_hyperband(self, make_sampler: SamplerFactory) -> None:
        # The sampler sees its bracket's trials and the completed ones; the rest as not started.
        study = _run_under_hyperband(make_sampler(6), self.space, self.n_trials)
        trials = study.trials
        assert len(trials) == self.n_trials
        assert TrialState.PRUNED in {t.state for t in trials}
        for trial in trials:
            assert trial.state in (TrialState.COMPLETE, TrialState.PRUNED), trial.system_attrs
            assert set(trial.params) == set(self.space)
            assert_valid(trial, self.space)
        again = _run_under_hyperband(make_sampler(6), self.space, self.n_trials)
        assert _params(again.trials) == _params(trials)

    def test_conditional_space(self, make_sampler: SamplerFactory) -> None:
        space = self.conditional_space
        study = create_study(sampler=make_sampler(0))
        study.optimize(lambda t: conditional_objective(t, space), n_trials=self.n_trials)
        trials = study.trials
        assert len(trials) == self.n_trials
        for trial in trials:
            assert trial.state is TrialState.COMPLETE, trial.system_attrs
            assert_valid(trial, space)
            expected = "left_x" if trial.params["branch"] == "left" else "right_n"
            assert set(trial.params) == {"branch", expected}
        assert {t.params["branch"] for t in trials} == {"left", "right"}

    def test_multi_objective_study(self, make_sampler: SamplerFactory) -> None:
        study = create_study(directions=["minimize", "maximize"], sampler=make_sampler(0))
        study.optimize(lambda t: space_objective(t, self.space), n_trials=self.n_trials)
        trials = study.trials
        assert len(trials) == self.n_trials
        for trial in trials:
            assert trial.state is TrialState.COMPLETE, trial.system_attrs
            assert trial.values is not None
            assert len(trial.values) == 2
            assert_valid(trial, self.space)
        assert study.best_trials

    def test_reloaded_study_continues_as_uninterrupted(self, make_sampler: SamplerFactory) -> None:
        storage = InMemoryStorage()
        half = self.n_trials // 2

        def objective(trial: Trial) -> float:
            return space_objective(trial, self.space)[0]

        create_study("interrupted", storage, sampler=make_sampler(8)).optimize(
            objective, n_trials=half
        )
        reloaded = load_study("interrupted", storage, sampler=make_sampler(8))
        reloaded.optimize(objective, n_trials=self.n_trials - half)
        trials = reloaded.trials
        assert [t.state for t in trials] == [TrialState.COMPLETE] * self.n_trials
        uninterrupted = _run(make_sampler(8), self.space, self.n_trials)
        assert _params(trials) == _params(uninterrupted.trials)
