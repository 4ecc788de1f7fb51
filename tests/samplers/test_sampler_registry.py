"""Samplers by name: what create_study(sampler=...) accepts and how it refuses the rest."""

from __future__ import annotations

import pytest

from tunesmith import create_study
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.samplers import (
    SAMPLER_NAMES,
    AutoSampler,
    CMAESSampler,
    GPSampler,
    QMCSampler,
    RandomSampler,
    Sampler,
)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("auto", AutoSampler),
        ("random", RandomSampler),
        ("QMC", QMCSampler),
        ("gp", GPSampler),
        ("cmaes", CMAESSampler),
        (None, AutoSampler),
    ],
)
def test_names_build_their_sampler_with_the_study_seed(name: str | None, kind: type) -> None:
    study = create_study(sampler=name, seed=4)
    assert type(study.sampler) is kind
    assert study.sampler.seed == 4


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(InvalidArgumentError, match="'tpe-ish'") as error:
        create_study(sampler="tpe-ish")
    for name in SAMPLER_NAMES:
        assert repr(name) in str(error.value)


def test_a_seed_beside_a_built_sampler_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="seed"):
        create_study(sampler=RandomSampler(seed=1), seed=2)


def test_a_sampler_by_name_suggests_what_the_same_object_would() -> None:
    def run(sampler: Sampler | str) -> list[float]:
        study = create_study(sampler=sampler, seed=9 if isinstance(sampler, str) else None)
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=5)
        return [t.params["x"] for t in study.trials]

    assert run("qmc") == run(QMCSampler(seed=9))


def test_repr_shows_the_sampler_as_built() -> None:
    assert repr(QMCSampler(seed=3)) == "QMCSampler(seed=3, scramble=True)"
    assert repr(RandomSampler()) == "RandomSampler(seed=None)"
