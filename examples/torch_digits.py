"""A PyTorch MLP on the digits, tuned for accuracy and for size at once.

    python examples/torch_digits.py              # 30 trials, a minute or two on 2 cores
    python examples/torch_digits.py --trials 60 --tolerance 0.005

Each trial builds an MLP from its hyperparameters (learning rate, batch size,
hidden layers, width, dropout, weight decay, epochs), trains it with
``train_classifier`` on three quarters of scikit-learn's digits and returns
two objectives: the accuracy on the last quarter (maximised) and the number of
parameters the network learned, counted by ``tunesmith.inspect`` (minimised).
The ``auto`` sampler searches with NSGA-II for two objectives. The script
prints the Pareto front and the smallest model whose accuracy is within a
tolerance of the best one.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import tunesmith
from tunesmith.integrations.torch import train_classifier


class DigitsSplit(NamedTuple):
    """The digits' 8x8 images as 64 features in [0, 1], split for training and validation."""

    x_train: npt.NDArray[np.float64]
    x_val: npt.NDArray[np.float64]
    y_train: npt.NDArray[np.int64]
    y_val: npt.NDArray[np.int64]


def load_digits_split(seed: int = 0) -> DigitsSplit:
    """Three quarters of the digits to train on, a quarter to validate, stratified by class."""
    images, labels = load_digits(return_X_y=True)
    parts = train_test_split(
        images / 16.0, labels, test_size=0.25, random_state=seed, stratify=labels
    )
    return DigitsSplit(*parts)


def build_mlp(
    n_inputs: int, n_classes: int, n_hidden_layers: int, width: int, dropout: float
) -> torch.nn.Sequential:
    """An MLP: ``n_hidden_layers`` of ``width`` ReLU units, each followed by dropout."""
    layers: list[torch.nn.Module] = []
    for layer in range(n_hidden_layers):
        layers += [
            torch.nn.Linear(n_inputs if layer == 0 else width, width),
            torch.nn.ReLU(),
            torch.nn.Dropout(dropout),
        ]
    layers.append(torch.nn.Linear(width if n_hidden_layers else n_inputs, n_classes))
    return torch.nn.Sequential(*layers)


def suggest_mlp(trial: tunesmith.Trial) -> torch.nn.Sequential:
    """The MLP of the trial's architecture, for the digits' 64 inputs and 10 classes."""
    n_hidden_layers = trial.suggest_int("n_hidden_layers", 1, 3)
    width = trial.suggest_int("width", 4, 256, log=True)
    dropout = trial.suggest_float("dropout", 0.0, 0.5)
    # Seeded by the trial number, so that a trial's initial weights do not depend on
    # which trials ran before it.
    torch.manual_seed(trial.number)
    return build_mlp(64, 10, n_hidden_layers, width, dropout)


def make_objective(data: DigitsSplit) -> Callable[[tunesmith.Trial], tuple[float, int]]:
    """The objective: (validation accuracy, number of parameters) of one trial's MLP."""

    def objective(trial: tunesmith.Trial) -> tuple[float, int]:
        model = suggest_mlp(trial)
        result = train_classifier(
            model,
            data.x_train,
            data.y_train,
            data.x_val,
            data.y_val,
            epochs=trial.suggest_int("epochs", 5, 20),
            learning_rate=trial.suggest_float("learning_rate", 1e-4, 1e-1, log=True),
            batch_size=int(trial.suggest_categorical("batch_size", [32, 64, 128])),
            weight_decay=trial.suggest_float("weight_decay", 1e-6, 1e-1, log=True),
            seed=trial.number,
        )
        return result.final_accuracy, tunesmith.inspect(model).n_parameters

    return objective


def tune(n_trials: int, seed: int = 0) -> tunesmith.Study:
    """Run the two-objective study on the digits and return it."""
    study = tunesmith.create_study(directions=["maximize", "minimize"], sampler="auto", seed=seed)
    study.optimize(make_objective(load_digits_split(seed)), n_trials=n_trials)
    return study


def pareto_table(study: tunesmith.Study) -> list[str]:
    """The Pareto front as text lines, the smallest model first."""
    columns = ["n_hidden_layers", "width", "dropout", "learning_rate", "batch_size", "epochs"]
    header = f"{'trial':>5}  {'accuracy':>8}  {'parameters':>10}  " + "  ".join(
        f"{name:>{len(name)}}" for name in columns
    )
    lines = [header]
    for trial in sorted(study.best_trials, key=lambda t: (t.values[1], t.number)):
        shown = "  ".join(f"{short_value(trial.params[name]):>{len(name)}}" for name in columns)
        accuracy, size = trial.values
        lines.append(f"{trial.number:>5}  {accuracy:>8.4f}  {int(size):>10,}  {shown}")
    return lines


def selection_lines(study: tunesmith.Study, tolerance: float) -> list[str]:
    """The most accurate trial, and the smallest one within ``tolerance`` of its accuracy."""
    rule = f"smallest_within:{tolerance:g}"
    small = study.select(rule)
    best = max(study.best_trials, key=lambda t: (t.values[0], -t.values[1]))
    lines = [
        f"Most accurate: trial {best.number}, accuracy {best.values[0]:.4f} "
        f"with {int(best.values[1]):,} parameters.",
        f"Selected by {rule}: trial {small.number}, accuracy {small.values[0]:.4f} "
        f"with {int(small.values[1]):,} parameters.",
    ]
    if small.number == best.number:
        lines.append(f"No smaller model scores within {tolerance:g} of the best accuracy.")
    else:
        ratio = best.values[1] / small.values[1]
        lines.append(
            f"A model {ratio:.1f}x smaller scores within {tolerance:g} of the best accuracy "
            f"({small.values[0] - best.values[0]:+.4f})."
        )
    return lines


def short_value(value: object) -> str:
    """A hyperparameter's value for a one-line summary: floats to 3 significant digits."""
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments, tune, and print the front and the selected model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--trials", type=int, default=30, help="trials to run (default 30)")
    parser.add_argument("--seed", type=int, default=0, help="the study's seed (default 0)")
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.01,
        help="accuracy a smaller model may lose against the best (default 0.01)",
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="PyTorch threads (default 1: small nets)"
    )
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)

    started = time.perf_counter()
    study = tune(args.trials, args.seed)
    elapsed = time.perf_counter() - started
    print(f"{args.trials} trials in {elapsed:.0f} s.")
    print(f"Pareto front ({len(study.best_trials)} trials; accuracy up, parameters down):")
    print("\n".join(pareto_table(study)))
    print("\n".join(selection_lines(study, args.tolerance)))


if __name__ == "__main__":
    main()
