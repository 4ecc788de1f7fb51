"""The console the commands print to: the terminal's width, or a wide page for a file or pipe."""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.text import Text

__all__ = ["output_console", "print_line"]

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


def print_line(console: Console, line: Text) -> None:
    """Print a line of prose: wrapped between words in a terminal, whole in a file or pipe.

    A terminal would break a line longer than its width anywhere, inside a
    word or a number; a file or pipe keeps each line whole for grep and logs.
    """
    console.print(line, soft_wrap=not console.is_terminal)
