"""PyTorch modules: trainable and frozen parameters and buffers, each counted apart."""

from __future__ import annotations

import pytest

import tunesmith

torch = pytest.importorskip("torch")
nn = torch.nn


def small_network() -> nn.Module:
    return nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3))


def test_a_network_counts_weights_and_biases_of_every_layer() -> None:
    card = tunesmith.inspect(small_network())

    linear_1, batch_norm, linear_2 = 4 * 8 + 8, 8 + 8, 8 * 3 + 3
    assert card.n_parameters == linear_1 + batch_norm + linear_2
    assert card.n_trainable == card.n_parameters
    assert card.n_frozen == 0
    assert ("0.weight", (8, 4)) in [(p.name, p.shape) for p in card.parameters]


def test_frozen_parameters_are_counted_apart_from_trainable_ones() -> None:
    network = small_network()
    for parameter in network[0].parameters():
        parameter.requires_grad_(False)

    card = tunesmith.inspect(network)

    assert card.n_frozen == 4 * 8 + 8
    assert card.n_trainable == (8 + 8) + (8 * 3 + 3)
    assert card.n_parameters == card.n_frozen + card.n_trainable
    assert {p.kind for p in card.parameters if p.name.startswith("0.")} == {"frozen"}


def test_buffers_are_listed_but_are_not_parameters() -> None:
    card = tunesmith.inspect(small_network())

    buffers = {p.name: p.count for p in card.parameters if p.kind == "buffer"}
    # BatchNorm keeps a running mean and variance per feature, and a step counter.
    assert buffers == {"1.running_mean": 8, "1.running_var": 8, "1.num_batches_tracked": 1}
    assert card.n_buffer_values == 17
    assert card.n_parameters == (4 * 8 + 8) + (8 + 8) + (8 * 3 + 3)


def test_bytes_follow_the_dtype_and_include_buffers() -> None:
    single = tunesmith.inspect(small_network())
    half = tunesmith.inspect(small_network().half())

    int64_counter = 8
    assert single.n_bytes == 4 * (83 + 16) + int64_counter
    assert half.n_bytes == 2 * (83 + 16) + int64_counter


def test_a_weight_shared_by_two_layers_is_counted_once() -> None:
    embedding, output = nn.Embedding(10, 6), nn.Linear(6, 10, bias=False)
    output.weight = embedding.weight  # tied input and output embeddings

    card = tunesmith.inspect(nn.ModuleDict({"embed": embedding, "out": output}))

    assert card.n_parameters == 10 * 6


def test_a_module_card_has_no_hyperparameters() -> None:
    card = tunesmith.inspect(nn.Linear(3, 2))

    assert card.model == "Linear"
    assert dict(card.hyperparameters) == {}
    assert card.n_parameters == 3 * 2 + 2
