"""Synthetic test functions with known optima, from 2 to 10 dimensions.

The classic functions follow their usual definitions (see the Virtual Library of
Simulation Experiments by Surjanovic and Bingham). Ackley and Rastrigin are centred
at zero, so their boxes here run from -high/2 to high: the optimum then lies a third
of the way along each axis, not at the centre, which would hand a free win to
samplers that start there (CMA-ES's initial mean, the prior of TPE).

Two functions are made up for the benchmark, with the optimum known by construction:
``mixed`` (floats, a log-scale float, ints, a log-scale int and categoricals, with an
interaction between a categorical and a float) and ``conditional`` (a categorical
picks which sub-function, and so which hyperparameters, exist).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from benchmarks.samplers.problems.base import (
    CategoricalParam,
    FloatParam,
    IntParam,
    Params,
    Problem,
)

__all__ = ["SYNTHETIC_PROBLEMS"]

Vector = npt.NDArray[np.float64]


def branin(x: Vector) -> float:
    b = 5.1 / (4 * math.pi**2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return float((x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10)


_HARTMANN_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])
_HARTMANN3_A = np.array([[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]])
_HARTMANN3_P = 1e-4 * np.array(
    [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]
)
_HARTMANN6_A = np.array(
    [
        [10, 3, 17, 3.5, 1.7, 8],
        [0.05, 10, 17, 0.1, 8, 14],
        [3, 3.5, 1.7, 10, 17, 8],
        [17, 8, 0.05, 10, 0.1, 14],
    ]
)
_HARTMANN6_P = 1e-4 * np.array(
    [
        [1312, 1696, 5569, 124, 8283, 5886],
        [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650],
        [4047, 8828, 8732, 5743, 1091, 381],
    ]
)


def _hartmann(x: Vector, a: Vector, p: Vector) -> float:
    return float(-_HARTMANN_ALPHA @ np.exp(-np.sum(a * (x - p) ** 2, axis=1)))


def hartmann3(x: Vector) -> float:
    return _hartmann(x, _HARTMANN3_A, _HARTMANN3_P)


def hartmann6(x: Vector) -> float:
    return _hartmann(x, _HARTMANN6_A, _HARTMANN6_P)


def rosenbrock(x: Vector) -> float:
    return float(np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))


def ackley(x: Vector) -> float:
    return float(
        -20 * np.exp(-0.2 * np.sqrt(np.mean(x**2)))
        - np.exp(np.mean(np.cos(2 * math.pi * x)))
        + 20
        + math.e
    )


def levy(x: Vector) -> float:
    w = 1 + (x - 1) / 4
    head = math.sin(math.pi * w[0]) ** 2
    body = np.sum((w[:-1] - 1) ** 2 * (1 + 10 * np.sin(math.pi * w[:-1] + 1) ** 2))
    tail = (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return float(head + body + tail)


def styblinski_tang(x: Vector) -> float:
    return float(0.5 * np.sum(x**4 - 16 * x**2 + 5 * x))


def rastrigin(x: Vector) -> float:
    return float(10 * x.size + np.sum(x**2 - 10 * np.cos(2 * math.pi * x)))


@dataclass(frozen=True)
class _OnVector:
    """Adapts a function of a vector to a function of params named x0, x1, ..."""

    function: Callable[[Vector], float]
    dimension: int

    def __call__(self, params: Params) -> float:
        return self.function(np.array([params[f"x{i}"] for i in range(self.dimension)]))


def _vector_problem(
    name: str,
    function: Callable[[Vector], float],
    bounds: tuple[float, float],
    optimum: float,
    argmin: list[float],
) -> Problem:
    dimension = len(argmin)
    return Problem(
        name=name,
        kind="synthetic",
        space={f"x{i}": FloatParam(*bounds) for i in range(dimension)},
        function=_OnVector(function, dimension),
        description=f"{function.__name__}, {dimension}-d, x in [{bounds[0]:g}, {bounds[1]:g}]",
        optimum=optimum,
        optimum_params={f"x{i}": value for i, value in enumerate(argmin)},
    )


def _branin_problem() -> Problem:
    # Branin's box differs per axis, so it is written out rather than built by _vector_problem.
    return Problem(
        name="branin2",
        kind="synthetic",
        space={"x0": FloatParam(-5.0, 10.0), "x1": FloatParam(0.0, 15.0)},
        function=_OnVector(branin, 2),
        description="branin, 2-d, x0 in [-5, 10], x1 in [0, 15]",
        optimum=0.397887357729738,
        optimum_params={"x0": math.pi, "x1": 2.275},
    )


# The mixed problem: the best log10 learning rate and the price of each optimiser and
# activation. The best learning rate depends on the optimiser, so a sampler that models
# the two on their own does worse than one that sees them together.
_BEST_LOG10_LR = {"sgd": -1.0, "momentum": -1.5, "adam": -3.0}
_OPTIMIZER_COST = {"sgd": 0.3, "momentum": 0.1, "adam": 0.0}
_ACTIVATION_COST = {"relu": 0.05, "tanh": 0.15, "gelu": 0.0, "sigmoid": 0.4}


def mixed(params: Params) -> float:
    """A made-up training recipe: zero at adam, lr 1e-3, 3 layers, 128 units, gelu, dropout 0.25."""
    optimizer = params["optimizer"]
    layers = params["layers"]
    # Deeper networks want more dropout: another interaction, between an int and a float.
    best_dropout = 0.1 + 0.05 * layers
    return (
        (math.log10(params["lr"]) - _BEST_LOG10_LR[optimizer]) ** 2 / 4
        + _OPTIMIZER_COST[optimizer]
        + 4 * (params["dropout"] - best_dropout) ** 2
        + 0.1 * (layers - 3) ** 2
        + ((math.log2(params["units"]) - 7) / 3) ** 2
        + _ACTIVATION_COST[params["activation"]]
    )


def _mixed_problem() -> Problem:
    return Problem(
        name="mixed",
        kind="synthetic",
        space={
            "optimizer": CategoricalParam(("sgd", "momentum", "adam")),
            "lr": FloatParam(1e-5, 1.0, log=True),
            "dropout": FloatParam(0.0, 0.8),
            "layers": IntParam(1, 8),
            "units": IntParam(8, 1024, log=True),
            "activation": CategoricalParam(("relu", "tanh", "gelu", "sigmoid")),
        },
        function=mixed,
        description="made up: 2 floats (1 log), 2 ints (1 log), 2 categoricals, interactions",
        optimum=0.0,
        optimum_params={
            "optimizer": "adam",
            "lr": 1e-3,
            "dropout": 0.25,
            "layers": 3,
            "units": 128,
            "activation": "gelu",
        },
    )


# The conditional problem: each branch's offset; the best branch (branin) is not the
# one whose sub-function is easiest to get close to (quadratic), so a sampler has to
# keep exploring every branch.
_BRANCH_OFFSET = {"branin": 0.0, "hartmann3": 0.25, "quadratic": 0.5}


def conditional(params: Params) -> float:
    """Zero at kind=branin with Branin's optimum; each branch reads only its own hyperparameters."""
    kind = params["kind"]
    if kind == "branin":
        point = np.array([params["branin_x0"], params["branin_x1"]])
        value = (branin(point) - 0.397887357729738) / 10
    elif kind == "hartmann3":
        point = np.array([params[f"hartmann_x{i}"] for i in range(3)])
        value = hartmann3(point) + 3.86278214782076
    else:
        value = ((params["quadratic_k"] - 14) / 5) ** 2 + (params["quadratic_z"] - 0.5) ** 2
    return float(value + _BRANCH_OFFSET[kind])


