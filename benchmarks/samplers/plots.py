"""A bar chart of the overall normalised regret per sampler and budget (needs matplotlib)."""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["plot_overall_regret"]


def plot_overall_regret(
    overall: Mapping[int, Mapping[str, float]], samplers: Sequence[str], path: Path
) -> Path | None:
    """Save grouped bars (one group per sampler, one bar per budget) to ``path``.

    Returns the path, or None when matplotlib is not installed.
    """
    if importlib.util.find_spec("matplotlib") is None:
        return None
    import matplotlib

    # No display is needed (or wanted) to write a file.
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    budgets = sorted(overall)
    width = 0.8 / len(budgets)
    figure, axes = plt.subplots(figsize=(1.2 * len(samplers) + 2, 4))
    for offset, budget in enumerate(budgets):
        heights = [overall[budget].get(s, math.nan) for s in samplers]
        positions = [i + (offset - (len(budgets) - 1) / 2) * width for i in range(len(samplers))]
        axes.bar(positions, heights, width, label=f"{budget} trials")
    axes.axhline(1.0, color="grey", linewidth=0.8, linestyle="--")
    axes.set_xticks(range(len(samplers)), samplers, rotation=30, ha="right")
    axes.set_ylabel("mean normalised regret\n(0 optimum, 1 random search)")
    axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path
