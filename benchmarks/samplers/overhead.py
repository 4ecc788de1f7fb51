"""The overhead benchmark: milliseconds a sampler takes to suggest, with N trials already done.

Each tool's study is filled with the same N completed random trials (a sphere in
[-5, 5]^d, a trivial objective), then ~20 suggestions are timed one by one and the
median is reported. Only the suggestion is timed: tunesmith's and Optuna's ``ask``
with the whole space (the sampler plus the study's bookkeeping it needs), and
Hyperopt's ``tpe.suggest`` on a filled ``Trials``. The first suggestion is not
counted: it pays once for imports and for caches over the filled history, which a
long-running study has paid long before. A cell stops timing after ``time_cap``
seconds; a tool whose single suggestion takes longer than that is not run at the
larger sizes of that dimension.
"""

from __future__ import annotations

import datetime
import math
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from benchmarks.samplers.adapters import hyperopt_adapter, optuna_adapter, tunesmith_adapter
from benchmarks.samplers.results import write_csv, write_markdown
from benchmarks.samplers.tables import markdown_table

__all__ = ["OverheadReport", "OverheadSettings", "run_overhead", "write_overhead"]

LOW, HIGH = -5.0, 5.0

# Seconds per suggestion, for a study of the given dimension pre-filled with (X, y).
Timer = Callable[[npt.NDArray[np.float64], npt.NDArray[np.float64], int, float], list[float]]


@dataclass(frozen=True)
class OverheadSettings:
    """Sizes (completed trials before timing), dimensions, suggestions timed, cap per cell."""

    tpe_sizes: tuple[int, ...] = (100, 1_000, 10_000)
    gp_sizes: tuple[int, ...] = (100, 500)
    dimensions: tuple[int, ...] = (5, 20)
    n_asks: int = 20
    time_cap: float = 60.0

    @classmethod
    def quick(cls) -> OverheadSettings:
        """TPE-like tools only, at 100 trials in 5 dimensions, 3 suggestions each."""
        return cls(tpe_sizes=(100,), gp_sizes=(), dimensions=(5,), n_asks=3)


def _names(dimension: int) -> list[str]:
    return [f"x{i}" for i in range(dimension)]


def _tunesmith_timer(sampler_name: str) -> Timer:
    def time_asks(
        points: npt.NDArray[np.float64], values: npt.NDArray[np.float64], n_asks: int, cap: float
    ) -> list[float]:
        import tunesmith
        from tunesmith.space import Float
        from tunesmith.trial import FrozenTrial, TrialState

        names = _names(points.shape[1])
        space = {name: Float(LOW, HIGH) for name in names}
        storage = tunesmith.InMemoryStorage()
        study = tunesmith.create_study(storage=storage, sampler="random")
        now = datetime.datetime.now()
        # Completed trials go straight into the storage (as copy_study does): running the
        # objective 10,000 times would time the filling, not the sampler.
        for row, value in zip(points, values, strict=True):
            record = FrozenTrial(
                number=0,
                trial_id=0,
                state=TrialState.COMPLETE,
                values=(float(value),),
                params=dict(zip(names, map(float, row), strict=True)),
                distributions=space,
                intermediate_values={},
                user_attrs={},
                system_attrs={},
                datetime_start=now,
                datetime_complete=now,
            )
            storage.create_trial(study.study_id, template=record)
        study = tunesmith.load_study(study.study_name, storage, sampler=sampler_name, seed=0)
        return _time_loop(
            n_asks, cap, lambda: study.ask(space), lambda t: study.tell(t, _sphere(t.params))
        )

    return time_asks


def _optuna_timer(kind: str) -> Timer:
    def time_asks(
        points: npt.NDArray[np.float64], values: npt.NDArray[np.float64], n_asks: int, cap: float
    ) -> list[float]:
        import optuna

        names = _names(points.shape[1])
        space = {name: optuna.distributions.FloatDistribution(LOW, HIGH) for name in names}
        with optuna_adapter.quiet_optuna():
            study = optuna.create_study(sampler=optuna_adapter.make_optuna_sampler(kind, 0))
            study.add_trials(
                [
                    optuna.trial.create_trial(
                        params=dict(zip(names, map(float, row), strict=True)),
                        distributions=space,
                        value=float(value),
                    )
                    for row, value in zip(points, values, strict=True)
                ]
            )
            return _time_loop(
                n_asks,
                cap,
                lambda: study.ask(space),
                lambda t: study.tell(t, _sphere(t.params)),
            )

    return time_asks


