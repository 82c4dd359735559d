"""A data sheet found by its headings: its header row, its columns and its template row's style."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from packgen.render.ooxml.workbook import cells_of, set_style, style_of
from packgen.render.xlsx.cells import key, put, sheet_values
from packgen.render.xlsx.specs import CHECKED_ROWS, SheetSpec
from packgen.workbook_layout import HEADER_SEARCH_ROWS


@dataclass
class DataSheet:
    """A data sheet's header row, its columns by heading, and the style of its first row."""

    sheet: Worksheet
    header_row: int
    columns: dict[str, int]
    styles: dict[int, Any]
    last: int = 0
    """The last row written (the header row until a row is written)."""

    @staticmethod
    def header_row_of(rows: Sequence[Sequence[Any]], spec: SheetSpec) -> int | None:
        """Return the 1-based row among ``rows`` holding any of ``spec``'s headings."""
        wanted = {key(h) for h in spec.headers + spec.optional + spec.earlier}
        for number, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
            if any(key(value) in wanted for value in row if isinstance(value, str)):
                return number
        return None

    @classmethod
    def headings(cls, sheet: Worksheet, spec: SheetSpec) -> dict[str, int]:
        """Return the sheet's headings (compared form) and their column numbers."""
        rows = sheet_values(sheet, HEADER_SEARCH_ROWS)
        number = cls.header_row_of(rows, spec)
        return {} if number is None else headings_in(rows[number - 1])

    @classmethod
    def find(cls, sheet: Worksheet, spec: SheetSpec) -> DataSheet:
        """Return the data sheet ``sheet`` holds, whose headings the template check has found."""
        rows = sheet_values(sheet, HEADER_SEARCH_ROWS)
        header_row = cls.header_row_of(rows, spec)
        assert header_row is not None, "checked by the template check"
        data = cls(sheet, header_row, headings_in(rows[header_row - 1]), {}, header_row)
        data.styles = {
            column: style_of(sheet.cell(header_row + 1, column))
            for column in range(1, sheet.max_column + 1)
        }
        return data

    @property
    def first(self) -> int:
        return self.header_row + 1

    def has(self, header: str) -> bool:
        return key(header) in self.columns

    def column(self, header: str) -> int:
        return self.columns[key(header)]

    def letter(self, header: str) -> str:
        return get_column_letter(self.column(header))

    def span(self, header: str, first: int, last: int, absolute: bool = False) -> str:
        letter = self.letter(header)
        if absolute:
            return f"${letter}${first}:${letter}${last}"
        return f"{letter}{first}:{letter}{last}"

    def checked_span(self, header: str, absolute: bool = False) -> str:
        """Return the column's range that carries drop-downs and checks."""
        last = max(self.first + CHECKED_ROWS - 1, self.last)
        return self.span(header, self.first, last, absolute)

    def write(self, row: int, values: dict[str, Any]) -> None:
        """Write one row in the template row's style; headings absent from the sheet are skipped."""
        self.last = max(self.last, row)
        for column, style in self.styles.items():
            set_style(self.sheet.cell(row, column), style)
        for header, value in values.items():
            if self.has(header):
                put(self.sheet.cell(row, self.column(header)), value)

    def values(self, header: str, first: int, last: int) -> list[Any]:
        """Return the values of the column's rows ``first`` to ``last`` (None for an empty cell)."""
        column = self.column(header)
        cells = cells_of(self.sheet)
        return [cells[(row, column)].value if (row, column) in cells else None
                for row in range(first, last + 1)]

    def write_rows(self, rows: Iterable[dict[str, Any]]) -> int:
        """Write ``rows`` from the first data row down; return the last row number written."""
        last = self.header_row
        for last, values in enumerate(rows, start=self.first):
            self.write(last, values)
        return last


def headings_in(row: Sequence[Any]) -> dict[str, int]:
    """Return a header row's headings (compared form) and their column numbers, first one kept."""
    found: dict[str, int] = {}
    for column, value in enumerate(row, start=1):
        if isinstance(value, str) and key(value) not in found:
            found[key(value)] = column
    return found


def reference(sheet: Worksheet, span: str) -> str:
    """Return ``Sheet!span``, quoting the sheet's name when it needs it."""
    title = sheet.title
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", title):
        title = "'" + title.replace("'", "''") + "'"
    return f"{title}!{span}"
