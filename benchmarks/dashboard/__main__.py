"""Command line: ``python -m benchmarks.dashboard [--trials N] [--new N] [--repeats R]``.

Stores a study of N finished trials (10,000 by default) in a fresh SQLite
file, serves it with ``tunesmith dashboard``, and prints a markdown table:
seconds until the study page is usable in headless Chromium (summary and
trials table filled, the plots on screen drawn), on a browser's first visit
and on its third (plotly.js and its compiled code cached), and until every
plot is drawn (scrolling through them), and until the changes endpoint has
sent the 100 trials a worker just stored, against the targets. ``--screenshots DIR``
also saves the two PNGs of the README.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.dashboard.measure import (
    SMALL_STUDY,
    STUDY,
    VISITS,
    Timing,
    delta_seconds,
    get_json,
    page_seconds,
    served,
)
from benchmarks.dashboard.studies import add_trials
from tunesmith.storage import get_storage

PAGE_TARGET_SECONDS = 2.0
DELTA_TARGET_SECONDS = 0.050


def markdown_table(timings: list[Timing]) -> str:
    lines = ["| measure | median s | max s | target s | met |", "|---|---:|---:|---:|---|"]
    for timing in timings:
        lines.append(
            f"| {timing.name} | {timing.median:.3f} | {max(timing.seconds):.3f} "
            f"| {'-' if timing.target is None else f'{timing.target:g}'} "
            f"| {'-' if timing.target is None else 'yes' if timing.met else 'NO'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> str:
    """Run the benchmark, print the report and return it."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dashboard", description=__doc__)
    parser.add_argument("--trials", type=int, default=10_000, help="trials of the large study")
    parser.add_argument("--new", type=int, default=100, help="trials the delta carries")
    parser.add_argument("--repeats", type=int, default=5, help="page loads and delta requests")
    parser.add_argument("--screenshots", type=Path, help="folder for the README's screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'dashboard.db'}"
        storage = get_storage(url)
        try:
            started = time.perf_counter()
            add_trials(storage, STUDY, args.trials)
            stored = time.perf_counter() - started
            if args.screenshots is not None:
                add_trials(storage, SMALL_STUDY, 60, seed=2, n_steps=8)
        finally:
            storage.close()
        with served(url) as base:
            started = time.perf_counter()
            get_json(f"{base}/api/studies/{STUDY}/figures")
            first_build = time.perf_counter() - started
            pages = page_seconds(base, args.repeats, args.screenshots)
            delta = delta_seconds(base, url, args.new, args.repeats)
    timings = [
        Timing(
            f"study page of {args.trials:,} trials usable, first visit",
            pages.first_visit,
            PAGE_TARGET_SECONDS,
        ),
        Timing(
            f"... opened again (visit {VISITS}, plotly.js cached)",
            pages.visit_again,
            PAGE_TARGET_SECONDS,
        ),
        Timing("... and every plot drawn, scrolling through", pages.every_plot, None),
        Timing(f"changes endpoint sending {args.new} new trials", delta, DELTA_TARGET_SECONDS),
    ]
    report = "\n".join(
        [
            markdown_table(timings),
            "",
            f"Stored {args.trials:,} trials in {stored:.1f} s; the server's first build of the "
            f"study's plots (before any page, in the background) took {first_build:.1f} s.",
        ]
    )
    print(report)
    return report


if __name__ == "__main__":
    main()
