"""Cells: text that stays text, formulas packgen writes with their values, and reading a sheet
without making a cell for every empty place."""

from __future__ import annotations

import logging
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from packgen.render.ooxml.workbook import CachedFormula, cells_of, keep_formula
from packgen.text import clean_text

logger = logging.getLogger("packgen.render.xlsx")

CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""
CUT_NOTE = " [cut short here: an Excel cell holds at most 32,767 characters]"


class Formula(CachedFormula):
    """A formula packgen writes itself (text from the config is never one), with its value.

    ``value`` is what the formula comes to on the cells as packgen writes them (a number, or
    text). It is stored with the formula, so what does not calculate (Protected View, file
    previews, pandas, Power Query) shows it rather than a blank; Excel and LibreOffice calculate
    again on opening, so once the organiser types into the workbook the formula speaks for itself.

    packgen works the values out itself rather than running a formula evaluator (such as
    ``formulas`` or ``pycel``) on the finished workbook: an evaluator reads the whole workbook back
    in, costing as much again as building it, to recompute a few dozen cells from numbers packgen
    holds already. The tests recalculate every workbook in LibreOffice and compare.
    """


def put(cell, value: Any) -> None:
    """Write ``value``: a :class:`Formula` as a formula, any other text as text, else as is."""
    if isinstance(value, Formula):
        keep_formula(cell, value)
    elif isinstance(value, str):
        text = safe_text(value)
        if not text:
            cell.value = None
            return
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever it starts with
        if text[0] in "=+-@":
            cell.quotePrefix = True
    else:
        cell.value = value


def safe_text(value: str) -> str:
    """Return ``value`` as a cell can hold it: no XML-illegal characters, at most 32,767 long."""
    text, _removed = clean_text(value)
    if len(text) > CELL_LIMIT:
        logger.warning("a text of %s characters was cut to fit an Excel cell", f"{len(text):,}")
        text = text[: CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE
    return text


def key(header: Any) -> str:
    """Return a heading as compared: spaces collapsed, case ignored."""
    return " ".join(str(header).split()).casefold() if header is not None else ""


def stored_cells(sheet: Worksheet) -> list[Any]:
    """Return the cells the sheet holds, row by row, without making a cell for an empty place."""
    return [cell for _, cell in sorted(cells_of(sheet).items())]


def sheet_values(sheet: Worksheet, max_row: int | None = None) -> list[tuple[Any, ...]]:
    """Return the sheet's values as rows from row 1 and column 1, as ``iter_rows(values_only=True)``
    gives them, without making a cell for every empty place."""
    last_row = min(max_row or sheet.max_row, sheet.max_row)
    width = sheet.max_column  # openpyxl works it out from every cell: once, not once a row
    grid = [[None] * width for _ in range(last_row)]
    for (row, column), cell in cells_of(sheet).items():
        if row <= last_row:
            grid[row - 1][column - 1] = cell.value
    return [tuple(values) for values in grid]
