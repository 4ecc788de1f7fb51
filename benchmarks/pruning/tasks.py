"""The training tasks: models trained epoch by epoch with ``partial_fit``, scored on held-out data.

Each task suggests its hyperparameters through the methods tunesmith and
Optuna trials share (``suggest_float``, ``suggest_int``,
``suggest_categorical``), so both libraries search one space.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from sklearn.datasets import load_digits, make_classification
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

__all__ = ["TASKS", "Data", "SuggestingTrial", "Task", "train"]


class SuggestingTrial(Protocol):
    """What tunesmith's and Optuna's trials both offer."""

    def suggest_float(self, name: str, low: float, high: float, *, log: bool = ...) -> float: ...

    def suggest_int(self, name: str, low: int, high: int, *, log: bool = ...) -> int: ...

    def suggest_categorical(self, name: str, choices: Any) -> Any: ...


@dataclass(frozen=True)
class Data:
    """A fixed train / validation split."""

    x_train: npt.NDArray[np.float64]
    y_train: npt.NDArray[np.int64]
    x_valid: npt.NDArray[np.float64]
    y_valid: npt.NDArray[np.int64]


class Model(Protocol):
    def partial_fit(self, x: Any, y: Any, classes: Any = ...) -> Any: ...

    def score(self, x: Any, y: Any) -> float: ...


@dataclass(frozen=True)
class Task:
    """One tuning problem.

    Attributes:
        name: shown in the table.
        n_epochs: a full run's length; each epoch is one step.
        accuracy_floor: the validation accuracy below which the benchmark's
            ThresholdPruner stops a trial (after its warm-up): clearly useless.
        load: builds the data; ``quick`` makes it small.
        suggest: the hyperparameters of one trial.
        build: the model for those hyperparameters and a random state.
    """

    name: str
    n_epochs: int
    accuracy_floor: float
    load: Callable[[bool], Data]
    suggest: Callable[[SuggestingTrial], dict[str, Any]]
    build: Callable[[dict[str, Any], int], Model]


def _split(x: npt.NDArray[np.float64], y: npt.NDArray[np.int64], valid: float) -> Data:
    x_train, x_valid, y_train, y_valid = train_test_split(
        x, y, test_size=valid, random_state=0, stratify=y
    )
    return Data(x_train, y_train, x_valid, y_valid)


def _load_digits(quick: bool) -> Data:
    x, y = load_digits(return_X_y=True)
    if quick:
        x, y = x[:300], y[:300]
    return _split(x / 16.0, y, valid=0.3)


def _suggest_mlp(trial: SuggestingTrial) -> dict[str, Any]:
    # Plain SGD with a wide learning-rate range: many configurations learn too
    # slowly or not at all, which is what pruning is for.
    return {
        "learning_rate_init": trial.suggest_float("learning_rate_init", 1e-4, 1.0, log=True),
        "momentum": trial.suggest_float("momentum", 0.0, 0.99),
        "hidden_units": trial.suggest_int("hidden_units", 8, 128, log=True),
        "alpha": trial.suggest_float("alpha", 1e-6, 1e-1, log=True),
        "batch_size": trial.suggest_categorical("batch_size", [32, 64, 128, 256]),
    }


def _build_mlp(params: dict[str, Any], random_state: int) -> Model:
    return MLPClassifier(
        hidden_layer_sizes=(params["hidden_units"],),
        solver="sgd",
        learning_rate_init=params["learning_rate_init"],
        momentum=params["momentum"],
        alpha=params["alpha"],
        batch_size=params["batch_size"],
        random_state=random_state,
    )


def _load_generated(quick: bool) -> Data:
    x, y = make_classification(
        n_samples=1_000 if quick else 20_000,
        n_features=40,
        n_informative=20,
        n_redundant=10,
        flip_y=0.05,
        class_sep=0.8,
        random_state=0,
    )
    data = _split(x, y, valid=0.25)
    scaler = StandardScaler().fit(data.x_train)
    return Data(
        scaler.transform(data.x_train), data.y_train, scaler.transform(data.x_valid), data.y_valid
    )


def _suggest_sgd(trial: SuggestingTrial) -> dict[str, Any]:
    return {
        "loss": trial.suggest_categorical("loss", ["hinge", "log_loss", "modified_huber"]),
        "alpha": trial.suggest_float("alpha", 1e-7, 1e-1, log=True),
        "learning_rate": trial.suggest_categorical(
            "learning_rate", ["constant", "optimal", "invscaling", "adaptive"]
        ),
        "eta0": trial.suggest_float("eta0", 1e-5, 1.0, log=True),
        "average": trial.suggest_categorical("average", [False, True]),
    }


def _build_sgd(params: dict[str, Any], random_state: int) -> Model:
    return SGDClassifier(random_state=random_state, **params)


TASKS: dict[str, Task] = {
    "mlp_digits": Task(
        name="mlp_digits",
        n_epochs=30,
        accuracy_floor=0.5,
        load=_load_digits,
        suggest=_suggest_mlp,
        build=_build_mlp,
    ),
    "sgd_generated": Task(
        name="sgd_generated",
        n_epochs=30,
        accuracy_floor=0.6,
        load=_load_generated,
        suggest=_suggest_sgd,
        build=_build_sgd,
    ),
}


def train(
    task: Task,
    data: Data,
    params: dict[str, Any],
    random_state: int,
    n_epochs: int,
    after_epoch: Callable[[int, float], bool],
) -> float:
    """Train for up to ``n_epochs``; ``after_epoch(epoch, accuracy)`` returns True to stop.

    Returns the validation accuracy of the last epoch trained.
    """
    model = task.build(params, random_state)
    classes = np.unique(data.y_train)
    accuracy = 0.0
    for epoch in range(1, n_epochs + 1):
        with warnings.catch_warnings():
            # Diverging learning rates overflow; the accuracy shows it.
            warnings.simplefilter("ignore")
            model.partial_fit(data.x_train, data.y_train, classes=classes)
            accuracy = float(model.score(data.x_valid, data.y_valid))
        if after_epoch(epoch, accuracy):
            break
    return accuracy
