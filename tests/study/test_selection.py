"""study.select: "best" and "smallest_within" rules, in either direction, with clear refusals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier

from tunesmith import Categorical, Study, create_study
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.integrations.sklearn import CrossValidationObjective
from tunesmith.samplers import GridSampler
from tunesmith.study.selection import parse_selection_rule


def tell_all(
    study: Study, results: Sequence[tuple[float | tuple[float, ...], Mapping[str, Any]]]
) -> None:
    """One trial per (value(s), user attributes)."""
    for values, user_attrs in results:
        trial = study.ask()
        trial.suggest_float("x", 0.0, 1.0)
        for key, value in user_attrs.items():
            trial.set_user_attr(key, value)
        study.tell(trial, values)


def folds(*scores: float) -> dict[str, float]:
    return {f"split{fold}_test_score": score for fold, score in enumerate(scores)}


@pytest.mark.parametrize(
    "rule",
    ["smallest", "smallest_within:", "smallest_within:-1", "smallest_within:1sd", "Best", 5],
)
def test_a_malformed_rule_is_refused_naming_it_and_the_forms(rule: Any) -> None:
    study = create_study()
    tell_all(study, [(1.0, {})])
    with pytest.raises(InvalidArgumentError, match=rf"{rule!r}") as error:
        study.select(rule)
    for form in ("'best'", "smallest_within:<k>se", "smallest_within:<tolerance>", "<percent>%"):
        assert form in str(error.value)


def test_rules_parse_into_their_tolerance() -> None:
    assert parse_selection_rule(" smallest_within:0.5se ").amount == 0.5
    assert parse_selection_rule("smallest_within:1e-3").tolerance == "absolute"
    assert parse_selection_rule("smallest_within:2.5%").tolerance == "relative"


@pytest.mark.parametrize(("direction", "best"), [("minimize", 1), ("maximize", 2)])
def test_best_is_the_best_trial_in_either_direction(direction: str, best: int) -> None:
    study = create_study(direction=direction)
    tell_all(study, [(0.5, {}), (0.1, {}), (0.9, {})])
    assert study.select().number == best
    assert study.select("best") == study.best_trial


def test_best_of_several_objectives_needs_one_trial_best_in_all() -> None:
    study = create_study(directions=["maximize", "minimize"])
    tell_all(study, [((0.9, 100.0), {}), ((0.8, 200.0), {})])
    assert study.select("best").number == 0
    tell_all(study, [((0.95, 300.0), {})])
    with pytest.raises(InvalidArgumentError, match=r"2 objectives and 2 trials on its Pareto"):
        study.select("best")


def test_no_completed_trial_is_refused() -> None:
    study = create_study(study_name="fresh")
    with pytest.raises(NoCompletedTrialsError, match="'fresh'"):
        study.select("smallest_within:1%")


def test_absolute_tolerance_picks_the_smallest_model_close_enough() -> None:
    study = create_study(direction="maximize")
    tell_all(
        study,
        [
            (0.95, {"n_parameters": 1000}),  # the best score
            (0.945, {"n_parameters": 100}),  # exactly 0.005 below: within
            (0.94, {"n_parameters": 10}),  # 0.01 below: too far
            (0.95, {"n_parameters": 2000}),
        ],
    )
    assert study.select("smallest_within:0.005").number == 1
    assert study.select("smallest_within:0.01").number == 2
    assert study.select("smallest_within:0").number == 0


def test_relative_tolerance_follows_a_minimised_loss() -> None:
    study = create_study(direction="minimize")
    tell_all(
        study,
        [
            (2.0, {"n_parameters": 500}),
            (2.015, {"n_parameters": 50}),  # 0.75% worse
            (2.03, {"n_parameters": 5}),  # 1.5% worse
            (1.99 + 0.2, {"n_parameters": 1}),  # far worse
        ],
    )
    assert study.select("smallest_within:1%").number == 1
    assert study.select("smallest_within:2%").number == 2


def test_one_standard_error_of_the_best_trials_fold_scores() -> None:
    study = create_study(direction="maximize")
    # Best: mean 0.9, sample std 0.0791 over 5 folds, so one standard error is 0.0354.
    best_folds = folds(0.9, 1.0, 0.95, 0.85, 0.8)
    tell_all(
        study,
        [
            (0.9, {"n_parameters": 1000, **best_folds}),
            (0.87, {"n_parameters": 100}),  # 0.03 below: within one standard error
            (0.86, {"n_parameters": 10}),  # 0.04 below: within two only
        ],
    )
    assert study.select("smallest_within:1se").number == 1
    assert study.select("smallest_within:2se").number == 2


def test_standard_errors_need_the_best_trials_fold_scores() -> None:
    study = create_study(direction="maximize")
    tell_all(study, [(0.9, {"n_parameters": 10, **folds(0.9)}), (0.8, {"n_parameters": 1})])
    with pytest.raises(InvalidArgumentError, match=r"split0_test_score.*trial 0 has 1 fold"):
        study.select("smallest_within:1se")


def test_sizes_are_needed_and_missing_ones_are_named() -> None:
    study = create_study(direction="maximize")
    tell_all(study, [(0.9, {"n_parameters": 10}), (0.89, {}), (0.5, {})])
    with pytest.raises(InvalidArgumentError, match=r"trial\(s\) 1 within.*'n_parameters'"):
        study.select("smallest_within:0.05")


def test_the_second_objective_is_the_size_when_no_count_was_recorded() -> None:
    study = create_study(directions=["maximize", "minimize"])
    tell_all(
        study,
        [((0.91, 5000.0), {}), ((0.90, 400.0), {}), ((0.905, 900.0), {}), ((0.7, 3.0), {})],
    )
    assert study.select("smallest_within:0.02").number == 1
    assert study.select("smallest_within:0.001").number == 0


def test_the_smallest_good_forest_on_real_cross_validation() -> None:
    features, target = load_breast_cancer(return_X_y=True)
    space = {"n_estimators": Categorical([5, 8, 40])}
    forest = RandomForestClassifier(max_depth=3, random_state=0)
    objective = CrossValidationObjective(forest, features, target, "accuracy", 5, space=space)
    study = create_study(direction="maximize", sampler=GridSampler(space))
    study.optimize(objective, n_trials=3)
    best, chosen = study.best_trial, study.select("smallest_within:1se")
    fold_scores = [best.user_attrs[f"split{k}_test_score"] for k in range(5)]
    threshold = best.values[0] - np.std(fold_scores, ddof=1) / np.sqrt(5)  # type: ignore[index]
    size = {t.number: t.user_attrs["n_parameters"] for t in study.trials}
    # A smaller forest than the best scores within one standard error, and none smaller still.
    assert size[chosen.number] < size[best.number]
    assert chosen.values[0] >= threshold  # type: ignore[index]
    smaller = [t for t in study.trials if size[t.number] < size[chosen.number]]
    assert all(t.values[0] < threshold for t in smaller)  # type: ignore[index]
