"""Record the warnings a block raises in this thread, safely while other threads do the same.

``warnings.catch_warnings`` swaps process-wide state, so two threads using it
at once can leave each other's recorder installed for good. Here the first
thread to enter installs one recorder for the process, the last to leave
removes it, and each warning goes to the thread that raised it.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any, TextIO

__all__ = ["capture_warnings"]


class _Recorder:
    """The process-wide recorder, installed while at least one thread captures."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()
        self._depth = 0
        self._catcher: warnings.catch_warnings[None] | None = None
        self._show_outside: Callable[..., Any] = warnings.showwarning

    def enter(self) -> list[str] | None:
        """Start recording this thread's warnings; return the list it recorded into before."""
        with self._lock:
            if self._depth == 0:
                self._catcher = warnings.catch_warnings()
                self._catcher.__enter__()
                warnings.simplefilter("always")
                self._show_outside = warnings.showwarning
                warnings.showwarning = self._route
            self._depth += 1
        outer: list[str] | None = getattr(self._local, "records", None)
        self._local.records = []
        return outer

    def leave(self, outer: list[str] | None) -> list[str]:
        """Stop recording this thread's warnings; return what was recorded."""
        records: list[str] = self._local.records
        self._local.records = outer
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._catcher is not None:
                self._catcher.__exit__(None, None, None)
                self._catcher = None
        return records

    def _route(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        records: list[str] | None = getattr(self._local, "records", None)
        if records is None:
            # A thread outside any capture: show the warning as Python would have.
            self._show_outside(message, category, filename, lineno, file, line)
            return
        records.append(f"{category.__name__}: {message}")


_recorder = _Recorder()


@contextlib.contextmanager
def capture_warnings() -> Iterator[list[str]]:
    """Collect the warnings raised in this thread inside the block, as "Category: message".

    Inside the block every warning is recorded, none is shown or turned into
    an error, whatever the filters say outside it. The list fills when the
    block ends.

    >>> with capture_warnings() as caught:
    ...     warnings.warn("slow", RuntimeWarning)
    >>> caught
    ['RuntimeWarning: slow']
    """
    collected: list[str] = []
    outer = _recorder.enter()
    try:
        yield collected
    finally:
        collected.extend(_recorder.leave(outer))
