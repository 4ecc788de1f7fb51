"""Small data and the pruners to try, shared by the LightGBM, XGBoost and Keras pruning tests."""

from __future__ import annotations

from typing import Any

from sklearn.datasets import load_breast_cancer

import tunesmith
from tunesmith.pruners import PRUNER_CLASSES, Pruner

X, Y = load_breast_cancer(return_X_y=True)  # 569 samples, 30 features, 2 classes
TRAIN, VALID = slice(0, 400), slice(400, None)
ROUNDS = 12

# Six good learning rates, then four so small that the trials barely learn: a pruner that
# compares trials must stop some of these.
RATES = (0.3, 0.2, 0.3, 0.25, 0.3, 0.2, 0.001, 0.001, 0.002, 0.001)

PRUNER_ARGUMENTS: dict[str, dict[str, Any]] = {
    "none": {},
    "median": {"n_startup_trials": 3},
    "percentile": {"percentile": 40.0, "n_startup_trials": 3},
    "threshold": {"upper": 0.6},
    "patient": {"patience": 2},
    "successive_halving": {},
    "hyperband": {"max_resource": ROUNDS},
}
"""Each registered pruner (every one is listed, so a new pruner fails until it is added)."""

PRUNING_PRUNERS = ("median", "percentile", "threshold", "successive_halving", "hyperband")
"""The pruners that must stop some of the poor trials above (patient only stops a stall)."""


def every_pruner() -> list[tuple[str, Pruner]]:
    assert set(PRUNER_ARGUMENTS) == set(PRUNER_CLASSES)
    return [(name, PRUNER_CLASSES[name](**PRUNER_ARGUMENTS[name])) for name in PRUNER_ARGUMENTS]


def assert_reported_and_pruned_as_expected(study: tunesmith.Study, name: str, n_steps: int) -> None:
    """Every trial reported steps 1, 2, ...: all ``n_steps`` when complete, fewer when pruned;
    a pruner that compares trials pruned some, and "none" pruned none."""
    pruned = [t for t in study.trials if t.state is tunesmith.TrialState.PRUNED]
    for trial in study.trials:
        steps = sorted(trial.intermediate_values)
        assert steps == list(range(1, len(steps) + 1))
        finished = trial.state is tunesmith.TrialState.COMPLETE
        assert (len(steps) == n_steps) if finished else (len(steps) < n_steps)
    if name in PRUNING_PRUNERS:
        assert pruned
    if name == "none":
        assert not pruned
