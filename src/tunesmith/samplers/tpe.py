"""TPESampler: Bayesian optimisation with Tree-structured Parzen Estimators.

The sampler turns the history into unit-cube arrays, splits the finished
trials into a good and a bad group, and lets ``samplers/_tpe`` fit a density
to each and pick the candidate where good is likeliest relative to bad.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tunesmith.arguments import Problem, check_bool, check_int, check_number_in, or_none
from tunesmith.history import STATE_ORDER, History, HistorySnapshot
from tunesmith.samplers._tpe.acquisition import Failures, Model, best_candidate
from tunesmith.samplers._tpe.bandwidth import classifier_bandwidths, kernel_bandwidths
from tunesmith.samplers._tpe.layout import Layout, layout_of
from tunesmith.samplers._tpe.parzen import PRIOR_WEIGHT, ParzenEstimator, fit_parzen
from tunesmith.samplers._tpe.split import below_count, split_below
from tunesmith.samplers._tpe.tree import branching_columns, usage_groups
from tunesmith.samplers._tpe.weights import recency_weights
from tunesmith.samplers.base import Proposal, Sampler
from tunesmith.samplers.encoding import from_unit_point
from tunesmith.samplers.qmc import QMCSampler
from tunesmith.seeding import Seed
from tunesmith.space import Categorical, Distribution
from tunesmith.trial import TrialState

__all__ = ["TPESampler"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_COMPLETE = STATE_ORDER.index(TrialState.COMPLETE)
_PRUNED = STATE_ORDER.index(TrialState.PRUNED)
_FAIL = STATE_ORDER.index(TrialState.FAIL)
_RUNNING = STATE_ORDER.index(TrialState.RUNNING)


@dataclass(frozen=True, slots=True)
class _Groups:
    """The trial numbers (rows) of the good, bad, failed and running observations."""

    below: IntArray
    above: IntArray
    failed: IntArray
    running: IntArray


class TPESampler(Sampler):
    """Tree-structured Parzen Estimator: model good and bad trials, sample where good wins.

    After ``n_startup_trials`` finished trials (drawn from a scrambled Sobol
    sequence until then), the finished trials are split into the best
    fraction ``gamma`` ("below") and the rest ("above"), a Parzen estimator
    l(x) is fitted to the first and g(x) to the second, and the next point is
    the one of ``n_ei_candidates`` draws from l(x) that maximises l(x) / g(x).

    - Integers and stepped floats get the mass of each value's cell, and
      categorical hyperparameters a smoothed distribution over their choices.
    - With ``multivariate``, l and g are joint densities over the
      hyperparameters every complete trial used, so interactions between
      them are modelled.
    - A conditional space is modelled as a tree. The hyperparameters of one
      branch (used by the same trials) are modelled from that branch's trials
      alone, split into good and bad among themselves, and with
      ``multivariate`` drawn jointly: a visit to a branch goes where that
      branch did best. A categorical whose choice picks the branch is smoothed
      by the size of each group only, so the search keeps trying the other
      branches now and then instead of settling for good on the branch that
      looked best while its hyperparameters were still random.
    - A pruned trial ranks by its last intermediate value (which the study
      stores as its value); one without a usable value counts as bad.
    - Failed trials count as bad, and the ratio is also multiplied by the
      chance that a trial at x completes, so the sampler leaves regions where
      trials fail and does not propose a configuration that just failed.
    - With ``constant_liar``, trials still running in other workers (or
      earlier in a ``study.ask(n)`` batch) count as bad too, so parallel
      workers do not pile onto one point.
    - Several objectives are ranked by Pareto front, then crowding distance.

    Args:
        n_startup_trials: finished trials drawn quasi-randomly before the model is used.
        n_ei_candidates: points drawn from l(x) to choose the next trial from.
        gamma: the fraction of trials that form the good group; None for the
            default, 10% capped at 25 trials (uncapped with several objectives).
        multivariate: model the hyperparameters jointly instead of one by one.
        constant_liar: count the running trials of other workers as bad.
        seed: the root seed; the same seed and results give the same trials.

    >>> from tunesmith import create_study
    >>> study = create_study(sampler=TPESampler(seed=0))
    >>> study.optimize(lambda t: (t.suggest_float("x", -3, 3) - 1) ** 2, n_trials=40)
    >>> abs(study.best_params["x"] - 1) < 0.3
    True
    """

    def __init__(
        self,
        n_startup_trials: int = 10,
        n_ei_candidates: int = 24,
        gamma: float | None = None,
        multivariate: bool = True,
        constant_liar: bool = True,
        seed: Seed = None,
    ) -> None:
        self.n_startup_trials = n_startup_trials
        self.n_ei_candidates = n_ei_candidates
        self.gamma = gamma
        self.multivariate = multivariate
        self.constant_liar = constant_liar
        self.seed = seed

    # Configuration -------------------------------------------------------------

    def problems(self) -> list[Problem]:
        checks = [
            check_int("n_startup_trials", self.n_startup_trials, 0),
            check_int("n_ei_candidates", self.n_ei_candidates, 1),
            or_none(check_number_in("gamma", self.gamma, 0, 1, low_open=True)),
            check_bool("multivariate", self.multivariate),
            check_bool("constant_liar", self.constant_liar),
        ]
        return [problem for problem in checks if problem is not None]

    def describe(self) -> dict[str, Any]:
        return {
            "sampler": self.name,
            "n_startup_trials": self.n_startup_trials,
            "n_ei_candidates": self.n_ei_candidates,
            "gamma": self.gamma,
            "multivariate": self.multivariate,
            "constant_liar": self.constant_liar,
        }

    def reseed(self, seed: Seed) -> None:
        super().reseed(seed)
        self.__dict__.pop("_startup_qmc", None)

    # The contract --------------------------------------------------------------

    def propose(self, history: History, trial_number: int) -> Proposal:
        self.validate()
        snapshot = history.snapshot()
        if _n_finished(snapshot.states) < self.n_startup_trials:
            return Proposal()
        space = {
            name: distribution
            for name, distribution in snapshot.completed_space().items()
            if distribution.n_values != 1
        }
        if not space:
            return Proposal()
        groups = self._groups(snapshot.states, snapshot.Y, trial_number)
        unit = snapshot.unit_matrix(space)
        branching = _branching(snapshot, space)
        if self.multivariate:
            point = self._choose(
                unit,
                groups,
                layout_of(space.values()),
                self.rng(trial_number, "joint"),
                branching,
            )
        else:
            # One stream per name, so this equals what sample_independent would draw.
            point = np.array(
                [
                    self._choose(
                        unit[:, [index]],
                        groups,
                        layout_of([distribution]),
                        self.rng(trial_number, name),
                        branching[[index]],
                    )[0]
                    for index, (name, distribution) in enumerate(space.items())
                ]
            )
        return Proposal(from_unit_point(space, point))

    def sample_independent(
        self, history: History, trial_number: int, name: str, distribution: Distribution
    ) -> float:
        """Draw ``name``; a conditional hyperparameter comes from its own branch's trials.

        The trials that used ``name`` are split into good and bad among
        themselves, so a branch the search has neglected is still explored
        from its own best trials. With ``multivariate``, ``name`` is drawn
        jointly with the hyperparameters used by exactly the same trials (its
        branch): each of them is drawn from one stream of the branch, so while
        the history stays the same they all take their coordinates of one point.
        """
        self.validate()
        if distribution.n_values == 1:
            return float(distribution.from_unit(0.5))
        snapshot = history.snapshot()
        if _n_finished(snapshot.states) < self.n_startup_trials:
            return self._startup_sampler().sample_independent(
                history, trial_number, name, distribution
            )
        if name not in snapshot.columns:
            return float(distribution.from_unit(self.rng(trial_number, name).random()))
        space = self._branch_of(snapshot, name, distribution)
        # A branch of one keeps the stream of its name, as propose without multivariate does.
        key = name if len(space) == 1 else "branch:" + ",".join(space)
        unit = snapshot.unit_matrix(space)
        used = ~np.isnan(unit[:, list(space).index(name)])
        groups = self._groups(snapshot.states, snapshot.Y, trial_number, used)
        point = self._choose(
            unit,
            groups,
            layout_of(space.values()),
            self.rng(trial_number, key),
            _branching(snapshot, space),
        )
        return float(distribution.from_unit(point[list(space).index(name)]))

    # Bookkeeping between the history and the arrays of _tpe ---------------------

    def _startup_sampler(self) -> QMCSampler:
        """The Sobol sampler of the startup trials, seeded from this sampler's seed."""
        cached: QMCSampler | None = self.__dict__.get("_startup_qmc")
        if cached is None:
            child_seed = int(self.rng(0, "startup").integers(2**63))
            cached = QMCSampler(seed=child_seed)
            self.__dict__["_startup_qmc"] = cached
        return cached

    def _branch_of(
        self, snapshot: HistorySnapshot, name: str, distribution: Distribution
    ) -> dict[str, Distribution]:
        """The hyperparameters to draw jointly with ``name``: those its trials all used.

        Without ``multivariate``, or for a hyperparameter every trial used
        (``propose`` draws those jointly), ``name`` alone.
        """
        alone: dict[str, Distribution] = {name: distribution}
        structured = snapshot.mask(TrialState.COMPLETE, TrialState.PRUNED)
        if not self.multivariate or not structured.any():
            return alone
        used = ~np.isnan(snapshot.X[structured])
        names = sorted(snapshot.columns)
        columns = [snapshot.columns[other] for other in names]
        if used[:, snapshot.columns[name]].all():
            return alone
        for group in usage_groups(used[:, columns]):
            members = [names[index] for index in group]
            if name in members:
                return {
                    member: distribution if member == name else snapshot.distributions[member]
                    for member in members
                    if member == name or snapshot.distributions[member].n_values != 1
                }
        return alone

    def _groups(
        self,
        states: IntArray,
        values: FloatArray,
        trial_number: int,
        used: npt.NDArray[np.bool_] | None = None,
    ) -> _Groups:
        """Split the observations into good, bad, failed and (with the constant liar) running.

        With ``used``, only the trials it marks are split, among themselves:
        the good group of a branch is the best of that branch's trials.
        """
        pruned = states == _PRUNED
        valued = ((states == _COMPLETE) | pruned) & np.all(np.isfinite(values), axis=1)
        if used is not None:
            valued &= used
        valued_rows = np.flatnonzero(valued)
        n_below = below_count(len(valued_rows), self.gamma, values.shape[1])
        below = valued_rows[split_below(values[valued_rows], pruned[valued_rows], n_below)]
        # A trial that finished without a usable value (pruned before it reported, or with
        # several objectives) is bad but not a failure.
        above = (states == _COMPLETE) | pruned
        above[below] = False
        running = np.zeros(len(states), dtype=np.bool_)
        if self.constant_liar:
            running = states == _RUNNING
            running[trial_number : trial_number + 1] = False
        return _Groups(
            below=below,
            above=np.flatnonzero(above),
            failed=np.flatnonzero(states == _FAIL),
            running=np.flatnonzero(running),
        )

    def _choose(
        self,
        unit: FloatArray,
        groups: _Groups,
        layout: Layout,
        rng: np.random.Generator,
        branching: npt.NDArray[np.bool_],
    ) -> FloatArray:
        """The best candidate point (in the unit cube) under l(x) / g(x).

        ``branching`` marks the categorical columns that decide which branch a
        trial takes (``_tpe/tree.py``). A branch's trials are judged by values
        whose branch hyperparameters were mostly drawn before the model knew
        the branch, so how often a choice is good is no sure guide to how good
        it can get: each group smooths those choices by its own size only, not
        by everything the search has seen, and keeps trying the other
        branches now and then, each time at its best points so far.

        Failed trials are bad outcomes and also mark where trials break
        (``_tpe/acquisition.py``). Running trials join g(x) as if they had come
        out bad (the constant liar), at the weight of the newest observations,
        so the next proposal moves away from points other workers are already
        evaluating; they are not evidence, so they do not narrow the kernels.
        """
        below = _used_rows(unit, groups.below)
        above = _used_rows(unit, groups.above)
        failed = _used_rows(unit, groups.failed)
        running = _used_rows(unit, groups.running)
        n_seen = np.sum(~np.isnan(unit[np.concatenate([below, above, failed])]), axis=0)
        # A branching choice is smoothed by each group's own size (``evidence_count`` with
        # nothing seen beyond the group), however many trials the search has seen.
        n_seen = np.where(branching, 0, n_seen)
        # The older a bad observation, the less it counts: the search has moved on since.
        ages = recency_weights(np.concatenate([above, failed]))
        above_weights = np.concatenate([ages[: len(above)], np.ones(len(running))])
        model = Model(
            below=fit_parzen(unit[below], np.ones(len(below)), layout, n_seen=n_seen),
            above=fit_parzen(
                unit[np.concatenate([above, running])], above_weights, layout, n_seen=n_seen
            ),
            above_weight=float(above_weights.sum()) + PRIOR_WEIGHT,
            failures=_failures(unit, below, above, failed, ages, layout, n_seen),
        )
        return best_candidate(model, layout, rng, self.n_ei_candidates)


