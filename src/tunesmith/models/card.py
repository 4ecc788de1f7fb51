"""ModelCard: what a fitted model was told (hyperparameters) and what it learned (parameters)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any, Literal

import numpy as np

__all__ = ["LearnedParameter", "ModelCard", "ParameterKind"]

ParameterKind = Literal["trainable", "frozen", "buffer"]
"""How a learned array takes part in the model.

``trainable``: learned in training (every scikit-learn parameter; a PyTorch
parameter with ``requires_grad``). ``frozen``: a PyTorch parameter with
``requires_grad=False``, kept but not trained. ``buffer``: PyTorch state that
is not a parameter, such as BatchNorm's running statistics.
"""


@dataclass(frozen=True, slots=True)
class LearnedParameter:
    """One array (or structure, such as a tree's splits) a model learned.

    Attributes:
        name: where it lives in the model (``coef_``, ``svc.support_vectors_``,
            ``0.weight``).
        shape: its shape; ``()`` for a single number.
        n_bytes: the memory its values take.
        kind: trainable, frozen or buffer (see ``ParameterKind``).
    """

    name: str
    shape: tuple[int, ...]
    n_bytes: int
    kind: ParameterKind = "trainable"

    @property
    def count(self) -> int:
        """How many numbers it holds: the product of its shape."""
        return math.prod(self.shape)

    def renamed(self, prefix: str) -> LearnedParameter:
        """The same parameter, named ``prefix.name`` (a pipeline step's, for instance)."""
        return LearnedParameter(f"{prefix}.{self.name}", self.shape, self.n_bytes, self.kind)


def _rebuild(values: dict[str, Any]) -> ModelCard:
    return ModelCard(**values)


@dataclass(frozen=True, slots=True)
class ModelCard:
    """A fitted model's hyperparameters and learned parameters, as ``tunesmith.inspect`` finds them.

    Attributes:
        model: the model's class name (``SVC``, ``Pipeline``, ``Sequential``).
        hyperparameters: name -> value set before training, read-only. For a
            scikit-learn estimator, ``get_params(deep=False)``; for a pipeline,
            each step's as ``step__name``; empty for a PyTorch module.
        parameters: every learned array, in the model's own order.
        notes: what was counted, in words, where the parameters alone do not
            say it (a boosted model's rounds, and those early stopping cut).
    """

    model: str
    hyperparameters: Mapping[str, Any]
    parameters: tuple[LearnedParameter, ...]
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "hyperparameters", MappingProxyType(dict(self.hyperparameters)))
        object.__setattr__(self, "parameters", tuple(self.parameters))
        object.__setattr__(self, "notes", tuple(self.notes))

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # A read-only mapping view cannot be pickled; rebuild from a plain dict.
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["hyperparameters"] = dict(self.hyperparameters)
        return _rebuild, (state,)

    def _count(self, kinds: Iterable[ParameterKind]) -> int:
        wanted = set(kinds)
        return sum(p.count for p in self.parameters if p.kind in wanted)

    @property
    def n_parameters(self) -> int:
        """The number of learned parameters, trainable and frozen (buffers are not parameters)."""
        return self._count(("trainable", "frozen"))

    @property
    def n_trainable(self) -> int:
        """The number of parameters training changes."""
        return self._count(("trainable",))

    @property
    def n_frozen(self) -> int:
        """The number of PyTorch parameters with ``requires_grad=False``."""
        return self._count(("frozen",))

    @property
    def n_buffer_values(self) -> int:
        """The number of values in PyTorch buffers (state that is not a parameter)."""
        return self._count(("buffer",))

    @property
    def n_bytes(self) -> int:
        """The memory of everything listed in ``parameters``, buffers included."""
        return sum(p.n_bytes for p in self.parameters)

    def summary(self) -> dict[str, int]:
        """``n_parameters`` and ``n_bytes``: what a study records with each trial."""
        return {"n_parameters": self.n_parameters, "n_bytes": self.n_bytes}

    def to_dict(self) -> dict[str, Any]:
        """The card as plain data that ``json.dumps`` accepts.

        A hyperparameter value that is not plain data (an estimator, a
        function) appears as its ``repr``.

        >>> card = ModelCard("Linear", {"alpha": 1.0}, (LearnedParameter("coef_", (3,), 24),))
        >>> card.to_dict()["parameters"]
        [{'name': 'coef_', 'shape': [3], 'count': 3, 'n_bytes': 24, 'kind': 'trainable'}]
        """
        return {
            "model": self.model,
            "hyperparameters": {
                name: _plain(self.hyperparameters[name]) for name in sorted(self.hyperparameters)
            },
            "parameters": [
                {
                    "name": p.name,
                    "shape": list(p.shape),
                    "count": p.count,
                    "n_bytes": p.n_bytes,
                    "kind": p.kind,
                }
                for p in self.parameters
            ],
            "n_parameters": self.n_parameters,
            "n_trainable": self.n_trainable,
            "n_frozen": self.n_frozen,
            "n_buffer_values": self.n_buffer_values,
            "n_bytes": self.n_bytes,
            "notes": list(self.notes),
        }


def _plain(value: Any) -> Any:
    """``value`` as JSON data: numbers, strings, booleans, None, lists and string-keyed dicts."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # JSON has no NaN or infinity
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return repr(value)
