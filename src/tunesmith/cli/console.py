"""The console the commands print to: the terminal's width, or a wide page for a file or pipe."""

from __future__ import annotations

import os
import sys

from rich.console import Console

__all__ = ["output_console"]

# Output piped or redirected (a log, `| less`, `make demo`) has no width to fit; rich would
# assume 80 columns and fold the numbers inside table cells onto two lines.
_PAGE_WIDTH = 200


def output_console() -> Console:
    """A console as wide as the terminal, or ``_PAGE_WIDTH`` when stdout is not one.

    ``COLUMNS`` set in the environment wins, as rich reads it.
    """
    if sys.stdout.isatty() or "COLUMNS" in os.environ:
        return Console()
    return Console(width=_PAGE_WIDTH)
