"""TPE's acquisition: the candidate drawn from l(x) with the highest l(x) / g(x).

Failed trials count in g(x), and the ratio is multiplied by the probability
that a trial at x completes at all, estimated from where trials finished with
a value and where they failed: with o(x) the density of the first and f(x)
that of the second, each weighted by its group's total weight,
P(complete | x) = w_o o(x) / (w_o o(x) + w_f f(x)). This is the one-constraint
case of constrained TPE (Watanabe and Hutter, 2023): it keeps the search out of
regions where the objective breaks (out of memory, a diverging fit) even when
nothing else there looks bad.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tunesmith.samplers._tpe.layout import Layout
from tunesmith.samplers._tpe.parzen import ParzenEstimator, log_pdf, sample

__all__ = ["Failures", "Model", "best_candidate"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Failures:
    """Where trials completed and where they failed, for P(complete | x), at two scales.

    Attributes:
        completed: o(x) at each scale, the observations that finished with a value.
        failed: f(x) at each scale, the failed observations; the first is the
            one that joins g(x).
        completed_weight: the total weight of the completed observations and a prior kernel.
        failed_weight: the total weight of the failed observations and a prior kernel.
    """

    completed: tuple[ParzenEstimator, ...]
    failed: tuple[ParzenEstimator, ...]
    completed_weight: float
    failed_weight: float


@dataclass(frozen=True, slots=True)
class Model:
    """The fitted estimators of one proposal.

    Attributes:
        below: l(x), the good observations.
        above: the other observations that have a value, and running trials.
        above_weight: the total weight of ``above``, its prior kernel included.
        failures: where trials failed; None when none did. Then g(x) is ``above``;
            else the mixture of ``above`` and the failed observations.
    """

    below: ParzenEstimator
    above: ParzenEstimator
    above_weight: float
    failures: Failures | None


def _log_mixture(first: FloatArray, second: FloatArray, weight: float, other: float) -> FloatArray:
    """The log-density of (weight * first + other * second) / (weight + other)."""
    total = weight + other
    return np.asarray(np.logaddexp(np.log(weight / total) + first, np.log(other / total) + second))


def best_candidate(
    model: Model, layout: Layout, rng: np.random.Generator, n_candidates: int
) -> FloatArray:
    """Draw ``n_candidates`` points from l(x) and return the one with the best score.

    The score is l(x) / g(x), times P(complete | x) when trials have failed
    (see the module docstring). The ratio is monotone in expected improvement
    under TPE's model, so this is a cheap stochastic maximisation of expected
    improvement. Ties go to the first drawn, which keeps the choice reproducible.
    """
    candidates = sample(model.below, layout, rng, n_candidates)
    log_below = log_pdf(model.below, layout, candidates)
    log_above = log_pdf(model.above, layout, candidates)
    failures = model.failures
    if failures is None:
        scores = log_below - log_above
    else:
        log_completes = np.zeros(len(candidates))
        for completed, failed in zip(failures.completed, failures.failed, strict=True):
            log_ok = np.log(failures.completed_weight) + log_pdf(completed, layout, candidates)
            log_failed = np.log(failures.failed_weight) + log_pdf(failed, layout, candidates)
            log_completes += log_ok - np.logaddexp(log_ok, log_failed)
        log_failed = log_pdf(failures.failed[0], layout, candidates)
        log_bad = _log_mixture(log_above, log_failed, model.above_weight, failures.failed_weight)
        scores = log_below - log_bad + log_completes
    return np.asarray(candidates[int(np.argmax(scores))])
