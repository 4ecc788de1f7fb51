"""A log of finished runs, one JSON line each, so a long benchmark survives being stopped.

The quality benchmark takes hours at full size. Each run is appended to the log the
moment it finishes; ``--resume`` reads the log back and runs only what is missing,
and ``--rerun SAMPLER`` forgets one sampler's runs (after its code changed) so they
run again. The report is computed over every logged run, old and new alike.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from benchmarks.samplers.scoring import RunRecord

__all__ = ["RunKey", "RunLog"]

# (problem, sampler, seed, n_trials): what identifies a run.
RunKey = tuple[str, str, int, int]


@dataclass(frozen=True)
class RunLog:
    """The runs logged in the JSON-lines file ``path``."""

    path: Path

    def start_fresh(self) -> None:
        """Empty the log: a run without ``--resume`` replaces what was there."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text("", encoding="utf-8")

    def read(self, forget_samplers: Collection[str] = ()) -> dict[RunKey, RunRecord]:
        """The logged runs by key, without those of ``forget_samplers``.

        The log is rewritten without the forgotten runs, so that they stay
        forgotten if this invocation is stopped before it runs them again.
        """
        if not self.path.exists():
            return {}
        kept: dict[RunKey, RunRecord] = {}
        lines = self.path.read_text(encoding="utf-8").splitlines()
        for line in filter(None, lines):
            record = _record_from_json(line)
            if record.sampler not in forget_samplers:
                kept[_key(record)] = record
        if len(kept) < len(lines):
            self.path.write_text(
                "".join(_record_to_json(record) + "\n" for record in kept.values()),
                encoding="utf-8",
            )
        return kept

    def append(self, record: RunRecord) -> None:
        """Log one finished run."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(_record_to_json(record) + "\n")


def _key(record: RunRecord) -> RunKey:
    return (record.problem, record.sampler, record.seed, len(record.values))


def _record_to_json(record: RunRecord) -> str:
    # repr round-trips a float exactly; JSON numbers would too but not inf or NaN.
    return json.dumps(
        {
            "problem": record.problem,
            "sampler": record.sampler,
            "seed": record.seed,
            "values": [repr(value) for value in record.values],
            "seconds": record.seconds,
            "cpu_seconds": record.cpu_seconds,
        }
    )


def _record_from_json(line: str) -> RunRecord:
    data = json.loads(line)
    return RunRecord(
        problem=data["problem"],
        sampler=data["sampler"],
        seed=int(data["seed"]),
        values=tuple(float(value) for value in data["values"]),
        seconds=float(data["seconds"]),
        cpu_seconds=float(data["cpu_seconds"]),
    )
