"""Ctrl-C during a run: stop cleanly, never in the middle of a storage write.

Python raises KeyboardInterrupt wherever the main thread happens to be. While
the objective runs that is what we want: the trial runner marks the trial
FAIL and re-raises. Anywhere else (asking the sampler, writing a result) the
guard only asks the study to stop and remembers the request, and the next
objective call raises at once, so no trial is left RUNNING. A second Ctrl-C
raises wherever it lands, for a user who insists.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType
from typing import Any

from tunesmith.study import Objective, Study, Trial

__all__ = ["InterruptGuard"]


class InterruptGuard:
    """While entered (in the main thread), route SIGINT as the module docstring says.

    Thread workers other than the main thread cannot be interrupted; they
    finish their running trials and start no new ones.
    """

    def __init__(self, study: Study) -> None:
        self._study = study
        self._in_objective = False
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
