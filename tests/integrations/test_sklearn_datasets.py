"""load_dataset: bundled datasets by name, CSV files by path and target column."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.integrations.sklearn import BUNDLED_DATASETS, load_dataset


@pytest.mark.parametrize("name", BUNDLED_DATASETS)
def test_every_bundled_dataset_loads(name: str) -> None:
    features, target = load_dataset({"name": name})

    assert features.ndim == 2
    assert len(features) == len(target) > 0


def test_csv_features_are_numbers_and_labels_stay_labels(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("height,label,width\n1.5,cat,2\n,dog,3\n", encoding="utf-8")

    features, target = load_dataset({"csv": str(path), "target": "label"})

    assert features[0].tolist() == [1.5, 2.0]
    assert math.isnan(features[1, 0])
    assert target.tolist() == ["cat", "dog"]


def test_a_numeric_csv_target_is_numbers(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("x,y\n1,0.5\n2,1.5\n", encoding="utf-8")

    _, target = load_dataset({"csv": str(path), "target": "y"})

    assert target.dtype == np.float64


@pytest.mark.parametrize(
    ("spec", "content", "message"),
    [
        ({"name": "mnist"}, None, "must be one of breast_cancer"),
        ({"csv": "missing.csv", "target": "y"}, None, "does not exist"),
        ({"csv": "data.csv", "target": "z"}, "x,y\n1,2\n", "its columns are x, y"),
        ({"csv": "data.csv", "target": "y"}, "x,y\nabc,2\n", "got 'abc' on line 2"),
        ({"csv": "data.csv", "target": "y"}, "x,y\n1,2,3\n", "Line 2"),
        ({"csv": "data.csv", "target": "y"}, "x,y\n", "no rows"),
        ({"csv": "data.csv"}, "x,y\n1,2\n", "'target'"),
    ],
)
def test_bad_datasets_are_refused_with_a_reason(
    spec: dict[str, str],
    content: str | None,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "data.csv").write_text(content, encoding="utf-8")

    with pytest.raises(InvalidArgumentError, match=re.escape(message)):
        load_dataset(spec)
