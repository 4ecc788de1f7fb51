"""Run the GP's linear algebra on one BLAS thread.

The GP works on small matrices (a few hundred rows at most) in many short
calls. OpenBLAS hands each call above a small size to its thread pool, whose
threads then spin waiting for more work; on a busy machine they take the
cores the calling thread needs. Measured on the 2-core development machine
under load: a 30-trial GP study took 7.8 s of CPU with the default two
threads and 0.9 s with one.

The limit uses ``threadpoolctl`` when it is installed and does nothing
otherwise. It is process-wide, so it is reference-counted: several threads
proposing at once set it on the first entry and restore it on the last exit.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["single_blas_thread"]


class _BlasLimit:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._controller: Any = None
        self._active: Any = None

    def enter(self) -> None:
        with self._lock:
            if self._depth == 0:
                if self._controller is None:
                    try:
                        module = importlib.import_module("threadpoolctl")
                    except ImportError:
                        self._controller = False
                    else:
                        self._controller = module.ThreadpoolController()
                if self._controller:
                    self._active = self._controller.limit(limits=1, user_api="blas")
            self._depth += 1

    def exit(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._active is not None:
                self._active.restore_original_limits()
                self._active = None


_LIMIT = _BlasLimit()


@contextmanager
def single_blas_thread() -> Iterator[None]:
    """Within the block, BLAS and LAPACK calls of this process use one thread."""
    _LIMIT.enter()
    try:
        yield
    finally:
        _LIMIT.exit()
