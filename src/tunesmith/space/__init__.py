"""Hyperparameter distributions and declarative search spaces."""

from tunesmith.space.distributions import Categorical, CategoricalChoice, Distribution, Float, Int
from tunesmith.space.serialization import (
    SearchSpace,
    distribution_from_dict,
    distribution_from_json,
    distribution_to_json,
    parse_distribution,
    parse_space,
    space_to_dict,
)

__all__ = [
    "Categorical",
    "CategoricalChoice",
    "Distribution",
    "Float",
    "Int",
    "SearchSpace",
    "distribution_from_dict",
    "distribution_from_json",
    "distribution_to_json",
    "parse_distribution",
    "parse_space",
    "space_to_dict",
]
