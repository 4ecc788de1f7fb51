"""SupportsInspection: how any model tells ``tunesmith.inspect`` what it learned."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import UnsupportedModelError
from tunesmith.models.card import LearnedParameter, ModelCard

__all__ = ["SupportsInspection", "card_from_protocol", "own_hyperparameters"]


@runtime_checkable
class SupportsInspection(Protocol):
    """A model that lists its own learned parameters.

    Give any class a ``__tunesmith_parameters__()`` method returning learned
    parameter name -> array-like (NumPy arrays, lists, numbers; anything
    ``numpy.asarray`` turns into a numeric array) and ``tunesmith.inspect``
    counts them: each array's size is its number of parameters, its
    ``nbytes`` its memory. The method wins over tunesmith's own counting, so
    a subclass of a scikit-learn estimator can use it too. Hyperparameters
    come from ``get_params(deep=False)`` when the model has it.

    >>> import tunesmith
    >>> class Polynomial:
    ...     def __init__(self, degree):
    ...         self.degree = degree
    ...         self.coefficients = [0.0] * (degree + 1)
    ...     def get_params(self, deep=True):
    ...         return {"degree": self.degree}
    ...     def __tunesmith_parameters__(self):
    ...         return {"coefficients": self.coefficients}
    >>> tunesmith.inspect(Polynomial(3)).n_parameters
    4
    """

    def __tunesmith_parameters__(self) -> Mapping[str, npt.ArrayLike]:
        """Learned parameter name -> its values."""
        ...


def own_hyperparameters(model: Any) -> dict[str, Any]:
    """``model.get_params(deep=False)`` when it has that method, else nothing."""
    get_params = getattr(model, "get_params", None)
    return dict(get_params(deep=False)) if callable(get_params) else {}


def card_from_protocol(model: SupportsInspection) -> ModelCard:
    """The card of a model that lists its parameters with ``__tunesmith_parameters__()``.

    Raises:
        UnsupportedModelError: the method returns something other than a
            mapping of names to numeric arrays.
    """
    owner = type(model).__name__
    listed = model.__tunesmith_parameters__()
    if not isinstance(listed, Mapping):
        raise UnsupportedModelError(
            f"The __tunesmith_parameters__() method of {owner} must return a mapping of "
            f"parameter name to array; got {type(listed).__name__}."
        )
    parameters = []
    for name, values in listed.items():
        array = np.asarray(values)
        if not isinstance(name, str) or not (
            np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_
        ):
            raise UnsupportedModelError(
                f"The __tunesmith_parameters__() method of {owner} must map string names to "
                f"numeric arrays; got {name!r} -> {type(values).__name__} of dtype {array.dtype}."
            )
        parameters.append(LearnedParameter(name, array.shape, int(array.nbytes)))
    return ModelCard(owner, own_hyperparameters(model), tuple(parameters))
