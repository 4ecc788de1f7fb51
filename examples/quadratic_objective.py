"""The objective function of quadratic.yaml: a bowl, or a valley whose floor is tuned too.

``tunesmith run`` imports this module with the config's folder on sys.path and
calls ``objective(trial)`` after suggesting the config's space (``x``,
``shape``). ``depth`` exists only when the shape is a valley: a conditional
hyperparameter, suggested here because a YAML space cannot express it.
"""

from tunesmith import Trial


def objective(trial: Trial) -> float:
    x = trial.params["x"]
    if trial.params["shape"] == "bowl":
        return (x - 2.0) ** 2
    depth = trial.suggest_float("depth", 0.0, 5.0)
    return (x + 1.0) ** 2 / 4.0 - depth
