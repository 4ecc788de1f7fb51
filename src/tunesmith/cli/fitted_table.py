"""Tables laid out to the terminal's width without ever splitting a number or a word.

rich folds a cell that does not fit its column onto two lines, so at 80
columns ``0.954339`` reads ``0.954│339`` and ``COMPLETE`` reads ``COMPL│ETE``.
``fitted_table`` instead keeps every column at the width of its widest cell
(or header) and leaves out the columns that do not fit, the least important
first, saying which in the table's caption. The first ``n_required`` columns
(the trial number, its state and its values) are always kept; the others are
kept by their ``rank`` (0 first), and shown in the order given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

__all__ = ["Column", "fitted_table", "table_width"]

# What rich's default box adds around cells: one border and one space of padding each side.
_COLUMN_FRAME = 3
_TABLE_EDGE = 1


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table: its header, its cells (already formatted) and how much it matters.

    ``rank`` orders the columns a narrow terminal keeps: lower is kept first.
    """

    header: str
    cells: Sequence[str]
    rank: int = 0

    @property
    def width(self) -> int:
        """The width that shows the header and every cell on one line."""
        return max([len(self.header), *(len(cell) for cell in self.cells)])


def table_width(columns: Sequence[Column]) -> int:
    """How many terminal columns ``columns`` take in a rich table with its default box."""
    return sum(column.width + _COLUMN_FRAME for column in columns) + _TABLE_EDGE


def fitted_table(
    title: str, columns: Sequence[Column], width: int | None, n_required: int = 1
) -> Table:
    """A table of ``columns`` no wider than ``width``, each cell on one line.

    Args:
        title: the table's title.
        columns: every column, in the order shown.
        width: the terminal's columns; None to keep every column.
        n_required: how many leading columns are kept whatever the width.

    Returns:
        the table; its caption names the columns left out, when any were.

    >>> columns = [Column("trial", ["0"]), Column("value", ["0.954339"]), Column("x", ["1"])]
    >>> table = fitted_table("Trials", columns, width=23)
    >>> str(table.caption)
    'Left out to fit 23 columns: x.'
    """
    kept = set(range(n_required))
    optional = sorted(range(n_required, len(columns)), key=lambda index: columns[index].rank)
    for index in optional:
        if width is None or table_width([columns[i] for i in (*kept, index)]) <= width:
            kept.add(index)
    left_out = [column.header for i, column in enumerate(columns) if i not in kept]
    kept_columns = [column for i, column in enumerate(columns) if i in kept]
    table = Table(title=Text(title), caption_justify="left")
    for column in kept_columns:
        table.add_column(Text(column.header), no_wrap=True, min_width=column.width)
    for row in zip(*(column.cells for column in kept_columns), strict=True):
        table.add_row(*(Text(cell) for cell in row))
    if left_out:
        table.caption = Text(f"Left out to fit {width} columns: {', '.join(left_out)}.")
    return table
