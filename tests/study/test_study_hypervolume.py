"""study.hypervolume: the volume a multi-objective study's Pareto front dominates."""

from __future__ import annotations

import pytest

from tunesmith import TrialState, create_study
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError


def test_hypervolume_of_the_front_against_a_given_reference() -> None:
    study = create_study(directions=["maximize", "minimize"])
    for values in [(0.9, 300.0), (0.8, 100.0), (0.7, 250.0)]:  # the last one is dominated
        study.tell(study.ask(), values)
    assert study.hypervolume(reference=[0.5, 500.0]) == pytest.approx(140.0)
    study.tell(study.ask(), (0.95, 100.0))  # better than the whole front
    assert study.hypervolume(reference=[0.5, 500.0]) == pytest.approx(0.45 * 400.0)


def test_default_reference_is_just_beyond_the_worst_completed_values() -> None:
    study = create_study(directions=["minimize", "minimize"])
    for values in [(1.0, 3.0), (3.0, 1.0), (4.0, 4.0)]:
        study.tell(study.ask(), values)
    failed = study.ask()
    study.tell(failed, state=TrialState.FAIL)
    # Nadir (4, 4) plus a tenth of each range (3): reference (4.3, 4.3).
    expected = 3.3 * 1.3 + 1.3 * 3.3 - 1.3 * 1.3
    assert study.hypervolume() == pytest.approx(expected)
    assert study.hypervolume() == pytest.approx(study.hypervolume(reference=[4.3, 4.3]))


def test_single_objective_studies_are_refused() -> None:
    study = create_study(study_name="one", direction="maximize")
    study.tell(study.ask(), 0.9)
    with pytest.raises(InvalidArgumentError, match=r"several objectives; study 'one' has one"):
        study.hypervolume()


def test_no_completed_trial_and_a_bad_reference_are_refused() -> None:
    study = create_study(directions=["minimize", "minimize"])
    with pytest.raises(NoCompletedTrialsError):
        study.hypervolume()
    study.tell(study.ask(), (1.0, 1.0))
    with pytest.raises(InvalidArgumentError, match=r"'reference'.*2 finite numbers"):
        study.hypervolume(reference=[2.0])