def _hyperopt_timer(
    points: npt.NDArray[np.float64], values: npt.NDArray[np.float64], n_asks: int, cap: float
) -> list[float]:
    from hyperopt import JOB_STATE_DONE, STATUS_OK, Domain, Trials, hp, tpe

    names = _names(points.shape[1])
    trials = Trials()
    ids = trials.new_trial_ids(len(points))
    # Finished trials built with Trials' own document helpers: fmin would evaluate them
    # one by one, and its bookkeeping grows with every trial.
    miscs = [
        {
            "tid": tid,
            "cmd": ("domain_attachment", "FMinIter_Domain"),
            "workdir": None,
            "idxs": {name: [tid] for name in names},
            "vals": {name: [float(x)] for name, x in zip(names, row, strict=True)},
        }
        for tid, row in zip(ids, points, strict=True)
    ]
    results = [{"status": STATUS_OK, "loss": float(value)} for value in values]
    documents = trials.new_trial_docs(ids, [None] * len(ids), results, miscs)
    for document in documents:
        document["state"] = JOB_STATE_DONE
    trials.insert_trial_docs(documents)
    trials.refresh()
    domain = Domain(_sphere, {name: hp.uniform(name, LOW, HIGH) for name in names})
    seeds = iter(range(n_asks))
    # The history stays at N: a suggestion is not added, so every call sees the same trials.
    return _time_loop(
        n_asks,
        cap,
        lambda: tpe.suggest(trials.new_trial_ids(1), domain, trials, next(seeds)),
        lambda _: None,
    )


def _sphere(params: dict[str, float]) -> float:
    return float(sum(value * value for value in params.values()))


def _time_loop(
    n_asks: int, cap: float, ask: Callable[[], Any], tell: Callable[[Any], object]
) -> list[float]:
    """Time ``ask`` up to ``n_asks`` times, stopping once ``cap`` seconds are spent."""
    durations: list[float] = []
    while len(durations) < n_asks and sum(durations) < cap:
        started = time.perf_counter()
        suggestion = ask()
        durations.append(time.perf_counter() - started)
        tell(suggestion)
    return durations


@dataclass(frozen=True)
class _Tool:
    name: str
    family: str
    timer: Timer
    unavailable: Callable[[], str | None]


def _tunesmith_tool(sampler_name: str, family: str) -> _Tool:
    return _Tool(
        f"tunesmith-{sampler_name}",
        family,
        _tunesmith_timer(sampler_name),
        partial(tunesmith_adapter.unavailable_reason, sampler_name),
    )


def _optuna_tool(kind: str) -> _Tool:
    return _Tool(
        f"optuna-{kind}",
        kind,
        _optuna_timer(kind),
        partial(optuna_adapter.unavailable_reason, kind),
    )


TOOLS = (
    _tunesmith_tool("random", "tpe"),
    _tunesmith_tool("tpe", "tpe"),
    _optuna_tool("tpe"),
    _Tool("hyperopt-tpe", "tpe", _hyperopt_timer, hyperopt_adapter.unavailable_reason),
    _tunesmith_tool("gp", "gp"),
    _optuna_tool("gp"),
)


@dataclass(frozen=True)
class Cell:
    """One tool at one size and dimension: its suggestion times, or why there are none."""

    tool: str
    family: str
    dimension: int
    n_trials: int
    seconds: tuple[float, ...]
    first_seconds: float = math.nan
    note: str = ""

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.seconds) if self.seconds else math.nan


