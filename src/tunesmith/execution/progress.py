"""A live progress bar for ``optimize``: trials finished, time taken and left (ETA), the best
value so far (the Pareto front's size for several objectives), and how many trials were pruned."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Any

from tunesmith.execution.protocol import RunnableStudy
from tunesmith.history import History, non_dominated_mask
from tunesmith.trial import StudyDirection, TrialState

__all__ = ["ProgressBar"]


def _require_rich() -> None:
    try:
        import rich  # noqa: F401
    except ImportError:
        raise ImportError('The progress bar needs rich: pip install "tunesmith[cli]"') from None


class ProgressBar:
    """Draws a progress bar from the storage, so it counts the trials of every worker.

    Args:
        study: the study being optimised.
        total: trials this run will start, or None when only a timeout bounds it.
        timeout: seconds the run may take, shown when ``total`` is None.
    """

    def __init__(self, study: RunnableStudy[Any], total: int | None, timeout: float | None) -> None:
        _require_rich()
        self._study = study
        self._total = total
        self._timeout = timeout
        self._history = History(study.storage, study.study_id, study.directions)
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_count = 0

    def _finished(self) -> int:
        self._history.refresh()
        return int(
            self._history.mask(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL).sum()
        )

    def _status_text(self) -> str:
        """'best 0.95' (or 'Pareto front 4' for several objectives), then '3 pruned' if any."""
        parts = []
        complete = self._history.mask(TrialState.COMPLETE)
        if complete.any():
            if len(self._study.directions) > 1:
                front = non_dominated_mask(self._history.Y[complete])
                parts.append(f"Pareto front {int(front.sum())}")
            else:
                signed_best = float(self._history.Y[complete, 0].min())
                maximize = self._study.directions[0] is StudyDirection.MAXIMIZE
                parts.append(f"best {-signed_best if maximize else signed_best:.6g}")
        n_pruned = int(self._history.mask(TrialState.PRUNED).sum())
        if n_pruned:
            parts.append(f"{n_pruned} pruned")
        return " · ".join(parts)

    def __enter__(self) -> ProgressBar:
        # Counted before any trial starts: fast trials may all finish before the thread runs.
        self._start_count = self._finished()
        self._thread = threading.Thread(target=self._run, name="tunesmith-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        started = time.monotonic()
        by_time = self._total is None and self._timeout is not None
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn() if not by_time else TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[status]}"),
            transient=False,
        ) as progress:
            task = progress.add_task(
                self._study.study_name,
                total=self._timeout if by_time else self._total,
                status="",
            )
            while True:
                stopping = self._stopped.wait(0.2)
                done = self._finished() - self._start_count
                completed = (
                    min(time.monotonic() - started, self._timeout or 0.0) if by_time else done
                )
                progress.update(task, completed=completed, status=self._status_text())
                if stopping:
                    return
