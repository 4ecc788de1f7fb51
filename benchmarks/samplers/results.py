"""Where the reports go: markdown, CSV of raw results, and plots, under benchmarks/results/."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_RESULTS_DIR", "write_csv", "write_markdown"]

DEFAULT_RESULTS_DIR = Path(__file__).resolve().parents[1] / "results"


def write_markdown(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``directory/name.md`` and return the path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.md"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def write_csv(
    directory: Path, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Path:
    """Write ``rows`` under ``header`` to ``directory/name.csv`` and return the path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path