def _conditional_problem() -> Problem:
    unit = FloatParam(0.0, 1.0)
    return Problem(
        name="conditional",
        kind="synthetic",
        space={
            "kind": CategoricalParam(
                ("branin", "hartmann3", "quadratic"),
                branches={
                    "branin": {
                        "branin_x0": FloatParam(-5.0, 10.0),
                        "branin_x1": FloatParam(0.0, 15.0),
                    },
                    "hartmann3": {f"hartmann_x{i}": unit for i in range(3)},
                    "quadratic": {
                        "quadratic_k": IntParam(0, 20),
                        "quadratic_z": FloatParam(-3.0, 3.0),
                    },
                },
            )
        },
        function=conditional,
        description="made up: a categorical picks branin, hartmann3 or an int+float quadratic",
        optimum=0.0,
        optimum_params={"kind": "branin", "branin_x0": math.pi, "branin_x1": 2.275},
    )


SYNTHETIC_PROBLEMS: tuple[Problem, ...] = (
    _branin_problem(),
    _vector_problem(
        "hartmann3", hartmann3, (0.0, 1.0), -3.86278214782076, [0.114614, 0.555649, 0.852547]
    ),
    _vector_problem(
        "hartmann6",
        hartmann6,
        (0.0, 1.0),
        -3.32236801141551,
        [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573],
    ),
    _vector_problem("rosenbrock4", rosenbrock, (-5.0, 10.0), 0.0, [1.0] * 4),
    _vector_problem("ackley5", ackley, (-16.384, 32.768), 0.0, [0.0] * 5),
    _vector_problem("levy6", levy, (-10.0, 10.0), 0.0, [1.0] * 6),
    _vector_problem(
        "styblinski_tang8",
        styblinski_tang,
        (-5.0, 5.0),
        -39.16616570377142 * 8,
        [-2.903534027771178] * 8,
    ),
    _vector_problem("rastrigin10", rastrigin, (-2.56, 5.12), 0.0, [0.0] * 10),
    _mixed_problem(),
    _conditional_problem(),
)
