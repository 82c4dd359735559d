"""Column widths and styles, and one column spread into several (a capture sheet's questions)."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.worksheet.worksheet import Worksheet

from packgen.render.ooxml.workbook import remove_cell, set_style, style_of
from packgen.render.xlsx.cells import put


def spread_column(sheet: Worksheet, header_row: int, marker: int, headers: list[str]) -> None:
    """Replace column ``marker`` by one column per heading, each in its style and width.

    openpyxl's insert_cols moves cells but neither widths nor column styles, so the columns from
    the marker on are rebuilt here; a capture sheet has nothing below its styled row. Merged cells
    above the header (the guidance) that reached the last column are stretched to the new last.
    """
    rows = range(1, header_row + 2)
    last = sheet.max_column
    stretched = [merged.bounds for merged in list(sheet.merged_cells.ranges)
                 if merged.max_row < header_row and merged.max_col == last]
    for min_col, min_row, max_col, max_row in stretched:
        sheet.unmerge_cells(start_row=min_row, start_column=min_col, end_row=max_row, end_column=max_col)
    dimensions = column_dimensions(sheet)
    old = []
    for column in range(marker, last + 1):
        cells = {row: (sheet.cell(row, column).value, style_of(sheet.cell(row, column)))
                 for row in rows}
        old.append((cells, dimensions.pop(column, None)))
        for row in rows:
            remove_cell(sheet, row, column)
    plan = [(old[0], header, index == 0) for index, header in enumerate(headers)]
    plan += [(entry, None, True) for entry in old[1:]]
    for column, ((cells, dimension), header, keep_values) in enumerate(plan, start=marker):
        for row, (value, style) in cells.items():
            cell = sheet.cell(row, column)
            set_style(cell, style)
            if row == header_row and header is not None:
                put(cell, header)
            elif keep_values:
                cell.value = value
        if dimension is not None:
            dimensions[column] = dimension
    set_column_dimensions(sheet, dimensions)
    new_last = marker + len(plan) - 1
    for min_col, min_row, _max_col, max_row in stretched:
        sheet.merge_cells(start_row=min_row, start_column=min_col, end_row=max_row,
                          end_column=max(new_last, min_col))


def column_dimensions(sheet: Worksheet) -> dict[int, tuple[float | None, bool, Any]]:
    """Return each column's width, hidden flag and style, one entry per column."""
    found = {}
    for dimension in sheet.column_dimensions.values():
        low = dimension.min or column_index_from_string(dimension.index)
        for column in range(low, (dimension.max or low) + 1):
            found[column] = (dimension.width if dimension.customWidth else None, dimension.hidden,
                             style_of(dimension))
    return found


def set_column_dimensions(sheet: Worksheet, dimensions: dict[int, tuple]) -> None:
    """Give the sheet one column dimension per entry of :func:`column_dimensions`' kind."""
    sheet.column_dimensions.clear()
    for column, (width, hidden, style) in sorted(dimensions.items()):
        letter = get_column_letter(column)
        dimension = ColumnDimension(sheet, index=letter, hidden=hidden)
        if width is not None:
            dimension.width = width
        set_style(dimension, style)
        sheet.column_dimensions[letter] = dimension
