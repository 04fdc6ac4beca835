"""Provides sizing for tables whose main text column wraps to fill the width left over."""

from __future__ import annotations

CELL_PADDING = 2
"""A DataTable column's padding, one cell each side."""

CHROME = 6
"""The table's border, its scrollbar, and the gutter the pane keeps beside it."""


def fill_width(total: int, fixed: list[int], minimum: int = 20) -> int:
    """The width for the one wrapping column, given the table's width and the other columns'."""
    used = sum(fixed) + CELL_PADDING * (len(fixed) + 1) + CHROME
    return max(minimum, total - used)
