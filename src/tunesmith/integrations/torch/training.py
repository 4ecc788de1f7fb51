"""A small, seeded training loop for PyTorch classifiers, with pruning after each epoch.

``train_classifier`` trains a module that maps a batch of inputs to class
logits, with AdamW and cross-entropy, in shuffled mini-batches, and measures
the validation accuracy after every epoch. Given a trial, it reports that
accuracy through ``EpochReporter``, so the study's pruner can stop it. The
same seed gives the same run: the shuffling and the module's own randomness
(dropout) come from the seed, and the caller's random state is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

import torch

from tunesmith.arguments import (
    Problem,
    check_int,
    check_number_at_least,
    check_positive,
    refuse_first,
)
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.torch.epoch_reporter import EpochReporter
from tunesmith.study import Trial

__all__ = ["TrainingResult", "train_classifier"]

_OWNER = "train_classifier"


@dataclass(frozen=True, slots=True)
class TrainingResult:
    """What ``train_classifier`` trained, epoch by epoch.

    Attributes:
        model: the trained module (the one passed in, trained in place), in
            evaluation mode.
        validation_accuracy: the accuracy on the validation set after each
            epoch, the first epoch first.
        train_loss: the mean cross-entropy over the training set during each
            epoch.
    """

    model: torch.nn.Module
    validation_accuracy: tuple[float, ...]
    train_loss: tuple[float, ...]

    @property
    def final_accuracy(self) -> float:
        """The validation accuracy after the last epoch."""
        return self.validation_accuracy[-1]


def train_classifier(
    model: torch.nn.Module,
    X_train: Any,  # noqa: N803 - X for features, as in scikit-learn
    y_train: Any,
    X_val: Any,  # noqa: N803
    y_val: Any,
    *,
    epochs: int,
    learning_rate: float,
    batch_size: int = 32,
    weight_decay: float = 0.0,
    trial: Trial | None = None,
    seed: int = 0,
) -> TrainingResult:
    """Train ``model`` to classify, and measure its validation accuracy after each epoch.

    Args:
        model: a module mapping a batch of inputs to one logit per class.
        X_train: training inputs, an array or tensor whose first axis is the
            sample (converted to float32).
        y_train: training labels, integers from 0 to the number of classes - 1.
        X_val: validation inputs, as ``X_train``.
        y_val: validation labels, as ``y_train``.
        epochs: passes over the training set, at least 1.
        learning_rate: AdamW's learning rate, above 0.
        batch_size: samples per optimisation step, at least 1.
        weight_decay: AdamW's decoupled weight decay, at least 0.
        trial: when given, each epoch's validation accuracy is reported to it
            as step 1, 2, ..., and the run stops with ``TrialPruned`` when the
            study's pruner says so.
        seed: a non-negative int that fixes the shuffling and dropout, so
            that one seed gives one result (with trials run one at a time or
            in separate processes: threads share PyTorch's random state).

    Returns:
        The trained model and its per-epoch validation accuracy and training loss.

    Raises:
        InvalidArgumentError: an argument that breaks its rule, named with the
            rule and the value.
        TrialPruned: the trial's pruner stopped the run.
    """
    refuse_first(
        _OWNER,
        [
            check_int("epochs", epochs, 1),
            check_int("batch_size", batch_size, 1),
            check_int("seed", seed, 0),
            check_positive("learning_rate", learning_rate),
            check_number_at_least("weight_decay", weight_decay, 0),
        ],
    )
    if not isinstance(model, torch.nn.Module):
        _refuse("model", "a torch.nn.Module", type(model).__name__)
    trainable = [parameter for parameter in model.parameters() if parameter.requires_grad]
    if not trainable:
        _refuse("model", "a module with trainable parameters", type(model).__name__)
    device = trainable[0].device
    inputs, labels = _samples("X_train", X_train, "y_train", y_train, device)
    val_inputs, val_labels = _samples("X_val", X_val, "y_val", y_val, device)

    reporter = EpochReporter(trial) if trial is not None else None
    optimizer = torch.optim.AdamW(trainable, lr=learning_rate, weight_decay=weight_decay)
    loss_function = torch.nn.CrossEntropyLoss()
    accuracies: list[float] = []
    losses: list[float] = []
    # The seed drives dropout through the global generator; fork_rng restores the
    # caller's random state afterwards. The shuffling has a generator of its own.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        shuffling = torch.Generator().manual_seed(seed)
        for epoch in range(1, epochs + 1):
            model.train()
            order = torch.randperm(len(inputs), generator=shuffling).to(device)
            total_loss = 0.0
            for start in range(0, len(inputs), batch_size):
                batch = order[start : start + batch_size]
                optimizer.zero_grad()
                loss = loss_function(model(inputs[batch]), labels[batch])
                loss.backward()
                optimizer.step()
                total_loss += loss.item() * len(batch)
            losses.append(total_loss / len(inputs))
            accuracies.append(_accuracy(model, val_inputs, val_labels, batch_size))
            if reporter is not None:
                reporter(accuracies[-1], epoch)
    return TrainingResult(model, tuple(accuracies), tuple(losses))


def _refuse(argument: str, rule: str, value: object) -> NoReturn:
    raise InvalidArgumentError(Problem(argument, rule, value).message(_OWNER))


def _samples(
    inputs_name: str, inputs: Any, labels_name: str, labels: Any, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs as float32 and labels as int64 on ``device``, checked to pair up."""
    features = torch.as_tensor(inputs, dtype=torch.float32, device=device)
    classes = torch.as_tensor(labels, device=device)
    if features.ndim < 1 or len(features) == 0:
        _refuse(inputs_name, "a non-empty array with one row per sample", tuple(features.shape))
    if classes.ndim != 1 or len(classes) != len(features):
        _refuse(
            labels_name,
            f"a 1-d array of one label per row of {inputs_name} ({len(features)})",
            f"shape {tuple(classes.shape)}",
        )
    is_integral = classes.dtype != torch.bool and (
        not classes.is_floating_point() or bool(torch.all(classes == classes.round()))
    )
    if not is_integral or bool(classes.min() < 0):
        _refuse(labels_name, "class numbers 0, 1, 2, ...", classes[:5].tolist())
    return features, classes.long()


def _accuracy(
    model: torch.nn.Module, inputs: torch.Tensor, labels: torch.Tensor, batch_size: int
) -> float:
    """The share of ``inputs`` that ``model`` classifies as ``labels``, in evaluation mode."""
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(inputs), batch_size):
            logits = model(inputs[start : start + batch_size])
            correct += int((logits.argmax(dim=1) == labels[start : start + batch_size]).sum())
    return correct / len(inputs)
