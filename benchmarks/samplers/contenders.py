"""The samplers that compete, by the names the command line and the tables use.

Each contender runs one problem for one seed and returns the objective values in
trial order. A contender whose tool (or tunesmith sampler) is missing is reported
with the reason and left out, so the harness runs before every sampler has landed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from benchmarks.samplers.adapters import (
    hebo_adapter,
    hyperopt_adapter,
    optuna_adapter,
    smac_adapter,
    tunesmith_adapter,
)
from benchmarks.samplers.problems.base import Problem

__all__ = [
    "ANCHORS",
    "BASELINE",
    "CHEAP",
    "CONTENDERS",
    "Contender",
    "available_contenders",
]

# Random search: the scale of every score (1 is its median best value).
BASELINE = "random"


@dataclass(frozen=True)
class Contender:
    """A sampler of one tool.

    Attributes:
        name: the column name, ``tool-sampler``.
        description: how it is built, for the report.
        run: (problem, seed, n_trials) -> values in trial order.
        unavailable: () -> why it cannot run here, or None.
        slow: costs seconds per trial at a hundred trials (a Gaussian process);
            scheduled first, and left out of ``--quick``.
    """

    name: str
    description: str
    run: Callable[[Problem, int, int], list[float]]
    unavailable: Callable[[], str | None]
    slow: bool = False


def _tunesmith(sampler_name: str, slow: bool = False) -> Contender:
    return Contender(
        name=sampler_name if sampler_name == BASELINE else f"tunesmith-{sampler_name}",
        description=f'tunesmith create_study(sampler="{sampler_name}", seed=s)',
        run=partial(_run_tunesmith, sampler_name),
        unavailable=partial(tunesmith_adapter.unavailable_reason, sampler_name),
        slow=slow,
    )


def _run_tunesmith(sampler_name: str, problem: Problem, seed: int, n_trials: int) -> list[float]:
    return tunesmith_adapter.run_tunesmith(problem, sampler_name, seed, n_trials)


def _optuna(kind: str, constructor: str, slow: bool = False) -> Contender:
    return Contender(
        name=f"optuna-{kind}",
        description=f"Optuna {constructor}(seed=s), Optuna's defaults",
        run=partial(_run_optuna, kind),
        unavailable=partial(optuna_adapter.unavailable_reason, kind),
        slow=slow,
    )


def _run_optuna(kind: str, problem: Problem, seed: int, n_trials: int) -> list[float]:
    return optuna_adapter.run_optuna(problem, kind, seed, n_trials)


def _smac(facade: str, constructor: str, model: str, slow: bool = False) -> Contender:
    return Contender(
        name=f"smac-{facade}",
        description=f"SMAC3 {constructor}({model}), its defaults, deterministic=True, seed=s",
        run=partial(_run_smac, facade),
        unavailable=smac_adapter.unavailable_reason,
        slow=slow,
    )


def _run_smac(facade: str, problem: Problem, seed: int, n_trials: int) -> list[float]:
    return smac_adapter.run_smac(problem, facade, seed, n_trials)


CONTENDERS: dict[str, Contender] = {
    c.name: c
    for c in (
        _tunesmith("random"),
        _tunesmith("auto"),
        _tunesmith("tpe"),
        _tunesmith("gp", slow=True),
        _optuna("tpe", "TPESampler"),
        _optuna("gp", "GPSampler", slow=True),
        _optuna("cmaes", "CmaEsSampler"),
        Contender(
            name="hyperopt-tpe",
            description="Hyperopt fmin(algo=tpe.suggest, rstate=default_rng(s)), its defaults",
            run=hyperopt_adapter.run_hyperopt,
            unavailable=hyperopt_adapter.unavailable_reason,
        ),
        _smac("hpo", "HyperparameterOptimizationFacade", "random forest"),
        _smac("bb", "BlackBoxFacade", "Gaussian process", slow=True),
        Contender(
            name="hebo",
            description="HEBO(space, scramble_seed=s) 0.3.6, defaults; NumPy, torch, pymoo seeded",
            run=hebo_adapter.run_hebo,
            unavailable=hebo_adapter.unavailable_reason,
            slow=True,
        ),
    )
}

# The other tools' samplers: the anchors tunesmith's are measured against.
ANCHORS = tuple(
    name for name in CONTENDERS if name != BASELINE and not name.startswith("tunesmith-")
)

# Cheap contenders for --quick: no Gaussian process.
CHEAP = tuple(name for name, contender in CONTENDERS.items() if not contender.slow)


def available_contenders(names: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """The names among ``names`` that can run here, and a note for each one that cannot."""
    available = []
    notes = []
    for name in names:
        reason = CONTENDERS[name].unavailable()
        if reason is None:
            available.append(name)
        else:
            notes.append(f"{name} skipped: {reason}.")
    return tuple(available), notes
