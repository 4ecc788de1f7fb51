"""Which sampler the auto sampler uses for the next trial, from a few facts about the study.

The policy follows where each sampler is strongest, as the sampler benchmark
measured it (``python -m benchmarks.samplers quality``; the rows are quoted next to
each rule below, normalised regret, lower is better). Quasi-random points cover
the space while there is too little to model. The GP is the strongest model on
spaces of up to a dozen hyperparameters, choices included, below a few hundred
trials; its cost grows with the history, and it models one objective over a fixed
set of hyperparameters, conditional ones included where a choice decides their
use. TPE handles spaces that are mostly conditional, many dimensions and long
histories. NSGA-II evolves a population toward the Pareto front of several
objectives.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from tunesmith.space import Distribution

__all__ = ["MAX_GP_DIMENSIONS", "MAX_GP_TRIALS", "SamplerChoice", "choose"]

# Past these, the GP gives way to TPE (see the module docstring and the rows at each rule).
#
# Dimensions: no quality problem of the benchmark has more than 10 hyperparameters, so
# this bound is set by cost, from the overhead table (ms per suggestion at 100 trials):
# GP 10.5 at d=5 and 27.1 at d=20, TPE 1.0 and 1.5.
MAX_GP_DIMENSIONS = 12
# Trials: the quality benchmark stops at 100 trials, so this bound is set by cost too: the
# GP takes 54 ms per suggestion at 500 trials (d=5) against Optuna TPE's 8.1 ms at 1,000,
# and auto's overhead is to stay below Optuna TPE's there (issue 16). tunesmith's TPE
# takes 1.9 ms at 1,000.
MAX_GP_TRIALS = 200
#
# No rule counts categoricals any more. Until issue 16 a space of more than 3 went to
# TPE; on the tabulated grids (6 to 7 choices each, 10 seeds) the GP, which sees a
# choice as a choice (a Hamming distance), is far ahead of TPE:
#   mlp_wine_grid       50 trials: gp 0.042, tpe 0.323;  100 trials: gp 0.024, tpe 3.332
#   random_forest_grid  50 trials: gp 0.114, tpe 0.583;  100 trials: gp 0.000, tpe 0.420
# (normalised regret; benchmarks/results/tabular/quality.md).


@dataclass(frozen=True, slots=True)
class SamplerChoice:
    """The sampler chosen for a trial (qmc, gp, tpe or nsga2) and why, in a sentence."""

    sampler: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        """The choice as JSON data, as it is stored with each trial."""
        return {"sampler": self.sampler, "reason": self.reason}


def _names(names: Collection[str]) -> str:
    shown = ", ".join(repr(name) for name in sorted(names)[:3])
    return shown + (", ..." if len(names) > 3 else "")


def choose(
    n_objectives: int,
    n_complete: int,
    distributions: Mapping[str, Distribution],
    completed_space: Collection[str],
    n_startup_trials: int,
) -> SamplerChoice:
    """The sampler for the next trial.

    Args:
        n_objectives: how many objectives the study has.
        n_complete: how many of its trials completed.
        distributions: every hyperparameter seen so far, with its range.
        completed_space: the names every completed trial used.
        n_startup_trials: completed trials before a model is used.
    """
    if n_complete < n_startup_trials:
        return SamplerChoice(
            "qmc",
            f"startup: quasi-random points until {n_startup_trials} trials complete "
            f"({n_complete} so far).",
        )
    if n_objectives > 1:
        return SamplerChoice(
            "nsga2",
            f"{n_objectives} objectives: NSGA-II evolves a population toward the Pareto front.",
        )
    conditional = set(distributions) - set(completed_space)
    # Conditional: the GP models a conditional hyperparameter whose use a choice decides,
    # with "not used" as one more value; TPE models each branch from its own trials.
    # Normalised regret, 10 seeds:
    #   conditional (synthetic, 7 of 8 conditional)  50 trials: tpe 0.050, gp 0.329;
    #                                                100 trials: tpe 0.019, gp 0.622
    #   conditional_mlp_grid (1 of 7 conditional)    50 trials: tpe 0.945, gp 0.527;
    #                                                100 trials: tpe 0.660, gp 0.088
    # (Before the GP modelled them: gp 0.928 and 1.324 on the first, 0.620 and 0.716 on the
    # second.) Where most of the space is conditional, the GP finds the best branch's optimum
    # in 8 seeds of 10 but stays on a worse branch in the other two; TPE keeps exploring the
    # branches. Two problems back this split, no more.
    if 2 * len(conditional) > len(distributions):
        return SamplerChoice(
            "tpe",
            f"conditional space ({_names(conditional)} not used by every trial, "
            f"{len(conditional)} of {len(distributions)} hyperparameters): where most are "
            "conditional, TPE models each branch from the trials that took it.",
        )
    n_dimensions = len(distributions)
    if n_dimensions > MAX_GP_DIMENSIONS:
        return SamplerChoice(
            "tpe",
            f"{n_dimensions} hyperparameters: more than the GP models well "
            f"(at most {MAX_GP_DIMENSIONS}); TPE scales to many.",
        )
    if n_complete >= MAX_GP_TRIALS:
        return SamplerChoice(
            "tpe",
            f"{n_complete} complete trials: from {MAX_GP_TRIALS} on, TPE does as well as the "
            "GP at a fraction of its cost.",
        )
    of_them = f" ({len(conditional)} conditional)" if conditional else ""
    return SamplerChoice(
        "gp",
        f"{n_dimensions} hyperparameters{of_them} and {n_complete} complete trials: on a small "
        "space and history the GP is the strongest model.",
    )
