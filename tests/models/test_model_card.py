"""A ModelCard is a read-only record that turns into plain JSON data and pickles."""

from __future__ import annotations

import json
import pickle

import pytest
from sklearn.datasets import load_iris
from sklearn.ensemble import BaggingClassifier
from sklearn.neural_network import MLPClassifier

import tunesmith
from tunesmith.models import LearnedParameter, ModelCard

X, Y = load_iris(return_X_y=True)

CARD = ModelCard(
    "Net",
    {"width": 3, "estimator": BaggingClassifier(), "sizes": (3, 2), "missing": float("nan")},
    (
        LearnedParameter("w", (4, 3), 48),
        LearnedParameter("frozen_w", (3,), 12, "frozen"),
        LearnedParameter("running_mean", (3,), 12, "buffer"),
    ),
)


def test_totals_count_parameters_and_leave_buffers_out() -> None:
    assert CARD.n_parameters == 12 + 3
    assert CARD.n_trainable == 12
    assert CARD.n_frozen == 3
    assert CARD.n_buffer_values == 3
    assert CARD.n_bytes == 48 + 12 + 12
    assert CARD.summary() == {"n_parameters": 15, "n_bytes": 72}


def test_to_dict_is_json_data_with_every_parameter_and_total() -> None:
    data = json.loads(json.dumps(CARD.to_dict()))

    assert data["model"] == "Net"
    assert data["hyperparameters"]["sizes"] == [3, 2]
    assert data["hyperparameters"]["estimator"] == "BaggingClassifier()"
    assert data["hyperparameters"]["missing"] == "nan"
    assert data["parameters"][0] == {
        "name": "w",
        "shape": [4, 3],
        "count": 12,
        "n_bytes": 48,
        "kind": "trainable",
    }
    assert (data["n_parameters"], data["n_bytes"]) == (15, 72)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_a_real_card_survives_json_and_pickle() -> None:
    card = tunesmith.inspect(MLPClassifier(hidden_layer_sizes=(4,), max_iter=3).fit(X, Y))

    assert json.loads(json.dumps(card.to_dict()))["n_parameters"] == card.n_parameters
    assert pickle.loads(pickle.dumps(card)) == card


def test_a_card_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        CARD.hyperparameters["width"] = 4  # type: ignore[index]
    with pytest.raises(AttributeError):
        CARD.model = "Other"  # type: ignore[misc]
