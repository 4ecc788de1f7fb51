"""Command line: ``python -m benchmarks.importance [--sizes N ...] [--seed S]``.

Prints a markdown table: per study size and method, each tool's seconds, the
speed-up, Spearman agreement between the two tools' rankings and of each with
the true ranking, and whether the README's targets hold.
"""

from __future__ import annotations

import argparse

from benchmarks.importance.compare import Measurement, measure, spearman
from benchmarks.importance.studies import TRUE_RANKING

DEFAULT_SIZES = (100, 1_000, 10_000)


def _seconds(value: float | None) -> str:
    return "not run" if value is None else f"{value:.3f}"


def markdown_table(measurements: list[Measurement]) -> str:
    """One row per study size and method, tunesmith beside Optuna."""
    lines = [
        "| trials | method | tunesmith s | Optuna s | speed-up | Spearman tunesmith~Optuna "
        "| Spearman tunesmith~truth | Spearman Optuna~truth |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    pairs: dict[tuple[int, str], dict[str, Measurement]] = {}
    for m in measurements:
        pairs.setdefault((m.n_trials, m.method), {})[m.tool] = m
    for (n_trials, method), tools in pairs.items():
        ours, theirs = tools["tunesmith"], tools["optuna"]
        ran = theirs.seconds is not None and ours.seconds
        speedup = f"{theirs.seconds / ours.seconds:.0f}x" if ran else "-"  # type: ignore[operator]
        agreement = f"{spearman(ours.ranking, theirs.ranking):.2f}" if theirs.ranking else "-"
        truth = f"{theirs.spearman_truth:.2f}" if theirs.spearman_truth is not None else "-"
        lines.append(
            f"| {n_trials:,} | {method} | {_seconds(ours.seconds)} | {_seconds(theirs.seconds)} "
            f"| {speedup} | {agreement} | {ours.spearman_truth:.2f} | {truth} |"
        )
    return "\n".join(lines)


def target_lines(measurements: list[Measurement]) -> list[str]:
    """The README's two targets, each with whether this run met it (when it measured it)."""
    found = {(m.n_trials, m.method, m.tool): m for m in measurements}
    lines = []
    ours, theirs = found.get((1_000, "fanova", "tunesmith")), found.get((1_000, "fanova", "optuna"))
    if ours and theirs and theirs.seconds is not None and ours.seconds:
        speedup = theirs.seconds / ours.seconds
        same = ours.ranking == theirs.ranking
        verdict = "met" if speedup >= 5 and same else "MISSED"
        lines.append(
            f"fANOVA at 1,000 trials >= 5x faster than Optuna's with the same ranking: "
            f"{speedup:.0f}x, {'same' if same else 'different'} ranking -> {verdict}"
        )
        lines.append(f"  tunesmith ranking: {' > '.join(ours.ranking)}")
        lines.append(f"  Optuna ranking:    {' > '.join(theirs.ranking)}")
        lines.append(f"  true ranking:      {' > '.join(TRUE_RANKING)}")
    ped = found.get((10_000, "ped_anova", "tunesmith"))
    if ped and ped.seconds is not None:
        lines.append(
            f"PED-ANOVA on 10,000 trials under 1 s: {ped.seconds:.3f} s -> "
            f"{'met' if ped.seconds < 1 else 'MISSED'}"
        )
    return lines


def main(argv: list[str] | None = None) -> str:
    """Run the benchmark, print the report and return it."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.importance", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=0, help="seed of the trials and forests")
    parser.add_argument(
        "--optuna-fanova-limit",
        type=int,
        default=1_000,
        help="largest study Optuna's fANOVA runs on (default %(default)s: minutes per call)",
    )
    options = parser.parse_args(argv)
    measurements = [
        m for n in options.sizes for m in measure(n, options.seed, options.optuna_fanova_limit)
    ]
    report = "\n\n".join(
        [
            "# Importance: tunesmith beside Optuna on the same trials (8 hyperparameters)",
            markdown_table(measurements),
            "\n".join(target_lines(measurements)),
        ]
    )
    print(report)
    return report


if __name__ == "__main__":
    main()
