"""Ctrl-C during a run: stop cleanly, never in the middle of a storage write.

Python raises KeyboardInterrupt wherever the main thread happens to be. While
the objective runs that is what we want: the trial runner stores the trial as
interrupted (it does not count towards n_trials) and re-raises. Anywhere else
(asking the sampler, writing a result) the guard only asks the study to stop
and remembers the request, and the next objective call raises at once, so no
trial is left RUNNING. A second Ctrl-C raises wherever it lands, for a user
who insists.
"""

from __future__ import annotations

import signal
import threading
from dataclasses import dataclass
from types import FrameType, TracebackType
from typing import Any

from tunesmith.study import Objective, Study, Trial

__all__ = ["InterruptGuard", "Interruption", "interruption_of"]


@dataclass(frozen=True, slots=True)
class Interruption:
    """What Ctrl-C left behind: the study's trials, and how many it stopped mid-trial.

    >>> Interruption(n_trials=7, n_stopped=0).summary()
    'holds 7 trials, none left running (the running trials finished before the run stopped)'
    >>> print(Interruption(n_trials=7, n_stopped=2).summary())  # doctest: +NORMALIZE_WHITESPACE
    holds 7 trials, none left running (2 trials Ctrl-C stopped are stored as interrupted; they do
    not count towards n_trials)
    """

    n_trials: int
    n_stopped: int

    def summary(self) -> str:
        """What the study holds, as the interruption message says it."""
        if self.n_stopped == 0:
            stopped = "the running trials finished before the run stopped"
        elif self.n_stopped == 1:
            stopped = (
                "1 trial Ctrl-C stopped is stored as interrupted; it does not count towards "
                "n_trials"
            )
        else:
            stopped = (
                f"{self.n_stopped} trials Ctrl-C stopped are stored as interrupted; they do not "
                "count towards n_trials"
            )
        return f"holds {self.n_trials} trials, none left running ({stopped})"


def interruption_of(study: Study, first_number: int) -> Interruption:
    """The interruption of a run whose first trial was number ``first_number``."""
    trials = study.trials
    stopped = [t for t in trials[first_number:] if t.interrupted]
    return Interruption(n_trials=len(trials), n_stopped=len(stopped))


class InterruptGuard:
    """While entered (in the main thread), route SIGINT as the module docstring says.

    Args:
        study: the study to stop.
        main_thread_waits: the main thread only waits for worker threads (n_jobs
            above 1), so Ctrl-C is raised there at once; the thread executor then
            stores the trials its threads run as interrupted.
    """

    def __init__(self, study: Study, *, main_thread_waits: bool = False) -> None:
        self._study = study
        self._in_objective = main_thread_waits
        self._previous: Any = None
        self.interrupted = False

    def __enter__(self) -> InterruptGuard:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._on_interrupt)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def _on_interrupt(self, signum: int, frame: FrameType | None) -> None:
        already = self.interrupted
        self.interrupted = True
        self._study.stop()
        if self._in_objective or already:
            raise KeyboardInterrupt

    def wrap(self, objective: Objective) -> Objective:
        """``objective``, made to raise KeyboardInterrupt at once after a deferred Ctrl-C."""

        def guarded(trial: Trial) -> Any:
            if self.interrupted:
                raise KeyboardInterrupt
            on_main_thread = threading.current_thread() is threading.main_thread()
            if on_main_thread:
                self._in_objective = True
            try:
                return objective(trial)
            finally:
                if on_main_thread:
                    self._in_objective = False

        return guarded
