"""A bad config is refused with the field, the rule and the value, before any study is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tunesmith.cli.config import load_config
from tunesmith.exceptions import ConfigError

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

SVM = """\
study: svm
estimator:
  class: sklearn.svm.SVC
dataset: {name: iris}
scoring: accuracy
cv: 2
space:
  C: {type: float, low: 0.1, high: 10, log: true}
n_trials: 2
"""


def _replace(old: str, new: str) -> str:
    assert old in SVM
    return SVM.replace(old, new)


CASES = {
    "bad type": (
        _replace("low: 0.1", "low: abc"),
        ["field 'space.C.low'", "must be a number", "got 'abc'"],
    ),
    "unknown top-level key": (
        SVM + "trials: 3\n",
        ["field 'trials'", "is not a known key", "allowed keys:", "n_trials", "got 3"],
    ),
    "unknown key in a pipeline step": (
        _replace(
            "  class: sklearn.svm.SVC\n",
            "  pipeline:\n    - {name: svc, class: sklearn.svm.SVC, param: {}}\n",
        ).replace("  C:", "  svc__C:"),
        ["field 'estimator.pipeline.0.param'", "allowed keys: class, name, params"],
    ),
    "unknown scoring": (
        _replace("scoring: accuracy", "scoring: acuracy"),
        ["field 'scoring'", "scikit-learn scorer name", "accuracy", "got 'acuracy'"],
    ),
    "unknown dataset": (
        _replace("{name: iris}", "{name: mnist}"),
        ["field 'dataset.name'", "breast_cancer", "got 'mnist'"],
    ),
    "space hyperparameter not in the estimator": (
        _replace("  C:", "  gama:"),
        ["field 'space.gama'", "not a hyperparameter of SVC", "did you mean 'gamma'", "got 'gama'"],
    ),
    "both objective and estimator": (
        SVM + "objective: somewhere:objective\n",
        ["give either 'objective'", "'estimator'", "not both"],
    ),
    "range that breaks a distribution's rule": (
        _replace("high: 10", "high: 0.01"),
        ["field 'space'", "'low' argument of Float must be at most 'high'", "got"],
    ),
    "negative cv": (
        _replace("cv: 2", "cv: 1"),
        ["field 'cv'", "must be at least 2", "got 1"],
    ),
    "continuous range on a grid": (
        SVM + "sampler: grid\n",
        ["field 'sampler'", "needs a finite range", "got 'grid'"],
    ),
    "sampler option that breaks its rule": (
        SVM + "sampler: {name: tpe, gamma: 1.5}\n",
        ["field 'sampler.gamma'", "must be None or a number in (0, 1]", "got 1.5"],
    ),
    "estimator class that does not exist": (
        _replace("sklearn.svm.SVC", "sklearn.svm.SVX"),
        ["field 'estimator.class'", "has no attribute 'SVX'", "got 'sklearn.svm.SVX'"],
    ),
    "unknown pruner": (
        SVM + "pruner: {name: median, patience: 3}\n",
        ["field 'pruner'", "'pruner.patience' field is not an argument", "got {"],
    ),
    "no budget": (
        _replace("n_trials: 2\n", ""),
        ["give 'n_trials'", "'timeout'", "--n-trials"],
    ),
    "not YAML": (
        "space: {C: [1, 2\n",
        ["not valid YAML", "line"],
    ),
}


@pytest.mark.parametrize(("text", "fragments"), list(CASES.values()), ids=list(CASES))
def test_bad_config_is_refused_before_any_study_is_stored(
    text: str,
    fragments: list[str],
    invoke: Invoke,
    write_config: WriteConfig,
    storage_url: str,
    stored_studies: Callable[[], list[str]],
) -> None:
    config = write_config(text)

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {config}: ")
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr
    assert stored_studies() == []


def test_missing_target_column_names_the_columns(
    tmp_path: Path,
    invoke: Invoke,
    write_config: WriteConfig,
    storage_url: str,
    stored_studies: Callable[[], list[str]],
) -> None:
    (tmp_path / "data.csv").write_text("a,b,label\n1,2,x\n3,4,y\n", encoding="utf-8")
    config = write_config(_replace("{name: iris}", "{csv: data.csv, target: species}"))

    result = invoke("run", str(config), "--storage", storage_url)

    assert result.exit_code == 2
    assert "field 'dataset'" in result.stderr
    assert "target column 'species'" in result.stderr
    assert "its columns are a, b, label" in result.stderr
    assert stored_studies() == []


def test_every_problem_of_a_config_is_listed(write_config: WriteConfig) -> None:
    config = write_config(_replace("cv: 2", "cv: 1").replace("low: 0.1", "low: abc"))

    with pytest.raises(ConfigError) as raised:
        load_config(config)

    lines = str(raised.value).splitlines()
    assert len(lines) == 2
    assert any("'space.C.low'" in line for line in lines)
    assert any("'cv'" in line for line in lines)


def test_exponent_numbers_read_as_numbers(write_config: WriteConfig) -> None:
    # YAML 1.1 reads 1e-3 as a string; a config author means the number.
    config = load_config(write_config(_replace("low: 0.1", "low: 1e-3")))

    assert config.space["C"].low == pytest.approx(0.001)
