"""The parameters of a Keras 3 model or layer: trainable and non-trainable weights apart.

keras is never imported here: a model of its own can only exist once the
caller imported it. Keras 3 on the PyTorch backend makes every layer a
``torch.nn.Module`` too; ``inspect`` asks about Keras first, so a Keras model
is counted by its own weights, as ``model.summary()`` counts them.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from tunesmith.models.card import LearnedParameter, ModelCard, ParameterKind
from tunesmith.models.errors import not_fitted

__all__ = ["is_keras_layer", "keras_card"]


def is_keras_layer(model: object) -> bool:
    """Whether ``model`` is a Keras layer (a model is one); never imports keras."""
    keras = sys.modules.get("keras")
    return keras is not None and isinstance(model, keras.layers.Layer)


def keras_card(layer: Any) -> ModelCard:
    """The card of a built Keras model or layer.

    Weights are listed by their paths (``sequential/dense/kernel``):
    ``trainable_weights`` as ``trainable``, then ``non_trainable_weights`` as
    ``frozen``. Keras calls both weights and does not tell a frozen layer's
    weights from statistics such as BatchNormalization's moving mean, so
    ``n_parameters`` is Keras's own ``count_params()`` and ``n_trainable`` its
    "Trainable params". A layer does not keep the hyperparameters of its
    training, so the card's are empty.

    Raises:
        ModelNotFittedError: a model whose weights are not built yet.
    """
    if not layer.built:
        raise not_fitted(layer, "whose weights are not built yet (give it an Input shape)")
    return ModelCard(
        type(layer).__name__,
        {},
        tuple(
            [_weight(weight, "trainable") for weight in layer.trainable_weights]
            + [_weight(weight, "frozen") for weight in layer.non_trainable_weights]
        ),
    )


def _weight(weight: Any, kind: ParameterKind) -> LearnedParameter:
    shape = tuple(int(size) for size in weight.shape)
    count = int(np.prod(shape, dtype=np.int64))
    return LearnedParameter(weight.path, shape, count * np.dtype(weight.dtype).itemsize, kind)
