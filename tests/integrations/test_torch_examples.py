"""The PyTorch examples run, in a few trials, and print what the README says they print."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

import tunesmith

pytest.importorskip("torch")
pytest.importorskip("sklearn")

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("one_torch_thread")]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def examples(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the examples importable as a script sees them: from their own folder."""
    monkeypatch.syspath_prepend(str(EXAMPLES))


def load(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.mark.usefixtures("examples")
def test_the_two_objective_example_prints_the_front_and_a_smaller_model(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = load("torch_digits")

    example.main(["--trials", "3", "--tolerance", "0.5"])

    output = capsys.readouterr().out
    assert "Pareto front (" in output
    assert "Selected by smallest_within:0.5: trial" in output
    front_rows = [line for line in output.splitlines() if line[:5].strip().isdigit()]
    assert 1 <= len(front_rows) <= 3


@pytest.mark.usefixtures("examples")
def test_the_two_objective_examples_second_value_is_the_parameter_count() -> None:
    example = load("torch_digits")
    study = example.tune(2)

    for trial in study.trials:
        assert trial.state is tunesmith.TrialState.COMPLETE
        accuracy, size = trial.values
        assert 0.0 <= accuracy <= 1.0
        width, layers = trial.params["width"], trial.params["n_hidden_layers"]
        hidden = (64 + 1) * width + (layers - 1) * (width + 1) * width
        assert size == hidden + (width + 1) * 10


@pytest.mark.usefixtures("examples")
def test_the_pruned_example_reports_every_epoch_and_counts_the_pruned(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = load("torch_digits_pruned")
    study = example.tune(3, epochs=3)

    for trial in study.trials:
        assert trial.state in (tunesmith.TrialState.COMPLETE, tunesmith.TrialState.PRUNED)
        assert list(trial.intermediate_values) == list(range(1, trial.last_step + 1))
    complete = [t for t in study.trials if t.state is tunesmith.TrialState.COMPLETE]
    assert all(trial.last_step == 3 for trial in complete)

    example.main(["--trials", "2", "--epochs", "2"])
    output = capsys.readouterr().out
    assert re.search(r"^2 trials: \d+ complete, \d+ pruned$", output, re.MULTILINE)
    assert "Best: trial " in output
