"""The tabulated benchmark tasks: the committed grids load, match their spaces and their models."""

from __future__ import annotations

import json

import numpy as np
import pytest
from benchmarks.samplers.problems import PROBLEMS
from benchmarks.samplers.problems.base import FloatParam, IntParam
from benchmarks.samplers.problems.grid import INACTIVE, grid_key, grid_points
from benchmarks.samplers.problems.tabular import TABULAR_TASKS, TabularTask, load_table


@pytest.mark.parametrize("task", TABULAR_TASKS, ids=lambda t: t.name)
def test_the_committed_grid_holds_every_configuration_of_the_space(task: TabularTask) -> None:
    table = load_table(task)
    configurations = list(grid_points(task.space))
    assert (
        len(table) == len(configurations) == len({grid_key(task.space, p) for p in configurations})
    )
    assert task.name in PROBLEMS
    problem = PROBLEMS[task.name]
    assert problem.kind == "tabular"
    assert 6 <= problem.n_hyperparameters <= 10
    assert problem.optimum == min(table.values())
    assert problem.optimum_params is not None
    assert problem(problem.optimum_params) == problem.optimum


@pytest.mark.parametrize("task", TABULAR_TASKS, ids=lambda t: t.name)
def test_a_tabulated_value_is_what_the_model_scores(task: TabularTask) -> None:
    configurations = list(grid_points(task.space))
    params = configurations[np.random.default_rng(0).integers(len(configurations))]
    assert PROBLEMS[task.name](params) == pytest.approx(task.model(params), rel=1e-9)


@pytest.mark.parametrize("task", TABULAR_TASKS, ids=lambda t: t.name)
def test_the_landscape_is_rugged_not_flat(task: TabularTask) -> None:
    values = np.array(sorted(load_table(task).values()))
    finite = values[np.isfinite(values)]
    # Many distinct scores, and the best few configurations well apart from the median.
    assert len(np.unique(finite)) > len(values) // 2
    assert np.median(finite) - finite[0] > 5 * (finite[1] - finite[0])


def test_the_second_layer_width_exists_only_with_two_layers() -> None:
    task = next(t for t in TABULAR_TASKS if t.name == "conditional_mlp_grid")
    names = list(json.loads(task.path.read_text())["hyperparameters"])
    layers, width2 = names.index("n_layers"), names.index("width2")
    for key in load_table(task):
        assert (key[width2] != INACTIVE) == (key[layers] == 1)  # index 1 is the choice 2


def test_a_grid_refuses_a_float_hyperparameter() -> None:
    with pytest.raises(ValueError, match="'rate' of a tabulated problem must be a categorical"):
        list(grid_points({"rate": FloatParam(0.0, 1.0)}))


def test_a_grid_refuses_a_value_outside_the_space() -> None:
    with pytest.raises(ValueError, match="The value 9 of 'depth' is not among its values"):
        grid_key({"depth": IntParam(1, 3)}, {"depth": 9})
