"""Seeds: the same seed and the same results give the same trials, in any process or thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import numpy as np

from tunesmith import Trial, create_study
from tunesmith.seeding import Seed

# A fresh interpreter runs this, with another hash seed; its objective is `conditional` below.
PROGRAM = """
import json
import tunesmith

def objective(trial):
    kernel = trial.suggest_categorical("kernel", ["rbf", "linear", None])
    if kernel == "rbf":
        trial.suggest_float("gamma", 1e-4, 10.0, log=True)
    return trial.suggest_float("C", 0.1, 10.0) + trial.suggest_int("depth", 1, 8)

study = tunesmith.create_study(seed=42)
study.optimize(objective, n_trials=20)
print(json.dumps([dict(t.params) for t in study.trials]))
"""


def conditional(trial: Trial) -> float:
    kernel = trial.suggest_categorical("kernel", ["rbf", "linear", None])
    if kernel == "rbf":
        trial.suggest_float("gamma", 1e-4, 10.0, log=True)
    time.sleep(0.001)
    return trial.suggest_float("C", 0.1, 10.0) + trial.suggest_int("depth", 1, 8)


def params(seed: Seed, n_jobs: int = 1, sampler: str = "auto") -> list[dict[str, Any]]:
    study = create_study(sampler=sampler, seed=seed)
    study.optimize(conditional, n_trials=20, n_jobs=n_jobs)
    return [dict(t.params) for t in study.trials]


def test_the_same_seed_gives_the_same_trials_in_another_process() -> None:
    environment = {**os.environ, "PYTHONHASHSEED": "77"}
    child = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, env=environment, check=False
    )
    assert child.returncode == 0, child.stderr.decode()
    assert json.loads(child.stdout) == json.loads(json.dumps(params(42)))


def test_the_same_seed_gives_the_same_trials() -> None:
    assert params(7) == params(7)
    assert params(7) != params(8)
    assert params(None) != params(None)


def test_a_generator_seed_is_reproducible() -> None:
    assert params(np.random.default_rng(5)) == params(np.random.default_rng(5))


def test_threads_give_each_trial_number_the_same_hyperparameters() -> None:
    for sampler in ("random", "qmc"):
        assert params(3, n_jobs=4, sampler=sampler) == params(3, sampler=sampler)
