"""In a real terminal (a pseudo-terminal of 80, 120 or 200 columns) no table cell is split.

The commands run as a user runs them, in a child process whose stdout is a
pseudo-terminal of the given size, not a pipe: rich reads the width from it.
A table whose every row takes one line has split no number, word or header;
the columns that did not fit are named under the table.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith
from tunesmith.formatting import format_value

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
    pytest.mark.slow,
]

# Long hyperparameter names, as a pipeline gives them, and numbers of every kind.
WIDE = """\
study: wide
estimator:
  pipeline:
    - {name: scale, class: sklearn.preprocessing.StandardScaler}
    - {name: gradient_boosting, class: sklearn.ensemble.HistGradientBoostingClassifier,
       params: {random_state: 0, early_stopping: false}}
dataset: {name: iris}
scoring: accuracy
cv: 2
space:
  gradient_boosting__learning_rate: {type: float, low: 0.01, high: 1.0, log: true}
  gradient_boosting__max_iter: {type: int, low: 3, high: 20}
  gradient_boosting__max_leaf_nodes: {type: int, low: 2, high: 16}
  gradient_boosting__l2_regularization: {type: float, low: 0.0001, high: 1.0, log: true}
  gradient_boosting__min_samples_leaf: {type: int, low: 2, high: 30}
sampler: random
seed: 0
n_trials: 6
"""

_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07")


def in_terminal(args: list[str], columns: int, rows: int = 50) -> str:
    """What ``tunesmith ARGS`` prints to a pseudo-terminal ``columns`` wide, escapes removed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "tunesmith.cli", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 0, b"".join(chunks).decode(errors="replace")
    text = b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")
    return _ESCAPES.sub("", text)


def table_rows(output: str) -> list[list[str]]:
    """The cells of each line of the first table in ``output`` (header line first)."""
    return [
        [cell.strip() for cell in line.strip().strip("│┃").split("│" if "│" in line else "┃")]
        for line in output.splitlines()
        if line.lstrip().startswith(("│", "┃"))
    ]


def _check_layout(output: str, columns: int, trials: list[tunesmith.FrozenTrial]) -> None:
    assert max(len(line) for line in output.splitlines()) <= columns
    rows = table_rows(output)
    header, body = rows[0], rows[1:]
    # One line per trial: no cell (header or value) was folded onto a second line.
    assert len(body) == len(trials), output
    flat = " ".join(output.split())
    for trial, row in zip(sorted(trials, key=lambda t: t.number), body, strict=True):
        assert row[0] == str(trial.number)
        assert format_value(trial.values[0]) in row if trial.values else True
        for name, value in trial.params.items():
            short = name.rsplit("__", 1)[-1]  # the header drops the pipeline step
            if short in header:
                assert row[header.index(short)] == format_value(value), (name, output)
            else:
                assert f"Left out to fit {columns} columns:" in flat, output
                assert short in flat.split("columns:", 1)[1], (name, output)


@pytest.fixture(scope="module")
def wide_study(invoke: Invoke, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A study of 6 trials, run once for the tests of this module that only read it."""
    folder = tmp_path_factory.mktemp("wide")
    config = folder / "wide.yaml"
    config.write_text(WIDE, encoding="utf-8")
    storage_url = f"sqlite:///{folder / 'studies.db'}"
    run = invoke("run", str(config), "--storage", storage_url)
    assert run.exit_code == 0, run.output
    return storage_url


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_show_splits_no_cell_in_a_terminal(wide_study: str, columns: int) -> None:
    output = in_terminal(["show", "wide", "--storage", wide_study], columns)

    study = tunesmith.load_study("wide", wide_study)
    _check_layout(output, columns, study.trials)
    if columns == 200:
        assert "Left out" not in output


@pytest.mark.parametrize("columns", [80, 120])
def test_the_top_trials_at_the_end_of_a_run_split_no_cell(
    write_config: WriteConfig, storage_url: str, columns: int
) -> None:
    config = write_config(WIDE)
    output = in_terminal(["run", str(config), "--storage", storage_url], columns)

    study = tunesmith.load_study("wide", storage_url)
    top = output[output.index("Top 5 trials") :]
    shown = [int(row[0]) for row in table_rows(top)[1:]]
    _check_layout(top, columns, [study.trials[number] for number in shown])
    assert len(shown) == 5
    best = study.best_trial
    assert f"Best trial {best.number}: value {format_value(best.value)} with " in output


def test_studies_fit_in_80_columns(wide_study: str) -> None:
    output = in_terminal(["studies", "--storage", wide_study], 80)

    assert max(len(line) for line in output.splitlines()) <= 80
    assert len(table_rows(output)) == 2  # the header and the one study, one line each
