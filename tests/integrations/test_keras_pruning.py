"""KerasPruningCallback: each epoch's validation metric reaches the trial; pruned trials stop."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from pruning_cases import assert_reported_and_pruned_as_expected, every_pruner
from sklearn.datasets import load_digits

import tunesmith
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.keras import KerasPruningCallback
from tunesmith.pruners import HyperbandPruner, Pruner, ThresholdPruner

DIGITS_X, DIGITS_Y = load_digits(return_X_y=True)
X = (DIGITS_X[:400] / 16.0).astype("float32")
Y = DIGITS_Y[:400]
TRAIN, VALID = slice(0, 300), slice(300, None)
EPOCHS = 6
# Good learning rates, then ones so small the network barely learns in a few epochs.
RATES = (0.01, 0.02, 0.01, 0.0001, 0.0001, 0.0001)
# Keras fits are slow to start, so the pruners' own behaviour is covered with every pruner by
# the LightGBM and XGBoost tests, which share the reporting with this callback; here a pruner
# that compares trials at a step (median), Hyperband, and none.
KERAS_PRUNERS = ("none", "median", "hyperband")


def fit(rate: float, epochs: int, callbacks: list[keras.callbacks.Callback]) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((64,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(10)]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    model.fit(
        X[TRAIN],
        Y[TRAIN],
        validation_data=(X[VALID], Y[VALID]),
        epochs=epochs,
        batch_size=64,
        verbose=0,
        callbacks=callbacks,
    )
    return model


def test_each_epoch_reports_the_monitored_validation_metric() -> None:
    study = tunesmith.create_study(direction="maximize")
    trial = study.ask()

    model = fit(0.01, 3, [KerasPruningCallback(trial, "val_accuracy")])
    accuracies = [float(value) for value in model.history.history["val_accuracy"]]
    study.tell(trial, accuracies[-1])

    expected = dict(enumerate(accuracies, start=1))
    assert dict(study.trials[0].intermediate_values) == pytest.approx(expected)


def test_a_pruned_trial_trains_no_further_epoch_and_is_recorded_pruned() -> None:
    study = tunesmith.create_study(pruner=ThresholdPruner(upper=1.0))
    epochs_trained: list[int] = []
    counter = keras.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: epochs_trained.append(epoch + 1)
    )

    study.optimize(
        lambda trial: float(
            np.min(
                fit(0.0001, EPOCHS, [counter, KerasPruningCallback(trial)]).history.history[
                    "val_loss"
                ]
            )
        ),
        n_trials=1,
    )

    trial = study.trials[0]
    assert trial.state is tunesmith.TrialState.PRUNED
    assert epochs_trained == [1]
    assert trial.last_step == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "pruner"),
    [case for case in every_pruner() if case[0] in KERAS_PRUNERS],
    ids=lambda case: str(case),
)
def test_pruners_stop_poor_trials_early_and_let_good_ones_finish(name: str, pruner: Pruner) -> None:
    if name == "hyperband":
        pruner = HyperbandPruner(max_resource=EPOCHS)
    study = tunesmith.create_study(pruner=pruner)

    def objective(trial: tunesmith.Trial) -> float:
        model = fit(RATES[trial.number], EPOCHS, [KerasPruningCallback(trial, "val_loss")])
        return float(model.history.history["val_loss"][-1])

    study.optimize(objective, n_trials=len(RATES))

    assert_reported_and_pruned_as_expected(study, name, EPOCHS)
    assert RATES[study.best_trial.number] >= 0.01  # the best trial is a good one, never pruned


def test_a_metric_not_logged_is_refused_naming_what_was_logged() -> None:
    trial = tunesmith.create_study().ask()

    with pytest.raises(InvalidArgumentError, match=r"got 'val_auc'\. Logged: \['accuracy'"):
        fit(0.01, 1, [KerasPruningCallback(trial, "val_auc")])
