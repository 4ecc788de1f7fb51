"""A run stores its metric names and analysis settings as study metadata that Python reads,
and a study stored by the previous version's CLI still shows what it showed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

import tunesmith
from scored_studies import scored_study
from tunesmith.cli.estimates import overfitting_lines
from tunesmith.study import AnalysisSettings

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]
ObjectiveModule = Callable[[str], str]

TREES = """\
study: trees
estimator:
  class: sklearn.tree.DecisionTreeClassifier
  params: {random_state: 0}
dataset: {name: iris}
scoring: accuracy
objectives: [score, n_parameters]
cv: 2
space:
  max_depth: [1, 3]
sampler: grid
select: smallest_within:1se
overfit_gap: 0.02
"""

QUADRATIC = """\
study: quadratic
objective: {module}:quadratic
space:
  x: {{type: float, low: 0.0, high: 1.0}}
seed: 0
n_trials: 3
"""

QUADRATIC_SOURCE = """\
def quadratic(trial):
    return (trial.params["x"] - 0.5) ** 2
"""

# Validation and train accuracy of four trials, and their fold scores: trial 2 scores best;
# trial 3 fits more and validates worse, its train score 0.045 above validation: over a gap
# of 0.01 (flagged) but under the default 0.05.
TRIALS = [
    (0.80, 0.805, [0.78, 0.80, 0.82]),
    (0.85, 0.86, [0.84, 0.85, 0.86]),
    (0.90, 0.92, [0.88, 0.90, 0.92]),
    (0.88, 0.925, [0.87, 0.88, 0.89]),
]


def test_a_run_names_its_objectives_and_keeps_its_settings_for_python(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    result = invoke("run", str(write_config(TREES)), "--storage", storage_url)
    assert result.exit_code == 0, result.output

    study = tunesmith.load_study("trees", storage_url)

    assert study.metric_names == ["accuracy", "n_parameters"]
    assert study.analysis_settings == AnalysisSettings(
        score_name="accuracy", overfit_gap=0.02, selection_rule="smallest_within:1se"
    )
    assert "cli_report_settings" not in study.system_attrs


def test_a_function_run_leaves_its_objectives_unnamed(
    invoke: Invoke,
    write_config: WriteConfig,
    objective_module: ObjectiveModule,
    storage_url: str,
) -> None:
    config = write_config(QUADRATIC.format(module=objective_module(QUADRATIC_SOURCE)))
    result = invoke("run", str(config), "--storage", storage_url)
    assert result.exit_code == 0, result.output

    study = tunesmith.load_study("quadratic", storage_url)

    assert study.metric_names is None
    assert study.analysis_settings == AnalysisSettings()


def _lines(result: Result, study_name: str) -> list[str]:
    """The output's lines, the study's name and each trial's duration (last cell) masked."""
    assert result.exit_code == 0, result.output
    text = result.stdout.replace(study_name, "STUDY")
    return [re.sub(r"[\d.]+\s*│$", "DURATION│", line) for line in text.splitlines()]


def test_a_study_stored_by_the_previous_cli_shows_the_same_lines(
    invoke: Invoke, storage_url: str
) -> None:
    old = scored_study(TRIALS, "legacy-study", storage_url)
    # What the previous version's `tunesmith run` stored, written as it wrote it.
    old_settings = {"scoring": "accuracy", "overfit_gap": 0.01, "objective_names": ["accuracy"]}
    old.storage.set_study_system_attr(old.study_id, "cli_report_settings", old_settings)
    new = scored_study(TRIALS, "newest-study", storage_url)
    new.set_metric_names(["accuracy"])
    new.set_analysis_settings(AnalysisSettings(score_name="accuracy", overfit_gap=0.01))

    for command in ("show", "best"):
        shown = _lines(invoke(command, "legacy-study", "--storage", storage_url), "legacy-study")
        current = invoke(command, "newest-study", "--storage", storage_url)
        assert shown == _lines(current, "newest-study")
        text = "\n".join(shown)
        assert "Best CV accuracy 0.900 (trial 2)" in text
        assert "1 of 4 trials with a train score may overfit" in text
        assert "more than 0.01 better on their training folds" in text
        if command == "show":
            assert "accuracy (maximize)" in text


def test_a_flagged_trial_shown_is_warned_about_with_the_trial_that_fits_less(
    storage_url: str,
) -> None:
    study = scored_study(TRIALS, "flagged-study", storage_url)
    past_sweet_spot = study.trials[3]

    lines = overfitting_lines(study, past_sweet_spot, 0.01)

    assert lines[0] == (
        "Trial 3 may overfit: train 0.925, validation 0.880, gap 0.045 > 0.01; "
        "trial 2 fits less and validates as well"
    )
    assert lines[1].startswith("1 of 4 trials with a train score may overfit")
    assert overfitting_lines(study, past_sweet_spot, 0.05) == []  # the gap is under this floor
