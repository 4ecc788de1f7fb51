"""A study's plots as plotly JSON: the report's figures, built on the server, drawn by plotly.js.

The figures are ``tunesmith.report``'s (every plot of ``tunesmith.plots`` that
applies, importance included), so nothing is drawn twice. Building them all
takes a while on a large study, so each study's set is kept with the change
count it was built at, and rebuilt for a changed study at most every
``REBUILD_SECONDS``: a poll in between gets the last set.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

from tunesmith.report.figures import report_figures
from tunesmith.study import Study

__all__ = ["REBUILD_SECONDS", "FigureCache"]

REBUILD_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class _Built:
    study_id: int
    change_count: int
    built_at: float
    text: str


class FigureCache:
    """The last JSON set of figures of each study, rebuilt when the study changed."""

    def __init__(self, *, seed: int = 0) -> None:
        self._seed = seed
        self._lock = threading.Lock()
        self._built: dict[str, _Built] = {}

    def figures_json(self, study: Study) -> str:
        """``{"change_count": N, "figures": [{"title": ..., "figure": {...}}, ...]}`` as text.

        ``study``'s history must be refreshed; the set reflects its change count.
        """
        with self._lock:
            built = self._built.get(study.study_name)
            count = study.history.change_count
            fresh = built is not None and built.study_id == study.study_id
            if (
                fresh
                and built is not None
                and (
                    built.change_count == count
                    or time.monotonic() - built.built_at < REBUILD_SECONDS
                )
            ):
                return built.text
            parts = ", ".join(
                f'{{"title": {json.dumps(title)}, "figure": {figure.to_json()}}}'
                for title, figure in report_figures(study, self._seed)
            )
            text = f'{{"change_count": {count}, "figures": [{parts}]}}'
            self._built[study.study_name] = _Built(study.study_id, count, time.monotonic(), text)
            return text
