"""The study the dashboard tests look at, and a script that adds trials to it from another process.

``python dashboard_studies.py URL N`` runs N more trials of the study ``demo``
in the storage at URL (creating it if needed), as a worker would while the
dashboard is open.
"""

from __future__ import annotations

import math
import sys

import tunesmith

STUDY_NAME = "demo"


def objective(trial: tunesmith.Trial) -> float:
    """A conditional space ('svm' uses a log C, 'tree' a depth); some trials prune, some fail."""
    model = trial.suggest_categorical("model", ["svm", "tree"])
    if model == "svm":
        c = trial.suggest_float("C", 1e-3, 1e3, log=True)
        value = abs(math.log10(c))
    else:
        depth = trial.suggest_int("depth", 1, 10)
        value = abs(depth - 4) / 2
    for step in range(3):
        trial.report(value + 1.0 / (step + 1), step=step)
    if trial.number % 7 == 3:
        raise tunesmith.TrialPruned()
    if trial.number % 11 == 5:
        raise RuntimeError("a crash")
    return value


def run_trials(url: str, n_trials: int, seed: int = 0) -> tunesmith.Study:
    """Run ``n_trials`` more trials of ``demo`` in the storage at ``url``; the study."""
    study = tunesmith.create_study(
        study_name=STUDY_NAME, storage=url, sampler="random", seed=seed, load_if_exists=True
    )
    study.optimize(objective, n_trials=n_trials, catch=(RuntimeError,))
    return study


if __name__ == "__main__":
    run_trials(sys.argv[1], int(sys.argv[2]), seed=int(sys.argv[3]) if len(sys.argv) > 3 else 1)
