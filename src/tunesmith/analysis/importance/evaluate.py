"""``importance(study)``: which hyperparameters the objective depends on, from the history arrays.

The study's history gives the trials as arrays (``X`` in internal form with NaN
for a hyperparameter a trial did not use, ``Y`` with every objective turned
into "minimise"); this module picks the rows and columns asked for, maps them
to [0, 1] and hands them to the pure math of ``_fanova``/``_forest`` or
``_ped_anova``. A conditional hyperparameter is measured on the rows that used
it: the hyperparameters sharing one set of rows are analysed together.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tunesmith.analysis.importance._fanova import main_effect_shares
from tunesmith.analysis.importance._forest import grow_forest
from tunesmith.analysis.importance._ped_anova import pearson_divergences
from tunesmith.analysis.importance.result import Importance
from tunesmith.analysis.targets import target_index
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.seeding import Seed, resolve_entropy, stream
from tunesmith.space import Categorical
from tunesmith.study import StudyBase
from tunesmith.trial import TrialState

__all__ = ["METHODS", "N_TREES", "importance"]

METHODS = ("fanova", "ped_anova")
N_TREES = 32
_OWNER = "importance"
FloatArray = npt.NDArray[np.float64]


def _scored_rows(
    study: StudyBase, target: int, include_pruned: bool
) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """The rows analysed and their target values ("minimise" form)."""
    history = study.history
    values = history.Y[:, target].copy()
    states = [TrialState.COMPLETE]
    if include_pruned:
        states.append(TrialState.PRUNED)
        if target == 0 and history.steps.size:
            # A pruned trial without a value is scored by the last value it reported.
            minimised = history.intermediate_minimised
            reported = ~np.isnan(minimised)
            last = reported.shape[1] - 1 - np.argmax(reported[:, ::-1], axis=1)
            fallback = np.where(reported.any(axis=1), minimised[np.arange(len(last)), last], np.nan)
            values = np.where(np.isnan(values), fallback[: len(values)], values)
    rows = np.flatnonzero(history.mask(*states) & np.isfinite(values))
    return rows, values[rows]


def _names(study: StudyBase, params: Sequence[str] | None) -> list[str]:
    known = study.history.param_names
    if params is None:
        return sorted(known)
    unknown = [name for name in params if name not in known]
    if isinstance(params, str) or unknown or not params:
        raise InvalidArgumentError(
            f"The 'params' argument of {_OWNER} must be None or a non-empty list of "
            f"hyperparameters of the study, among {sorted(known)}; got {params!r}."
        )
    return list(dict.fromkeys(params))


def importance(
    study: StudyBase,
    *,
    method: str = "fanova",
    target: int | str | None = None,
    params: Sequence[str] | None = None,
    seed: Seed = None,
    include_pruned: bool = False,
) -> Importance:
    """Each hyperparameter's share of the variance of an objective over the study's trials.

    Args:
        study: a study, running or finished, from any storage.
        method: ``"fanova"`` (a random forest fitted on the trials, its variance
            split into each hyperparameter's main effect; Hutter et al., 2014)
            or ``"ped_anova"`` (how differently the best 10% of the trials are
            spread than all of them; Watanabe et al., 2023: no model, fast at
            10,000s of trials).
        target: the objective, by index or metric name; needed when the study
            has several.
        params: the hyperparameters to measure; all of them when None.
        seed: the forest's random stream (fANOVA only).
        include_pruned: also read pruned trials, each scored by its value or
            else by the last intermediate value it reported.

    Returns:
        An ``Importance``: shares largest first, and how many trials used each
        hyperparameter (a conditional one is measured on those trials).

    Raises:
        InvalidArgumentError: an unknown method, target or hyperparameter, or
            fewer than 2 trials to read.

    >>> import tunesmith
    >>> study = tunesmith.create_study(sampler="random", seed=0)
    >>> study.optimize(lambda t: t.suggest_float("x", -1, 1) ** 2 + 0.01 * t.suggest_float("y", -1, 1), n_trials=100)
    >>> tunesmith.importance(study, seed=0).ranking()
    ['x', 'y']
    """  # noqa: E501 - a doctest line
    if method not in METHODS:
        raise InvalidArgumentError(
            f"The 'method' argument of {_OWNER} must be one of {list(METHODS)}; got {method!r}."
        )
    study.history.refresh()
    index = target_index(study, target, _OWNER)
    names = _names(study, params)
    rows, y = _scored_rows(study, index, include_pruned)
    if len(rows) < 2 or not names:
        raise InvalidArgumentError(
            f"The 'study' argument of {_OWNER} must have at least 2 trials with a value "
            f"for objective {index} and a hyperparameter; got {len(rows)}. Run more trials first."
        )
    history = study.history
    distributions = history.distributions
    unit = np.column_stack(
        [distributions[name].to_unit(history.X[rows, history.column_of(name)]) for name in names]
    )
    used = ~np.isnan(unit)
    rng = stream(resolve_entropy(seed, _OWNER))
    shares: dict[str, float] = {}
    # One analysis per set of rows: the hyperparameters every analysed trial used come first.
    for pattern in sorted({used[:, j].tobytes() for j in range(len(names))}, key=lambda p: -sum(p)):
        members = [j for j in range(len(names)) if used[:, j].tobytes() == pattern]
        pattern_rows = used[:, members[0]]
        columns = [j for j in range(len(names)) if used[pattern_rows, j].all()]
        x, target_values = (
            unit[np.ix_(pattern_rows, np.array(columns, dtype=np.int64))],
            y[pattern_rows],
        )
        if len(target_values) < 2:
            scores = np.zeros(len(columns))
        elif method == "fanova":
            leaves = grow_forest(x, target_values, n_trees=N_TREES, rng=rng)
            scores = main_effect_shares(leaves, N_TREES)
        else:
            choices = [
                d.n_values if isinstance(d := distributions[names[j]], Categorical) else None
                for j in columns
            ]
            divergences = pearson_divergences(x, target_values, choices)
            total = divergences.sum()
            scores = divergences / total if total > 0.0 else divergences
        for j in members:
            shares[names[j]] = float(scores[columns.index(j)])
    ranked = sorted(shares, key=lambda name: (-shares[name], name))
    return Importance(
        method=method,
        target=index,
        shares={name: shares[name] for name in ranked},
        n_trials=len(rows),
        n_trials_used={name: int(used[:, names.index(name)].sum()) for name in ranked},
    )