@dataclass(frozen=True)
class OverheadReport:
    """Every cell of the overhead benchmark, with the notes on skipped tools."""

    settings: OverheadSettings
    cells: list[Cell]
    notes: list[str]
    seconds: float

    def markdown(self) -> str:
        parts = [
            "## Sampler overhead",
            "",
            f"Median milliseconds per suggestion over up to {self.settings.n_asks} "
            "suggestions, with N completed trials already in the study (a trivial objective). "
            f"(k) means only k suggestions fit in the {self.settings.time_cap:g} s cap. "
            "`tunesmith-random` is the floor: the study's own bookkeeping, no model.",
        ]
        for family, title in (("tpe", "TPE"), ("gp", "Gaussian process")):
            cells = [c for c in self.cells if c.family == family]
            if cells:
                parts += ["", f"### {title}", "", self._table(cells)]
        if self.notes:
            parts += ["", "### Notes", "", *(f"- {note}" for note in self.notes)]
        parts += ["", f"Wall time: {self.seconds / 60:.1f} min."]
        return "\n".join(parts)

    def _table(self, cells: list[Cell]) -> str:
        tools = list(dict.fromkeys(c.tool for c in cells))
        keys = sorted({(c.dimension, c.n_trials) for c in cells})
        by_key = {(c.tool, c.dimension, c.n_trials): c for c in cells}
        rows = []
        for dimension, n_trials in keys:
            row = [f"{n_trials:,}", str(dimension)]
            for tool in tools:
                cell = by_key.get((tool, dimension, n_trials))
                row.append(_cell_text(cell, self.settings.n_asks))
            rows.append(row)
        return markdown_table(["trials", "d", *tools], rows, align="rr" + "r" * len(tools))

    def csv_rows(self) -> list[list[object]]:
        return [
            [
                c.family,
                c.tool,
                c.dimension,
                c.n_trials,
                len(c.seconds),
                f"{c.median_ms:.3f}",
                f"{1000 * c.first_seconds:.3f}",
                c.note,
            ]
            for c in self.cells
        ]


CSV_HEADER = (
    "family",
    "tool",
    "dimension",
    "n_trials",
    "suggestions_timed",
    "median_ms",
    "first_ms",
    "note",
)


def _cell_text(cell: Cell | None, n_asks: int) -> str:
    if cell is None or not cell.seconds:
        return cell.note if cell is not None else ""
    text = f"{cell.median_ms:.1f}"
    return text if len(cell.seconds) >= n_asks else f"{text} ({len(cell.seconds)})"


def run_overhead(settings: OverheadSettings) -> OverheadReport:
    """Time every available tool at every size and dimension."""
    started = time.monotonic()
    cells: list[Cell] = []
    notes: list[str] = []
    sizes = {"tpe": settings.tpe_sizes, "gp": settings.gp_sizes}
    for tool in TOOLS:
        if not sizes[tool.family]:
            continue
        reason = tool.unavailable()
        if reason is not None:
            notes.append(f"{tool.name} skipped: {reason}.")
            continue
        for dimension in settings.dimensions:
            over_cap = False
            for n_trials in sizes[tool.family]:
                if over_cap:
                    cells.append(
                        Cell(tool.name, tool.family, dimension, n_trials, (), note="skipped")
                    )
                    continue
                rng = np.random.default_rng([n_trials, dimension])
                points = rng.uniform(LOW, HIGH, size=(n_trials, dimension))
                values = np.sum(points**2, axis=1)
                first, *seconds = tool.timer(points, values, settings.n_asks + 1, settings.time_cap)
                over_cap = max([first, *seconds]) > settings.time_cap
                note = "" if seconds else f"over cap (first: {first:.0f} s)"
                cell = Cell(
                    tool.name, tool.family, dimension, n_trials, tuple(seconds), first, note
                )
                cells.append(cell)
                print(
                    f"  overhead: {tool.name} d={dimension} N={n_trials}: "
                    f"{cell.median_ms:.1f} ms (first {1000 * first:.0f} ms)",
                    file=sys.stderr,
                    flush=True,
                )
            if over_cap:
                notes.append(
                    f"{tool.name} (d={dimension}) took over {settings.time_cap:g} s for one "
                    "suggestion; larger studies were skipped."
                )
    return OverheadReport(settings, cells, notes, time.monotonic() - started)


def write_overhead(report: OverheadReport, directory: Path) -> list[Path]:
    """Write the markdown and the raw CSV; return the paths written."""
    return [
        write_markdown(directory, "overhead", report.markdown()),
        write_csv(directory, "overhead", CSV_HEADER, report.csv_rows()),
    ]
