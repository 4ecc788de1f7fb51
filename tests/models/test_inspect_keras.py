"""tunesmith.inspect counts a Keras model's trainable and non-trainable weights apart, by hand."""

from __future__ import annotations

import keras
import pytest

import tunesmith
from tunesmith.exceptions import ModelNotFittedError


def small_network() -> keras.Model:
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(3, name="hidden"),
            keras.layers.BatchNormalization(name="norm"),
            keras.layers.Dense(2, name="out"),
        ],
        name="net",
    )


def test_dense_and_batch_norm_weights_are_counted_as_keras_summary_counts_them() -> None:
    card = tunesmith.inspect(small_network())

    trainable = (4 * 3 + 3) + (3 + 3) + (3 * 2 + 2)  # kernels and biases; gamma and beta
    moving_statistics = 3 + 3  # BatchNormalization's moving mean and variance
    assert card.n_trainable == trainable
    assert card.n_frozen == moving_statistics
    assert card.n_parameters == trainable + moving_statistics
    assert card.n_bytes == 4 * (trainable + moving_statistics)  # float32
    assert {p.name: p.shape for p in card.parameters}["net/hidden/kernel"] == (4, 3)
    assert card.model == "Sequential"


def test_a_frozen_layer_moves_its_weights_to_non_trainable() -> None:
    network = small_network()
    network.get_layer("out").trainable = False

    card = tunesmith.inspect(network)

    assert card.n_trainable == (4 * 3 + 3) + (3 + 3)
    assert card.n_frozen == (3 + 3) + (3 * 2 + 2)


def test_a_functional_model_counts_every_layer_once() -> None:
    inputs = keras.Input((5,))
    shared = keras.layers.Dense(2)
    outputs = keras.layers.Add()([shared(inputs), shared(inputs)])

    card = tunesmith.inspect(keras.Model(inputs, outputs))

    assert card.n_parameters == 5 * 2 + 2


def test_an_unbuilt_model_is_refused_as_not_fitted() -> None:
    with pytest.raises(ModelNotFittedError, match="not built"):
        tunesmith.inspect(keras.Sequential([keras.layers.Dense(3)]))
