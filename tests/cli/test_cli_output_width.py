"""Output sent to a file or pipe is laid out wide; COLUMNS narrows it, without folding a cell.

tests/cli/test_cli_terminal.py checks the layout in real pseudo-terminals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

import tunesmith
from tunesmith.cli import main
from tunesmith.formatting import format_value

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

WIDE = """\
study: wide
estimator:
  class: sklearn.ensemble.HistGradientBoostingClassifier
  params: {random_state: 0, early_stopping: false}
dataset: {name: iris}
scoring: accuracy
cv: 2
space:
  learning_rate: {type: float, low: 0.01, high: 1.0, log: true}
  max_iter: {type: int, low: 3, high: 20}
  max_leaf_nodes: {type: int, low: 2, high: 16}
  l2_regularization: {type: float, low: 0.0001, high: 1.0, log: true}
  min_samples_leaf: {type: int, low: 2, high: 30}
sampler: random
seed: 0
n_trials: 4
"""


def _show(storage_url: str, columns: str | None) -> str:
    """``tunesmith show wide`` with COLUMNS set to ``columns``, or unset (None)."""
    result = CliRunner().invoke(
        main, ["show", "wide", "--storage", storage_url], env={"COLUMNS": columns}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def _whole_values_shown(output: str, study: tunesmith.Study) -> bool:
    return all(
        format_value(value) in output for trial in study.trials for value in trial.params.values()
    )


def test_piped_output_keeps_every_number_of_the_trials_table_whole(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    run = invoke("run", str(write_config(WIDE)), "--storage", storage_url)
    assert run.exit_code == 0, run.output
    study = tunesmith.load_study("wide", storage_url)
    assert _whole_values_shown(_show(storage_url, columns=None), study)


def test_columns_in_the_environment_still_set_the_width(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    run = invoke("run", str(write_config(WIDE)), "--storage", storage_url)
    assert run.exit_code == 0, run.output
    study = tunesmith.load_study("wide", storage_url)
    output = _show(storage_url, columns="80")
    # At 80 columns the table does not fit whole: columns are left out, none is folded.
    assert "Left out to fit 80 columns:" in output
    table_lines = [line for line in output.splitlines() if line.startswith(("│", "┃", "┏", "└"))]
    assert max(len(line) for line in table_lines) <= 80
    assert all(format_value(trial.value) in output for trial in study.trials)
