"""The Keras example runs, in a few short trials, and prints what its docstring says it prints."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.slow
def test_the_keras_example_prunes_epochs_and_prints_the_best_trial_with_its_size(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(EXAMPLES))
    example = importlib.import_module("keras_digits_pruned")

    example.main(["--trials", "4", "--epochs", "3"])

    output = capsys.readouterr().out
    assert re.search(r"4 trials: \d complete, \d pruned", output)
    assert re.search(r"Epochs trained: \d+ instead of 12 without pruning", output)
    assert re.search(r"Best: trial \d, accuracy 0\.\d{4}, [\d,]+ parameters \(", output)
