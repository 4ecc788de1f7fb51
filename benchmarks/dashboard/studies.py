"""Studies for the dashboard benchmark, written straight into a storage: thousands in seconds.

Each trial is stored whole (``Storage.create_trial`` with a template record),
as ``copy_study`` stores them, rather than run through an objective: the
benchmark measures the dashboard, not the sampler.
"""

from __future__ import annotations

import datetime

import numpy as np

import tunesmith
from tunesmith import Categorical, Float, FrozenTrial, TrialState
from tunesmith.storage import Storage

DISTRIBUTIONS = {
    "x": Float(-5.0, 5.0),
    "lr": Float(1e-4, 1.0, log=True),
    "kernel": Categorical(("rbf", "linear", "poly")),
}
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _record(rng: np.random.Generator, number: int, n_steps: int) -> FrozenTrial:
    """Trial ``number``: a random point, its value, 5% pruned and 2% failed."""
    x, log_lr = rng.uniform(-5.0, 5.0), rng.uniform(-4.0, 0.0)
    kernel = str(rng.choice(["rbf", "linear", "poly"]))
    value = x * x + (log_lr + 2.0) ** 2 + (0.5 if kernel == "poly" else 0.0) + rng.normal(0, 0.1)
    draw = rng.uniform()
    state = TrialState.PRUNED if draw < 0.05 else TrialState.FAIL if draw < 0.07 else None
    # A pruned trial stopped halfway; a failed one reported nothing.
    reported = n_steps // 2 if state is TrialState.PRUNED else 0 if state else n_steps
    steps = {step: value + 2.0 / (step + 1) for step in range(reported)}
    started = START + datetime.timedelta(seconds=2 * number)
    return FrozenTrial(
        number=number,
        trial_id=0,
        state=state or TrialState.COMPLETE,
        values=None if state else (value,),
        params={"x": x, "lr": 10.0**log_lr, "kernel": kernel},
        distributions=DISTRIBUTIONS,
        intermediate_values=steps,
        user_attrs={},
        system_attrs={"fail_reason": "ValueError: diverged"} if state is TrialState.FAIL else {},
        datetime_start=started,
        datetime_complete=started + datetime.timedelta(seconds=1.5),
    )


def add_trials(
    storage: Storage, study_name: str, n_trials: int, *, seed: int = 0, n_steps: int = 0
) -> None:
    """Store ``n_trials`` more finished trials in the study (created, minimising, if missing)."""
    study = tunesmith.create_study(study_name=study_name, storage=storage, load_if_exists=True)
    first = len(storage.get_all_trials(study.study_id))
    rng = np.random.default_rng([seed, first])
    for number in range(first, first + n_trials):
        storage.create_trial(study.study_id, template=_record(rng, number, n_steps))
