"""Row heights: rows holding wrapped text made tall enough to show it."""

from __future__ import annotations

import textwrap
from functools import lru_cache

from openpyxl.worksheet.worksheet import Worksheet

from packgen.render.xlsx.cells import stored_cells
from packgen.render.xlsx.columns import column_dimensions

ROW_HEIGHT_LIMIT = 409
"""Excel's tallest row, in points."""
CHARACTERS_PER_WIDTH = 1.05
"""Characters of 11pt text one unit of column width holds, a little under the true figure."""


def fit_row_heights(sheet: Worksheet) -> None:
    """Give every row holding wrapped text the height its longest cell needs.

    Neither Excel nor LibreOffice sizes a row to wrapped text a program wrote until someone edits
    it, so the lines are counted here (greedy word wrap at the column's width) and the row set
    high enough. Rows the template sized and merged cells are left alone.
    """
    widths = {column: entry[0] for column, entry in column_dimensions(sheet).items()}
    merged = {cell for span in sheet.merged_cells.ranges for cell in span.cells}
    tallest: dict[int, tuple[int, float]] = {}  # row number: (lines, font size) of its tallest cell
    for cell in stored_cells(sheet):
        if cell.data_type != "s" or not isinstance(cell.value, str) or (cell.row, cell.column) in merged:
            continue
        if not cell.alignment.wrap_text:
            continue
        cell_size = float(cell.font.sz or 11)
        width = widths.get(cell.column) or 8.43
        per_line = max(1, int(width * CHARACTERS_PER_WIDTH * 11 / cell_size))
        count = sum(wrapped_lines(part, per_line) for part in cell.value.split("\n"))
        lines, size = tallest.get(cell.row, (1, 11.0))
        if count * cell_size > lines * size:
            tallest[cell.row] = (count, cell_size)
    for number, (lines, size) in tallest.items():
        if lines > 1 and not sheet.row_dimensions[number].customHeight:
            sheet.row_dimensions[number].height = min(ROW_HEIGHT_LIMIT, round(lines * size * 1.3 + 3, 1))


# A pure function of a text and a width, never of a file: a kept answer cannot go stale.
@lru_cache(maxsize=4096)
def wrapped_lines(text: str, per_line: int) -> int:
    """Return how many lines ``text`` takes wrapped at ``per_line`` characters (at least one)."""
    return max(1, len(textwrap.wrap(text, per_line)))
