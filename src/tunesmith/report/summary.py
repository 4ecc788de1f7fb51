"""The facts a report states in words: trials by state, the best and selected trials, trust.

Each fact is one ``(heading, sentence)`` pair; a fact the study has nothing to
say about (no pruning, no fold scores, a named sampler) is left out.
"""

from __future__ import annotations

from collections import Counter

from tunesmith.analysis import held_out_score, overfitting, selection_bias
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError
from tunesmith.formatting import format_hyperparameters
from tunesmith.history import step_budget
from tunesmith.samplers.auto import SAMPLER_CHOICE_ATTR
from tunesmith.study import Study
from tunesmith.study.selection import trial_size
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState

__all__ = ["summary_facts"]

Fact = tuple[str, str]


def _number(value: float) -> str:
    return f"{value:.4g}"


def _best(study: Study) -> FrozenTrial | None:
    """The completed trial with the best score (the first objective, in its direction)."""
    completed = [t for t in study.get_trials([TrialState.COMPLETE]) if t.values]
    if not completed:
        return None
    sign = -1.0 if study.directions[0] is StudyDirection.MAXIMIZE else 1.0
    return min(completed, key=lambda t: (sign * t.values[0] if t.values else 0.0, t.number))


def _params(trial: FrozenTrial) -> str:
    return format_hyperparameters(trial.params)


def _selection(study: Study, best: FrozenTrial | None) -> Fact | None:
    rule = study.analysis_settings.selection_rule or "smallest_within:1se"
    try:
        chosen = study.select(rule)
    except (InvalidArgumentError, NoCompletedTrialsError):
        return None
    sentence = f"Rule {rule!r} selects trial {chosen.number} ({_params(chosen)})"
    chosen_size = trial_size(chosen, study.directions)
    best_size = None if best is None else trial_size(best, study.directions)
    if best is not None and chosen.number == best.number:
        sentence += ": the best trial itself, no smaller model scores within the tolerance"
    elif chosen_size and best_size and best is not None:
        sentence += (
            f": {chosen_size:,.0f} learned parameters against the best trial {best.number}'s "
            f"{best_size:,.0f}, {best_size / chosen_size:.1f}x smaller"
        )
    return "Selected model", sentence + "."


def _estimate(study: Study) -> Fact | None:
    held = held_out_score(study)
    if held is not None:
        return "Honest estimate", (
            f"Trial {held.trial_number}: cross-validation {held.scoring} {_number(held.cv_score)}, "
            f"held-out test {_number(held.test_score)} on {held.n_test_samples:,} samples."
        )
    try:
        estimate = selection_bias(study)
    except (InvalidArgumentError, NoCompletedTrialsError):
        return None
    return "Honest estimate", (
        f"Best cross-validation score {_number(estimate.best_cv_score)} (trial "
        f"{estimate.trial_number}) is optimistic; corrected for selection bias "
        f"(Tibshirani & Tibshirani 2009): {_number(estimate.corrected_score)}."
    )


def _overfitting(study: Study) -> Fact | None:
    gap = study.analysis_settings.overfit_gap
    records = overfitting(study, gap)
    flagged = [r.number for r in records if r.flagged]
    if not records:
        return None
    if not flagged:
        return (
            "Overfitting",
            f"No trial may overfit: none beats its validation score on train by more than {gap:g} "
            "and its fold noise while a trial fitting less validates as well.",
        )
    shown = ", ".join(str(n) for n in flagged[:10]) + (" ..." if len(flagged) > 10 else "")
    return "Overfitting", (
        f"{len(flagged)} of {len(records)} trials may overfit (train beats validation by more "
        f"than {gap:g} and the fold noise, and a trial fitting less validates as well): "
        f"trials {shown}."
    )


def _pruning(study: Study) -> Fact | None:
    budget = step_budget(study.history)
    if budget is None or budget.n_pruned == 0:
        return None
    sentence = (
        f"Pruned {budget.n_pruned} of {budget.n_trials} trials: {budget.steps_trained:,} training "
        f"steps instead of {budget.steps_unpruned:,} without pruning"
    )
    if budget.steps_saved > 0:
        sentence += f" ({budget.steps_saved:,} saved, {budget.times_fewer:.1f}x fewer)"
    return "Pruning savings", sentence + "."


def _sampler_choice(trials: list[FrozenTrial]) -> Fact | None:
    choices = [
        choice
        for trial in trials
        if isinstance(choice := trial.system_attrs.get(SAMPLER_CHOICE_ATTR), dict)
        and "sampler" in choice
    ]
    if not choices:
        return None
    counts = Counter(str(choice["sampler"]) for choice in choices)
    used = ", ".join(f"{name} for {count} trials" for name, count in counts.items())
    last = choices[-1]
    return "Sampler", f"auto chose {used}; last {last['sampler']}: {last.get('reason', '')}."


def summary_facts(study: Study) -> list[Fact]:
    """The report's summary, in order: what applies to ``study``."""
    trials = study.trials
    states = Counter(trial.state.name.lower() for trial in trials)
    facts: list[Fact | None] = [
        (
            "Trials",
            f"{len(trials)} trials: "
            + ", ".join(f"{count} {state}" for state, count in sorted(states.items()))
            + ".",
        )
    ]
    best = _best(study)
    if best is not None and best.values is not None:
        score = f"{_number(best.values[0])} with {_params(best)}"
        if study.is_multi_objective:
            facts.append(
                (
                    "Pareto front",
                    f"{len(study.best_trials)} trials on the Pareto front; the best "
                    f"{study.analysis_settings.score_name} (first objective) is trial "
                    f"{best.number}'s {score}.",
                )
            )
        else:
            facts.append(("Best trial", f"Trial {best.number}: {score}."))
    facts += [
        _selection(study, best),
        _estimate(study),
        _overfitting(study),
        _pruning(study),
        _sampler_choice(trials),
    ]
    return [fact for fact in facts if fact is not None]
