"""A PyTorch MLP on the digits, tuned for accuracy, with Hyperband stopping poor trials early.

    python examples/torch_digits_pruned.py       # 30 trials, under a minute on 2 cores

Every trial trains for up to 20 epochs. ``train_classifier``, given the trial,
reports the validation accuracy after each epoch, and the study's Hyperband
pruner stops trials that trail the others at the same epoch. The script
prints how many trials were pruned, how many epochs that saved, and the best
trial. Epochs are the pruner's resource here, so, unlike in
``torch_digits.py``, they are not tuned.

Pruning needs one score per epoch to compare, so this study has one objective:
in a study of several, a pruned trial has no values and takes no part in the
Pareto front.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

import torch
from pruning_summary import pruning_lines
from torch_digits import DigitsSplit, load_digits_split, short_value, suggest_mlp

import tunesmith
from tunesmith.integrations.torch import train_classifier
from tunesmith.pruners import HyperbandPruner

EPOCHS = 20


def make_objective(data: DigitsSplit, epochs: int) -> Callable[[tunesmith.Trial], float]:
    """The objective: the validation accuracy of one trial's MLP, pruned epoch by epoch."""

    def objective(trial: tunesmith.Trial) -> float:
        model = suggest_mlp(trial)
        result = train_classifier(
            model,
            data.x_train,
            data.y_train,
            data.x_val,
            data.y_val,
            epochs=epochs,
            learning_rate=trial.suggest_float("learning_rate", 1e-4, 1e-1, log=True),
            batch_size=int(trial.suggest_categorical("batch_size", [32, 64, 128])),
            weight_decay=trial.suggest_float("weight_decay", 1e-6, 1e-1, log=True),
            trial=trial,  # reports each epoch; raises TrialPruned when Hyperband says so
            seed=trial.number,
        )
        return result.final_accuracy

    return objective


def tune(n_trials: int, seed: int = 0, epochs: int = EPOCHS) -> tunesmith.Study:
    """Run the pruned study on the digits and return it."""
    study = tunesmith.create_study(
        direction="maximize",
        sampler="auto",
        pruner=HyperbandPruner(min_resource=1, max_resource=epochs, reduction_factor=3),
        seed=seed,
    )
    study.optimize(make_objective(load_digits_split(seed), epochs), n_trials=n_trials)
    return study


def summary_lines(study: tunesmith.Study) -> list[str]:
    """How many trials were pruned, the epochs that saved, and the best trial."""
    lines = pruning_lines(study)
    best = study.best_trial
    shown = ", ".join(f"{name}={short_value(value)}" for name, value in sorted(best.params.items()))
    lines.append(f"Best: trial {best.number}, accuracy {best.value:.4f} ({shown})")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments, tune, and print what pruning saved and the best trial."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--trials", type=int, default=30, help="trials to run (default 30)")
    parser.add_argument("--seed", type=int, default=0, help="the study's seed (default 0)")
    parser.add_argument(
        "--epochs", type=int, default=EPOCHS, help=f"epochs of a full run (default {EPOCHS})"
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="PyTorch threads (default 1: small nets)"
    )
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)

    started = time.perf_counter()
    study = tune(args.trials, args.seed, args.epochs)
    print(f"{args.trials} trials in {time.perf_counter() - started:.0f} s.")
    print("\n".join(summary_lines(study)))


if __name__ == "__main__":
    main()
