"""The parameters of a PyTorch module: trainable, frozen, and its buffers, counted apart.

torch is imported only when a model may be a module, that is when the caller
has imported torch already, so ``import tunesmith`` stays light.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypeGuard

from tunesmith.models.card import LearnedParameter, ModelCard

if TYPE_CHECKING:
    import torch

__all__ = ["is_torch_module", "torch_card"]


def is_torch_module(model: object) -> TypeGuard[torch.nn.Module]:
    """Whether ``model`` is a ``torch.nn.Module``; never imports torch itself."""
    torch_module = sys.modules.get("torch")
    # An object can only be a module if torch was imported to build it.
    return torch_module is not None and isinstance(model, torch_module.nn.Module)


def torch_card(module: torch.nn.Module) -> ModelCard:
    """The card of a PyTorch module.

    Parameters are listed by their ``named_parameters()`` names (a weight
    shared by two layers once), ``trainable`` when ``requires_grad`` and
    ``frozen`` otherwise; buffers (``named_buffers()``, such as BatchNorm's
    running mean) follow as ``buffer``. A module does not keep the
    hyperparameters it was built with, so the card's are empty.
    """
    parameters = [
        LearnedParameter(
            name,
            tuple(tensor.shape),
            tensor.numel() * tensor.element_size(),
            "trainable" if tensor.requires_grad else "frozen",
        )
        for name, tensor in module.named_parameters()
    ]
    parameters += [
        LearnedParameter(
            name, tuple(tensor.shape), tensor.numel() * tensor.element_size(), "buffer"
        )
        for name, tensor in module.named_buffers()
    ]
    return ModelCard(type(module).__name__, {}, tuple(parameters))
