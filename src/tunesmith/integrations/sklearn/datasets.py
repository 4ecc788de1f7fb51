"""Datasets by description: a scikit-learn bundled dataset by name, or a CSV file.

The CSV reader uses only the standard library and NumPy, so loading a file
does not need pandas.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from tunesmith.exceptions import InvalidArgumentError

__all__ = ["BUNDLED_DATASETS", "load_dataset"]

Features: TypeAlias = npt.NDArray[np.float64]
Target: TypeAlias = npt.NDArray[Any]

# The datasets scikit-learn ships inside its package: loading them needs no network.
BUNDLED_DATASETS = ("breast_cancer", "diabetes", "digits", "iris", "wine")


def load_dataset(spec: Mapping[str, Any]) -> tuple[Features, Target]:
    """Load the features ``X`` and target ``y`` a dataset description names.

    Args:
        spec: ``{"name": "wine"}`` for a dataset bundled with scikit-learn (one
            of BUNDLED_DATASETS), or ``{"csv": "data.csv", "target": "label"}``
            for a CSV file with a header row (a relative path is relative to
            the current directory). Every column but the target is a feature
            and must hold numbers (an empty cell is NaN); the target may hold
            numbers or labels.

    Raises:
        InvalidArgumentError: an unknown name, a missing file, a target column
            the file does not have, or a feature cell that is not a number.

    >>> X, y = load_dataset({"name": "iris"})
    >>> X.shape, y.shape
    ((150, 4), (150,))
    """
    keys = set(spec)
    if keys == {"name"}:
        return _load_bundled(spec["name"])
    if keys == {"csv", "target"}:
        return _load_csv(Path(spec["csv"]), spec["target"])
    raise InvalidArgumentError(
        "The 'spec' argument of load_dataset must be {'name': ...} or "
        f"{{'csv': ..., 'target': ...}}; got {dict(spec)!r}."
    )


def _load_bundled(name: object) -> tuple[Features, Target]:
    if name not in BUNDLED_DATASETS:
        raise InvalidArgumentError(
            f"The dataset name must be one of {', '.join(BUNDLED_DATASETS)}; got {name!r}. "
            "For other data, give a CSV file and its target column."
        )
    from sklearn import datasets

    loader: Callable[..., tuple[Features, Target]] = getattr(datasets, f"load_{name}")
    features, target = loader(return_X_y=True)
    return np.asarray(features, dtype=np.float64), np.asarray(target)


def _load_csv(path: Path, target: str) -> tuple[Features, Target]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            lines = [row for row in csv.reader(handle) if row]
    except FileNotFoundError:
        raise InvalidArgumentError(
            f"The CSV file {str(path)!r} does not exist (looked in {str(path.resolve())!r})."
        ) from None
    if not lines:
        raise InvalidArgumentError(f"The CSV file {str(path)!r} is empty; it needs a header row.")
    header, rows = lines[0], lines[1:]
    if target not in header:
        raise InvalidArgumentError(
            f"The target column {target!r} is not in the CSV file {str(path)!r}; "
            f"its columns are {', '.join(header)}."
        )
    if not rows:
        raise InvalidArgumentError(f"The CSV file {str(path)!r} has a header but no rows.")
    target_index = header.index(target)
    feature_indices = [i for i in range(len(header)) if i != target_index]
    features = np.empty((len(rows), len(feature_indices)), dtype=np.float64)
    for row_index, row in enumerate(rows):
        # Line numbers as an editor shows them: the header is line 1.
        line = row_index + 2
        if len(row) != len(header):
            raise InvalidArgumentError(
                f"Line {line} of the CSV file {str(path)!r} has {len(row)} fields; "
                f"the header has {len(header)}."
            )
        for column, index in enumerate(feature_indices):
            features[row_index, column] = _number(row[index], header[index], line, path)
    return features, _target_array([row[target_index] for row in rows])


def _number(cell: str, column: str, line: int, path: Path) -> float:
    if not cell.strip():
        return math.nan
    try:
        return float(cell)
    except ValueError:
        raise InvalidArgumentError(
            f"Feature column {column!r} of the CSV file {str(path)!r} must hold numbers; "
            f"got {cell!r} on line {line}. Encode categorical features as numbers first."
        ) from None


def _target_array(cells: Sequence[str]) -> Target:
    """Numbers when every cell is one (a regression target or numeric labels), else labels."""
    try:
        return np.array([float(cell) for cell in cells], dtype=np.float64)
    except ValueError:
        return np.array(cells, dtype=np.str_)
