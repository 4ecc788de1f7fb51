"""The benchmark problems: synthetic functions, scikit-learn tasks and tabulated grids."""

from benchmarks.samplers.problems.base import Problem
from benchmarks.samplers.problems.sklearn_tasks import SKLEARN_PROBLEMS
from benchmarks.samplers.problems.synthetic import SYNTHETIC_PROBLEMS
from benchmarks.samplers.problems.tabular import TABULAR_PROBLEMS

__all__ = ["PROBLEMS", "Problem"]

PROBLEMS: dict[str, Problem] = {
    p.name: p for p in (*SYNTHETIC_PROBLEMS, *SKLEARN_PROBLEMS, *TABULAR_PROBLEMS)
}
