"""train_classifier: it learns, one seed gives one run, it reports to a trial, refuses bad input."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import tunesmith
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.pruners import ThresholdPruner

torch = pytest.importorskip("torch")
from tunesmith.integrations.torch import train_classifier  # noqa: E402

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def two_blobs(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two well-separated classes in 4 dimensions."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=n)
    points = rng.normal(size=(n, 4)) + 3.0 * labels[:, None]
    return points, labels


def small_network(seed: int = 0) -> Any:
    torch.manual_seed(seed)
    nn = torch.nn
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.3), nn.Linear(8, 2))


def train(model: Any = None, **overrides: Any) -> Any:
    """Train ``model`` (a fresh small network by default) on two blobs."""
    x_train, y_train = two_blobs(120, seed=0)
    x_val, y_val = two_blobs(60, seed=1)
    arguments: dict[str, Any] = {"epochs": 4, "learning_rate": 0.05, "batch_size": 16, "seed": 0}
    arguments.update(overrides)
    network = small_network() if model is None else model
    return train_classifier(network, x_train, y_train, x_val, y_val, **arguments)


def test_a_network_learns_two_separated_classes() -> None:
    result = train(epochs=8)

    assert len(result.validation_accuracy) == len(result.train_loss) == 8
    assert result.final_accuracy >= 0.9
    assert result.train_loss[-1] < result.train_loss[0]
    assert not result.model.training  # handed back ready to predict


def test_one_seed_gives_one_run_and_another_seed_another() -> None:
    first, again, other = train(seed=3), train(seed=3), train(seed=4)

    assert first.train_loss == again.train_loss
    assert first.validation_accuracy == again.validation_accuracy
    for mine, theirs in zip(first.model.parameters(), again.model.parameters(), strict=True):
        assert torch.equal(mine, theirs)
    assert first.train_loss != other.train_loss


def test_the_callers_random_state_is_left_as_it_was() -> None:
    network = small_network()
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)

    train(network)

    assert torch.equal(torch.rand(3), expected)


def test_tensors_train_as_arrays_do() -> None:
    x_train, y_train = two_blobs(120, seed=0)
    x_val, y_val = two_blobs(60, seed=1)
    settings: dict[str, Any] = {"epochs": 3, "learning_rate": 0.05, "seed": 0}

    from_arrays = train_classifier(small_network(), x_train, y_train, x_val, y_val, **settings)
    from_tensors = train_classifier(
        small_network(),
        torch.tensor(x_train),
        torch.tensor(y_train),
        torch.tensor(x_val),
        torch.tensor(y_val),
        **settings,
    )

    assert from_tensors.train_loss == from_arrays.train_loss


def test_with_a_trial_every_epochs_accuracy_is_reported() -> None:
    study = tunesmith.create_study(direction="maximize")
    results = []

    def objective(trial: tunesmith.Trial) -> float:
        results.append(train(epochs=3, trial=trial))
        return float(results[-1].final_accuracy)

    study.optimize(objective, n_trials=1)

    reported = study.trials[0].intermediate_values
    assert dict(reported) == dict(enumerate(results[0].validation_accuracy, start=1))


def test_a_trial_its_pruner_stops_ends_pruned_after_that_epoch() -> None:
    # No accuracy reaches 1.5, so the threshold pruner stops the trial after its first epoch.
    study = tunesmith.create_study(direction="maximize", pruner=ThresholdPruner(lower=1.5))

    study.optimize(lambda trial: train(epochs=5, trial=trial).final_accuracy, n_trials=1)

    trial = study.trials[0]
    assert trial.state is tunesmith.TrialState.PRUNED
    assert list(trial.intermediate_values) == [1]


@pytest.mark.parametrize(
    ("overrides", "argument"),
    [
        ({"epochs": 0}, "'epochs'"),
        ({"epochs": 2.5}, "'epochs'"),
        ({"batch_size": 0}, "'batch_size'"),
        ({"learning_rate": 0.0}, "'learning_rate'"),
        ({"learning_rate": "fast"}, "'learning_rate'"),
        ({"weight_decay": -0.1}, "'weight_decay'"),
        ({"weight_decay": float("nan")}, "'weight_decay'"),
        ({"seed": -1}, "'seed'"),
    ],
)
def test_a_bad_argument_is_refused_by_name(overrides: dict[str, Any], argument: str) -> None:
    with pytest.raises(InvalidArgumentError, match=f"{argument} argument of train_classifier"):
        train(**overrides)


def test_a_model_that_is_no_module_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match=r"'model' argument.*torch.nn.Module"):
        train("an MLP")


def test_labels_that_do_not_pair_with_the_inputs_are_refused() -> None:
    x, y = two_blobs(20, seed=0)
    model = small_network()

    with pytest.raises(InvalidArgumentError, match=r"'y_train'.*one label per row of X_train"):
        train_classifier(model, x, y[:-1], x, y, epochs=1, learning_rate=0.1)
    with pytest.raises(InvalidArgumentError, match=r"'y_val'.*class numbers"):
        train_classifier(model, x, y, x, y + 0.5, epochs=1, learning_rate=0.1)
    with pytest.raises(InvalidArgumentError, match=r"'X_val'.*non-empty"):
        train_classifier(model, x, y, x[:0], y[:0], epochs=1, learning_rate=0.1)


def test_without_torch_the_import_says_which_extra_to_install() -> None:
    script = (
        "import sys\n"
        "sys.modules['torch'] = None  # as if torch were not installed\n"
        "import tunesmith.integrations.torch\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )

    assert result.returncode != 0
    assert (
        'ImportError: tunesmith.integrations.torch needs PyTorch: pip install "tunesmith[torch]"'
        in (result.stderr)
    )
