"""The benchmark's markdown table, its target checks and its plot."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from benchmarks.pruning.runner import RunResult

__all__ = ["check_targets", "markdown_table", "plot"]


def _by_pruner(results: Sequence[RunResult], task: str) -> dict[str, list[RunResult]]:
    grouped: dict[str, list[RunResult]] = {}
    for result in results:
        if result.task == task:
            grouped.setdefault(result.pruner, []).append(result)
    return grouped


def _std(values: list[float]) -> float:
    return statistics.stdev(values) if len(values) > 1 else 0.0


def markdown_table(results: Sequence[RunResult], task: str, pruners: Sequence[str]) -> str:
    """pruner | mean steps spent | steps vs no pruning | mean best val score ± std, for one task."""
    grouped = _by_pruner(results, task)
    baseline = statistics.mean(r.steps for r in grouped["none"])
    lines = [
        f"### {task} ({len(grouped['none'])} seeds)",
        "",
        "| pruner | mean steps spent | steps vs no pruning (x fewer) | mean best val score ± std |",
        "| --- | ---: | ---: | ---: |",
    ]
    for pruner in pruners:
        runs = grouped.get(pruner, [])
        if not runs:
            continue
        steps = statistics.mean(r.steps for r in runs)
        scores = [r.best_score for r in runs]
        lines.append(
            f"| {pruner} | {steps:.0f} | {baseline / steps:.2f} | "
            f"{statistics.mean(scores):.4f} ± {_std(scores):.4f} |"
        )
    return "\n".join(lines)


def check_targets(results: Sequence[RunResult], task: str) -> list[str]:
    """The benchmark's two targets for one task, each as a line saying met or not.

    "Equal final score within noise" means a mean no lower than the baseline's
    by more than the standard error of the difference of the two means.
    """
    grouped = _by_pruner(results, task)

    def summary(pruner: str) -> tuple[float, float, float]:
        runs = grouped[pruner]
        scores = [r.best_score for r in runs]
        standard_error = _std(scores) / len(scores) ** 0.5
        return statistics.mean(r.steps for r in runs), statistics.mean(scores), standard_error

    lines = []
    base_steps, base_score, base_error = summary("none")
    for pruner in ("successive_halving", "hyperband"):
        steps, score, error = summary(pruner)
        fewer = base_steps / steps
        noise = (base_error**2 + error**2) ** 0.5
        met = fewer >= 3.0 and score >= base_score - noise
        lines.append(
            f"- {task}: {pruner} spends {fewer:.2f}x fewer steps than no pruning, best score "
            f"{score:.4f} vs {base_score:.4f} (noise {noise:.4f}): "
            f"{'met' if met else 'NOT met'} (>= 3x at equal score)"
        )
    steps, score, error = summary("hyperband")
    o_steps, o_score, o_error = summary("optuna_hyperband")
    noise = (error**2 + o_error**2) ** 0.5
    met = score >= o_score - noise and steps <= o_steps
    lines.append(
        f"- {task}: tunesmith hyperband {score:.4f} in {steps:.0f} steps vs Optuna hyperband "
        f"{o_score:.4f} in {o_steps:.0f} steps: {'met' if met else 'NOT met'} "
        "(Optuna's score, no more steps)"
    )
    return lines


def plot(results: Sequence[RunResult], tasks: Sequence[str], path: Path) -> str:
    """Draw best score against steps spent (mean over seeds) per pruner; say what was done.

    Uses matplotlib, else plotly, else draws nothing: neither is a dependency.
    The folder of ``path`` is created when missing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    series: dict[str, dict[str, tuple[list[float], list[float]]]] = {}
    for task in tasks:
        series[task] = {}
        for pruner, runs in _by_pruner(results, task).items():
            n_trials = min(len(r.curve) for r in runs)
            steps = [statistics.mean(r.curve[i][0] for r in runs) for i in range(n_trials)]
            scores = [statistics.mean(r.curve[i][1] for r in runs) for i in range(n_trials)]
            series[task][pruner] = (steps, scores)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        pass
    else:
        figure, axes = plt.subplots(1, len(tasks), figsize=(6 * len(tasks), 4.5), squeeze=False)
        for axis, task in zip(axes[0], tasks, strict=True):
            for pruner, (steps, scores) in series[task].items():
                axis.plot(steps, scores, label=pruner, drawstyle="steps-post")
            axis.set(title=task, xlabel="steps spent", ylabel="best validation accuracy")
            axis.legend(fontsize="small")
        figure.tight_layout()
        figure.savefig(path.with_suffix(".png"))
        return f"Plot written to {path.with_suffix('.png')}."
    try:
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots
    except ImportError:
        return "No plot: neither matplotlib nor plotly is installed."
    figure = make_subplots(rows=1, cols=len(tasks), subplot_titles=list(tasks))
    for column, task in enumerate(tasks, start=1):
        for pruner, (steps, scores) in series[task].items():
            trace = go.Scatter(x=steps, y=scores, name=f"{task}: {pruner}", line_shape="hv")
            figure.add_trace(trace, row=1, col=column)
    figure.write_html(path.with_suffix(".html"))
    return f"Plot written to {path.with_suffix('.html')}."
