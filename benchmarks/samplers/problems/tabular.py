"""Tabulated tuning tasks: real models on real data, scored once on every configuration.

These are the landscapes users meet: 7 to 8 hyperparameters, most of them choices
(an activation, a solver, a learning rate from a short list) or integers with a few
values, and scores that are rugged and flat in places (a diverging solver, trees too
shallow to tell classes apart). Each task's space is finite, so its 3-fold log loss
was computed once on the whole grid (``python -m benchmarks.samplers.problems.tabulate``)
and committed in ``grids/``: a benchmark run costs a lookup, and the optimum is known
exactly. ``conditional_mlp_wine`` is a conditional space: the second layer's width
exists only when the network has two layers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sklearn.ensemble import RandomForestClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from benchmarks.samplers.problems.base import (
    CategoricalParam,
    IntParam,
    Params,
    Problem,
    Space,
    iter_params,
)
from benchmarks.samplers.problems.grid import GridKey, grid_key, grid_points, param_values
from benchmarks.samplers.problems.sklearn_tasks import cv_loss

__all__ = [
    "GRID_DIRECTORY",
    "TABULAR_PROBLEMS",
    "TABULAR_TASKS",
    "TabularTask",
    "evaluate",
    "load_table",
    "write_table",
]

GRID_DIRECTORY = Path(__file__).parent / "grids"

_LEARNING_RATES = (1e-3, 1e-2, 1e-1)
_ALPHAS = (1e-4, 1e-2, 1.0)


@dataclass(frozen=True)
class TabularTask:
    """A model on a dataset over a finite space; ``model(params)`` returns its 3-fold loss."""

    name: str
    description: str
    space: Space
    model: Callable[[Params], float]

    @property
    def path(self) -> Path:
        return GRID_DIRECTORY / f"{self.name}.json"


def _mlp(params: Params, hidden_layer_sizes: tuple[int, ...]) -> MLPClassifier:
    return MLPClassifier(
        hidden_layer_sizes=hidden_layer_sizes,
        activation=params["activation"],
        solver=params.get("solver", "adam"),
        alpha=params["alpha"],
        batch_size=params["batch_size"],
        learning_rate_init=params["learning_rate_init"],
        max_iter=20,
        random_state=0,
    )


def mlp_wine(params: Params) -> float:
    scaler = StandardScaler() if params["scaler"] == "standard" else MinMaxScaler()
    model = make_pipeline(scaler, _mlp(params, (2 ** params["log2_hidden_units"],)))
    return cv_loss(model, "wine", "neg_log_loss", classification=True)


def random_forest_breast_cancer(params: Params) -> float:
    model = RandomForestClassifier(
        n_estimators=params["n_estimators"],
        criterion=params["criterion"],
        max_depth=params["max_depth"],
        max_features=params["max_features"],
        min_samples_leaf=params["min_samples_leaf"],
        bootstrap=params["bootstrap"],
        class_weight=params["class_weight"],
        random_state=0,
    )
    return cv_loss(model, "breast_cancer", "neg_log_loss", classification=True)


def conditional_mlp_wine(params: Params) -> float:
    widths = (params["width1"],) + ((params["width2"],) if params["n_layers"] == 2 else ())
    model = make_pipeline(StandardScaler(), _mlp(params, widths))
    return cv_loss(model, "wine", "neg_log_loss", classification=True)


TABULAR_TASKS: tuple[TabularTask, ...] = (
    TabularTask(
        name="mlp_wine_grid",
        description="MLPClassifier on wine, 864 configurations; log loss",
        space={
            "activation": CategoricalParam(("relu", "tanh", "logistic")),
            "solver": CategoricalParam(("adam", "sgd")),
            "learning_rate_init": CategoricalParam(_LEARNING_RATES),
            "alpha": CategoricalParam(_ALPHAS),
            "batch_size": CategoricalParam((16, 64)),
            "scaler": CategoricalParam(("standard", "minmax")),
            "log2_hidden_units": IntParam(3, 6),
        },
        model=mlp_wine,
    ),
    TabularTask(
        name="random_forest_grid",
        description="RandomForestClassifier on breast_cancer, 648 configurations; log loss",
        space={
            "n_estimators": CategoricalParam((4, 8, 16)),
            "criterion": CategoricalParam(("gini", "entropy")),
            "max_depth": CategoricalParam((2, 4, None)),
            "max_features": CategoricalParam(("sqrt", 0.5, 1.0)),
            "min_samples_leaf": CategoricalParam((1, 4, 16)),
            "bootstrap": CategoricalParam((True, False)),
            "class_weight": CategoricalParam((None, "balanced")),
        },
        model=random_forest_breast_cancer,
    ),
    TabularTask(
        name="conditional_mlp_grid",
        description="MLPClassifier on wine, 1 or 2 layers (width2 if 2), 432 configs; log loss",
        space={
            "width1": CategoricalParam((8, 32, 128)),
            "n_layers": CategoricalParam(
                (1, 2), branches={2: {"width2": CategoricalParam((8, 32, 128))}}
            ),
            "activation": CategoricalParam(("relu", "tanh")),
            "learning_rate_init": CategoricalParam(_LEARNING_RATES),
            "alpha": CategoricalParam(_ALPHAS),
            "batch_size": CategoricalParam((16, 64)),
        },
        model=conditional_mlp_wine,
    ),
)

_TASKS = {task.name: task for task in TABULAR_TASKS}


def evaluate(task_name: str, params: Params) -> tuple[GridKey, float]:
    """One configuration's key and loss; a diverged model (NaN or infinite) scores infinity.

    Top-level, so that worker processes can run it.
    """
    task = _TASKS[task_name]
    loss = task.model(params)
    return grid_key(task.space, params), loss if math.isfinite(loss) else math.inf


def _hyperparameters(space: Space) -> dict[str, list[object]]:
    return {name: list(param_values(name, param)) for name, param in iter_params(space)}


def write_table(task: TabularTask, table: dict[GridKey, float]) -> None:
    """Write ``table`` (every configuration's loss) to ``task.path``."""
    rows = [[*key, value] for key, value in sorted(table.items())]
    document = {"task": task.name, "hyperparameters": _hyperparameters(task.space), "rows": rows}
    task.path.parent.mkdir(parents=True, exist_ok=True)
    # One row a line: small diffs when a task is recomputed.
    body = ",\n".join(json.dumps(row) for row in rows)
    header = json.dumps({k: v for k, v in document.items() if k != "rows"})[:-1]
    task.path.write_text(f'{header}, "rows": [\n{body}\n]}}\n')


def load_table(task: TabularTask) -> dict[GridKey, float]:
    """The committed losses of ``task``, checked against its space.

    Raises:
        ValueError: the file was made for another space, or misses configurations.
    """
    document = json.loads(task.path.read_text())
    if document["hyperparameters"] != _hyperparameters(task.space):
        raise ValueError(
            f"{task.path} was tabulated for another space; run "
            "python -m benchmarks.samplers.problems.tabulate to make it again."
        )
    table = {tuple(row[:-1]): float(row[-1]) for row in document["rows"]}
    expected = {grid_key(task.space, params) for params in grid_points(task.space)}
    if set(table) != expected:
        raise ValueError(
            f"{task.path} holds {len(table)} configurations, not the {len(expected)} of the "
            "space; run python -m benchmarks.samplers.problems.tabulate to make it again."
        )
    return table


def _problem(task: TabularTask) -> Problem:
    table = load_table(task)
    best = min(table.values())
    optimum_params = next(
        p for p in grid_points(task.space) if table[grid_key(task.space, p)] == best
    )
    return Problem(
        name=task.name,
        kind="tabular",
        space=task.space,
        function=lambda params: table[grid_key(task.space, params)],
        description=task.description,
        optimum=best,
        optimum_params=optimum_params,
    )


def _available_problems() -> tuple[Problem, ...]:
    # Before the first tabulation there is nothing to look up; the other groups still run.
    return tuple(_problem(task) for task in TABULAR_TASKS if task.path.exists())


TABULAR_PROBLEMS: tuple[Problem, ...] = _available_problems()
