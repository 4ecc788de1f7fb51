"""The side-by-side tables of the throughput benchmark, in markdown and CSV."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.samplers.results import write_csv, write_markdown
from benchmarks.samplers.tables import format_number, markdown_table
from benchmarks.throughput.measure import Latency, Throughput

__all__ = ["REFERENCE", "STORAGE_NAMES", "TARGET_SPEEDUP", "ThroughputReport"]

# What tunesmith is measured against, and how much faster it means to be.
REFERENCE = "optuna-tpe"
TARGET_SPEEDUP = 3.0
STORAGE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}

_CSV_HEADER = (
    "measurement",
    "contender",
    "storage",
    "workers",
    "trials",
    "complete",
    "seconds",
    "trials_per_second",
    "worker_cpu_ms_per_trial",
    "failed_workers",
    "filled",
    "samples",
    "median_ms",
    "p95_ms",
    "fill_seconds",
)


@dataclass(frozen=True)
class ThroughputReport:
    """Every measurement of one run, and the settings and notes to print with them."""

    contenders: tuple[str, ...]
    storages: tuple[str, ...]
    throughputs: list[Throughput]
    latencies: list[Latency]
    settings: str
    seconds: float

    def _throughput(self, contender: str, storage: str) -> Throughput | None:
        found = [t for t in self.throughputs if (t.contender, t.storage) == (contender, storage)]
        return found[0] if found else None

    def _latency(self, contender: str, storage: str) -> Latency | None:
        found = [t for t in self.latencies if (t.contender, t.storage) == (contender, storage)]
        return found[0] if found else None

    def speedup(self, contender: str, storage: str) -> float:
        """``contender``'s trials per second over the reference's; NaN when either is missing."""
        ours, theirs = self._throughput(contender, storage), self._throughput(REFERENCE, storage)
        if ours is None or theirs is None or not theirs.trials_per_second > 0:
            return math.nan
        return ours.trials_per_second / theirs.trials_per_second

    def _table(self, header: list[str], cells: Callable[[str, str], list[str]]) -> str:
        """One row per contender: its name, then ``cells(contender, storage)`` per storage."""
        rows = [
            [contender, *(cell for storage in self.storages for cell in cells(contender, storage))]
            for contender in self.contenders
        ]
        return markdown_table(header, rows)

    def throughput_table(self) -> str:
        header = ["contender"]
        for storage in self.storages:
            name = STORAGE_NAMES[storage]
            header += [f"{name} trials/s", f"x {REFERENCE}", f"{name} worker CPU ms/trial"]

        def cells(contender: str, storage: str) -> list[str]:
            measured = self._throughput(contender, storage)
            if measured is None:
                return ["not run"] * 3
            rate = format_number(measured.trials_per_second, 1)
            if measured.n_complete != measured.n_expected or measured.failed_workers:
                rate += (
                    f" ({measured.n_complete} complete of {measured.n_expected}, "
                    f"{measured.failed_workers} workers failed)"
                )
            speedup = format_number(self.speedup(contender, storage), 2)
            return [rate, speedup, format_number(measured.cpu_ms_per_trial, 1)]

        return self._table(header, cells)

    def latency_table(self) -> str:
        header = ["contender"]
        for storage in self.storages:
            header += [f"{STORAGE_NAMES[storage]} median ms", "p95 ms"]

        def cells(contender: str, storage: str) -> list[str]:
            measured = self._latency(contender, storage)
            if measured is None:
                return ["not run"] * 2
            return [format_number(measured.median_ms, 1), format_number(measured.p95_ms, 1)]

        return self._table(header, cells)

    def target_lines(self) -> list[str]:
        """For each tunesmith contender and storage: its speed-up, and whether it meets 3x."""
        lines = []
        for contender in self.contenders:
            if contender == REFERENCE:
                continue
            for storage in self.storages:
                speedup = self.speedup(contender, storage)
                if math.isnan(speedup):
                    continue
                verdict = "met" if speedup >= TARGET_SPEEDUP else "MISSED"
                lines.append(
                    f"- {contender} on {STORAGE_NAMES[storage]}: {speedup:.2f}x {REFERENCE}'s "
                    f"trials/s (target {TARGET_SPEEDUP:g}x) -> {verdict}"
                )
        return lines

    def markdown(self) -> str:
        parts = ["## Throughput", "", self.settings, ""]
        if self.throughputs:
            parts += ["### Trials per second", "", self.throughput_table(), ""]
            parts += [*self.target_lines(), ""]
        if self.latencies:
            filled = self.latencies[0].n_filled
            samples = len(self.latencies[0].samples)
            parts += [
                f"### ask + tell at {filled:,} trials",
                "",
                f"Milliseconds per `ask` + objective + `tell` in one process, {samples} in a row, "
                f"on a study already holding {filled:,} completed trials.",
                "",
                self.latency_table(),
                "",
            ]
        parts.append(f"Wall time: {self.seconds / 60:.1f} min.")
        return "\n".join(parts)

    def csv_rows(self) -> list[Sequence[object]]:
        rows: list[Sequence[object]] = [
            (
                "throughput",
                t.contender,
                t.storage,
                t.n_workers,
                t.n_trials,
                t.n_complete,
                f"{t.seconds:.3f}",
                f"{t.trials_per_second:.2f}",
                f"{t.cpu_ms_per_trial:.2f}",
                t.failed_workers,
                "",
                "",
                "",
                "",
                "",
            )
            for t in self.throughputs
        ]
        rows += [
            (
                "latency",
                t.contender,
                t.storage,
                1,
                t.n_filled + len(t.samples),
                "",
                f"{sum(t.samples):.3f}",
                "",
                "",
                "",
                t.n_filled,
                len(t.samples),
                f"{t.median_ms:.2f}",
                f"{t.p95_ms:.2f}",
                f"{t.fill_seconds:.1f}",
            )
            for t in self.latencies
        ]
        return rows

    def write(self, directory: Path) -> list[Path]:
        """Write ``throughput.md`` and ``throughput.csv`` to ``directory``; their paths."""
        return [
            write_markdown(directory, "throughput", self.markdown()),
            write_csv(directory, "throughput", _CSV_HEADER, self.csv_rows()),
        ]
