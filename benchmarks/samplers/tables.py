"""Markdown tables, ready to paste into the README."""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["format_number", "markdown_table"]


def format_number(value: float, digits: int = 3, bold: bool = False) -> str:
    """``value`` with ``digits`` decimals, "n/a" for NaN, in bold when asked."""
    if not math.isfinite(value):
        return "n/a"
    text = f"{value:.{digits}f}"
    return f"**{text}**" if bold else text


def markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None
) -> str:
    """A GitHub-flavoured markdown table, its columns padded to line up in plain text too.

    ``align`` has one letter per column, ``l`` or ``r``; by default the first column is
    left-aligned (names) and the others right-aligned (numbers).
    """
    align = align or "l" + "r" * (len(header) - 1)
    # Three dashes at least: markdown needs them in the rule under the header.
    widths = [max(3, *(len(cell) for cell in column)) for column in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(width) if side == "l" else cell.rjust(width)
            for cell, width, side in zip(cells, widths, align, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * width if side == "l" else "-" * (width - 1) + ":"
        for width, side in zip(widths, align, strict=True)
    ]
    return "\n".join([line(header), "|" + "|".join(f" {r} " for r in rule) + "|", *map(line, rows)])