def _failures(
    unit: FloatArray,
    below: IntArray,
    above: IntArray,
    failed: IntArray,
    ages: FloatArray,
    layout: Layout,
    n_seen: FloatArray,
) -> Failures | None:
    """Where trials completed and where they failed, at two scales; None when none failed.

    ``ages`` weighs the rows of ``above`` and then ``failed``. At the first
    scale kernels are as wide as TPE's own, so failures that cluster mark a
    region; at the second they are as narrow as the spacing among all finished
    trials allows, so a configuration that failed between two that completed
    is told apart from them and not proposed again.
    """
    if not len(failed):
        return None
    finished = np.concatenate([below, above, failed])
    n_completed = len(below) + len(above)
    completed_weights = np.concatenate([np.ones(len(below)), ages[: len(above)]])
    failed_weights = ages[len(above) :]
    completed: list[ParzenEstimator] = []
    failing: list[ParzenEstimator] = []
    for widths in (
        kernel_bandwidths(unit[finished], layout, n_seen),
        classifier_bandwidths(unit[finished], layout, n_seen),
    ):
        completed.append(
            fit_parzen(
                unit[finished[:n_completed]],
                completed_weights,
                layout,
                n_seen=n_seen,
                bandwidths=widths[:n_completed],
            )
        )
        failing.append(
            fit_parzen(
                unit[failed],
                failed_weights,
                layout,
                n_seen=n_seen,
                bandwidths=widths[n_completed:],
            )
        )
    return Failures(
        completed=tuple(completed),
        failed=tuple(failing),
        completed_weight=float(completed_weights.sum()) + PRIOR_WEIGHT,
        failed_weight=float(failed_weights.sum()) + PRIOR_WEIGHT,
    )


