"""A study's plots as plotly JSON: the report's figures, built on the server, drawn by plotly.js.

The figures are ``tunesmith.report``'s (every plot of ``tunesmith.plots`` that
applies, importance included), so nothing is drawn twice. Building them all
takes seconds on a study of 10,000 trials, so a page never waits for a
rebuild: a request gets the last set built (and builds one only when there is
none yet), and ``FigureWarmer`` rebuilds, in the background, the sets of the
studies someone looked at recently once they changed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tunesmith.plots._plotly import go
from tunesmith.report.figures import report_figures
from tunesmith.study import Study

__all__ = ["MAX_MARKERS_DRAWN", "REBUILD_SECONDS", "VIEWED_SECONDS", "FigureCache", "FigureWarmer"]

# A changed study's figures are rebuilt at most this often, or three times as long as the
# last build took, so that a large study being tuned does not keep a core busy with its plots.
REBUILD_SECONDS = 5.0
# A study's figures are kept fresh for this long after a page last asked for them.
VIEWED_SECONDS = 600.0


# A scatter trace of more points than this draws this many of those in view, evenly spread,
# and more as the reader zooms in (plotly's ``marker.maxdisplayed``): a browser takes most of
# a second to draw 10,000 markers. Every point stays in the figure's data, for hovering.
MAX_MARKERS_DRAWN = 2_000


def _thin_markers(figure: go.Figure) -> go.Figure:
    """``figure``, or a copy whose large scatter traces draw ``MAX_MARKERS_DRAWN`` markers."""
    crowded = [
        index
        for index, trace in enumerate(figure.data)
        if trace.type == "scatter"
        and "markers" in (trace.mode or "")
        and len(trace.x or ()) > MAX_MARKERS_DRAWN
    ]
    if not crowded:
        return figure  # nothing to thin, so nothing to copy
    thinned = go.Figure(figure)
    for index in crowded:
        thinned.data[index].marker.maxdisplayed = MAX_MARKERS_DRAWN
    return thinned


@dataclass(frozen=True, slots=True)
class _Built:
    study_id: int
    change_count: int
    built_at: float
    build_seconds: float
    figures: list[tuple[str, Any]]
    text: str

    def due(self, study: Study) -> bool:
        """Whether ``study`` changed since, and the pause between builds has passed."""
        if self.study_id != study.study_id:
            return True
        pause = max(REBUILD_SECONDS, 3 * self.build_seconds)
        return self.change_count != study.history.change_count and (
            time.monotonic() - self.built_at >= pause
        )


class FigureCache:
    """The last set of figures of each study (and its JSON), and when a page last asked for it."""

    def __init__(self, *, seed: int = 0) -> None:
        self._seed = seed
        self._lock = threading.Lock()
        self._built: dict[str, _Built] = {}
        self._viewed: dict[str, float] = {}

    def figures_json(self, study: Study, known: int | None = None) -> str:
        """``{"change_count": N, "figures": [{"title": ..., "figure": {...}}, ...]}`` as text.

        The last set built for ``study`` (whose history must be refreshed),
        built now only when there is none; ``refresh`` keeps it fresh. When
        that set is the one built at change count ``known``, which the page
        holds already, ``"figures"`` is null.
        """
        built = self._current(study)
        if known is not None and built.change_count == known:
            return f'{{"change_count": {known}, "figures": null}}'
        return built.text

    def figures(self, study: Study) -> list[tuple[str, Any]]:
        """``(title, plotly Figure)`` of the last set built for ``study``, every point drawn."""
        return self._current(study).figures

    def _current(self, study: Study) -> _Built:
        self._viewed[study.study_name] = time.monotonic()
        built = self._built.get(study.study_name)
        if built is None or built.study_id != study.study_id:
            self.refresh(study, force=True)
            built = self._built[study.study_name]
        return built

    def refresh(self, study: Study, *, force: bool = False) -> str:
        """Rebuild ``study``'s set if it is due (or ``force``); the set."""
        with self._lock:
            built = self._built.get(study.study_name)
            if built is not None and not force and not built.due(study):
                return built.text
            if built is not None and force and built.study_id == study.study_id:
                return built.text  # another request built it while this one waited
            started = time.monotonic()
            count = study.history.change_count
            figures = report_figures(study, self._seed)
            parts = ", ".join(
                f'{{"title": {json.dumps(title)}, "figure": {_thin_markers(figure).to_json()}}}'
                for title, figure in figures
            )
            text = f'{{"change_count": {count}, "figures": [{parts}]}}'
            finished = time.monotonic()
            self._built[study.study_name] = _Built(
                study.study_id, count, finished, finished - started, figures, text
            )
            return text

    def viewed_recently(self) -> list[str]:
        """The studies whose figures a page asked for in the last ``VIEWED_SECONDS``."""
        horizon = time.monotonic() - VIEWED_SECONDS
        return sorted(name for name, moment in list(self._viewed.items()) if moment >= horizon)


class FigureWarmer:
    """A background thread that builds figures before pages ask for them.

    At start it builds every study's set once (``all_names``), the most
    recently created first; then, every ``interval`` seconds, it rebuilds the
    sets of the studies viewed recently that changed.

    Args:
        cache: the sets to fill.
        all_names: every study's name, in the storage's order.
        load: a study by name, its history refreshed.
        interval: seconds between rounds.
    """

    def __init__(
        self,
        cache: FigureCache,
        all_names: Callable[[], list[str]],
        load: Callable[[str], Study],
        interval: float = 2.0,
    ) -> None:
        self._cache = cache
        self._all_names = all_names
        self._load = load
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="figure-warmer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait_seconds: float = 5.0) -> None:
        """Stop after the build under way, waiting at most ``wait_seconds`` for it.

        A build of a large study's plots can take a minute; the server does not
        wait for it to quit (the thread is a daemon, and its result unused).
        """
        self._stop.set()
        self._thread.join(wait_seconds)

    def _run(self) -> None:
        names = self._names(lambda: list(reversed(self._all_names())))
        while True:
            for name in names:
                if self._stop.is_set():
                    return
                self._refresh(name)
            if self._stop.wait(self._interval):
                return
            names = self._cache.viewed_recently()

    def _names(self, read: Callable[[], list[str]]) -> list[str]:
        try:
            return read()
        except Exception:  # the storage is down: the pages say so; the next round retries
            return []

    def _refresh(self, name: str) -> None:
        try:
            self._cache.refresh(self._load(name))
        except Exception:  # a study deleted meanwhile, a storage down: its page reports it
            return
