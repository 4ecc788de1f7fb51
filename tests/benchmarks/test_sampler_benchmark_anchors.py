"""SMAC3 and HEBO, the benchmark's strongest anchors, run on conditional and tabulated spaces."""

from __future__ import annotations

import math

import pytest
from benchmarks.samplers.adapters.flat_space import to_params
from benchmarks.samplers.adapters.smac_adapter import configuration_space
from benchmarks.samplers.contenders import ANCHORS, CONTENDERS, available_contenders
from benchmarks.samplers.problems import PROBLEMS

NEW_ANCHORS = ("smac-hpo", "smac-bb", "hebo")


def _runnable(name: str) -> str:
    reason = CONTENDERS[name].unavailable()
    if reason is not None:
        pytest.skip(reason)
    return name


@pytest.mark.slow
@pytest.mark.parametrize("name", NEW_ANCHORS)
@pytest.mark.parametrize("problem_name", ["conditional", "conditional_mlp_grid"])
def test_an_anchor_repeats_its_run_for_a_seed(name: str, problem_name: str) -> None:
    contender, problem = CONTENDERS[_runnable(name)], PROBLEMS[problem_name]
    values = contender.run(problem, 3, 6)
    assert len(values) == 6
    assert all(math.isfinite(value) for value in values)
    assert contender.run(problem, 3, 6) == values


def test_the_anchors_are_the_other_tools_samplers() -> None:
    assert set(NEW_ANCHORS) <= set(ANCHORS)
    assert not [name for name in ANCHORS if name.startswith("tunesmith") or name == "random"]


def test_an_unavailable_anchor_is_named_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: None)
    available, notes = available_contenders(("random", "hebo", "smac-hpo"))
    assert "hebo" not in available
    assert "smac-hpo" not in available
    assert any(note.startswith("hebo skipped: HEBO needs hebo") for note in notes)
    assert any(note.startswith("smac-hpo skipped: SMAC3 is not installed") for note in notes)


def test_smac_sees_the_branch_as_a_condition_and_gets_the_original_choices_back() -> None:
    _runnable("smac-hpo")
    problem = PROBLEMS["conditional_mlp_grid"]
    space = configuration_space(problem, seed=0)
    assert [condition.child.name for condition in space.conditions] == ["width2"]
    for configuration in space.sample_configuration(20):
        params = to_params(problem.space, dict(configuration))
        assert ("width2" in params) == (params["n_layers"] == 2)
        assert math.isfinite(problem(params))