def _branching(
    snapshot: HistorySnapshot, space: Mapping[str, Distribution]
) -> npt.NDArray[np.bool_]:
    """Which hyperparameters of ``space`` choose between branches of the study's space."""
    branching = np.zeros(len(space), dtype=np.bool_)
    categorical = [isinstance(distribution, Categorical) for distribution in space.values()]
    if not any(categorical) or len(snapshot.completed_space()) == len(snapshot.columns):
        return branching  # nothing to choose between, or a space without branches
    structured = snapshot.mask(TrialState.COMPLETE, TrialState.PRUNED)
    everything = dict(sorted(snapshot.distributions.items()))
    found = dict(
        zip(
            everything,
            branching_columns(
                snapshot.unit_matrix(everything)[structured], layout_of(everything.values())
            ),
            strict=True,
        )
    )
    for index, name in enumerate(space):
        branching[index] = categorical[index] and found.get(name, False)
    return branching


def _n_finished(states: IntArray) -> int:
    return int(((states == _COMPLETE) | (states == _PRUNED) | (states == _FAIL)).sum())


def _used_rows(unit: FloatArray, rows: IntArray) -> IntArray:
    """The rows that used at least one of the columns: the others tell nothing here."""
    used = ~np.all(np.isnan(unit[rows]), axis=1)
    return np.asarray(rows[used], dtype=np.int64)
