"""The line a run ends with when the auto sampler chose the samplers: which, how often, and why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tunesmith.samplers.auto import SAMPLER_CHOICE_ATTR
from tunesmith.trial import FrozenTrial

__all__ = ["sampler_choice_line"]


def sampler_choice_line(trials: Sequence[FrozenTrial]) -> str | None:
    """'Sampler auto chose qmc for 10 trials, gp for 20; last gp: <reason>'.

    None when no trial recorded a choice (the study named its sampler).
    """
    choices = [
        choice
        for trial in sorted(trials, key=lambda t: t.number)
        if isinstance(choice := trial.system_attrs.get(SAMPLER_CHOICE_ATTR), dict)
        and "sampler" in choice
    ]
    if not choices:
        return None
    counts = Counter(str(choice["sampler"]) for choice in choices)
    # Counter keeps first-seen order: the samplers in the order the study used them.
    used = ", ".join(
        f"{name} for {count} trial{'s' if count != 1 else ''}" for name, count in counts.items()
    )
    last = choices[-1]
    return f"Sampler auto chose {used}; last {last['sampler']}: {last.get('reason', '')}"
