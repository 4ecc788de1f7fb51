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
    """Best near C = 1; 'poly' also draws a depth, which costs. Some trials prune, some crash."""
    kernel = trial.suggest_categorical("kernel", ["rbf", "poly"])
    loss = abs(math.log10(trial.suggest_float("C", 1e-3, 1e3, log=True)))
    if kernel == "poly":
        loss += 0.1 * trial.suggest_int("depth", 1, 10)
    for step in range(3):
        trial.report(loss * (1.0 + 1.0 / (step + 1)), step=step)
        if step == 1 and trial.number % 7 == 3:
            raise tunesmith.TrialPruned()
    if trial.number % 11 == 5:
        raise RuntimeError("a crash")
    return loss


def run_trials(url: str, n_trials: int, seed: int = 0) -> tunesmith.Study:
    """Run ``n_trials`` more trials of ``demo`` in the storage at ``url``; the study."""
    study = tunesmith.create_study(
        study_name=STUDY_NAME, storage=url, sampler="random", seed=seed, load_if_exists=True
    )
    study.optimize(objective, n_trials=n_trials, catch=(RuntimeError,))
    return study


if __name__ == "__main__":
    run_trials(sys.argv[1], int(sys.argv[2]), seed=int(sys.argv[3]) if len(sys.argv) > 3 else 1)
