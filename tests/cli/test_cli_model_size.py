"""`run`, `show` and `best` show how many parameters each trial's model learned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

import tunesmith

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

TREE_DEPTHS = """\
study: tree-sizes
estimator:
  class: sklearn.tree.DecisionTreeClassifier
  params: {random_state: 0}
dataset: {name: iris}
cv: 2
space:
  max_depth: [1, 2, 4]
sampler: grid
n_trials: 3
"""


def header_cells(output: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith("┃"))
    return [cell.strip() for cell in line.strip("┃").split("┃")]


def test_show_and_best_give_each_trials_parameter_count(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    run = invoke("run", str(write_config(TREE_DEPTHS)), "--storage", storage_url)
    assert run.exit_code == 0, run.output
    study = tunesmith.load_study("tree-sizes", storage_url)
    sizes = {t.number: t.user_attrs["n_parameters"] for t in study.trials}

    shown = invoke("show", "tree-sizes", "--storage", storage_url)
    best = invoke("best", "tree-sizes", "--storage", storage_url)

    column = header_cells(shown.stdout).index("n_parameters")
    shown_sizes = {}
    for line in shown.stdout.splitlines():
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if cells[0].isdigit():
            shown_sizes[int(cells[0])] = int(cells[column])
    assert shown_sizes == sizes
    # A depth-1 tree: one split (feature, threshold) and two leaves of 3 class values.
    depth_one = next(t for t in study.trials if t.params["max_depth"] == 1)
    assert sizes[depth_one.number] == 2 + 2 * 3
    winner = study.best_trial
    assert f"{winner.user_attrs['n_parameters']:,} parameters learned" in best.stdout
    assert "n_parameters" in header_cells(run.stdout)
