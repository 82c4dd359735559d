"""openpyxl's private names, each used once here and pinned by ``tests/render/ooxml/test_workbook.py``.

The planning workbook's renderer (:mod:`packgen.render.xlsx`), the typing-in sheets and the roll-up
use only these functions and openpyxl's public API. Each function says why the public API does not
serve; each test fails when a release of openpyxl changes what the function relies on.
"""

from __future__ import annotations

import io
import zipfile
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.cell._writer import write_cell
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter


class CachedFormula(str):
    """A formula's text with the value it comes to, which :func:`xlsx_bytes` stores beside it."""

    value: float | str

    def __new__(cls, text: str, value: float | str) -> CachedFormula:
        formula = super().__new__(cls, text)
        formula.value = value
        return formula


def keep_formula(cell: Any, formula: CachedFormula) -> None:
    """Put ``formula`` in ``cell`` as itself, so the writer finds its value.

    openpyxl's ``cell.value = ...`` keeps any text as a plain ``str`` (losing a subclass and its
    value); only the cell's private ``_value`` holds the object given.
    """
    cell.value = str(formula)  # the public setter: the cell becomes a formula cell
    cell._value = formula


def style_of(owner: Any) -> Any:
    """Return a copy of the style a cell or a row or column dimension carries.

    openpyxl's public style attributes (``font``, ``fill`` …) are read and set one at a time, each
    looked up in the workbook's lists; copying a template row's style to hundreds of cells that way
    costs many times the one array every styled object holds privately as ``_style``.
    """
    return copy(owner._style)


def set_style(owner: Any, style: Any) -> None:
    """Give a cell or a dimension the style :func:`style_of` returned (see there for why)."""
    owner._style = copy(style)


def cells_of(sheet: Worksheet) -> dict[tuple[int, int], Any]:
    """Return the sheet's own store of cells by (row, column), to read, never to change.

    openpyxl's public ways to reach cells (``iter_rows``, ``sheet[...]``, ``cell()``) make a cell
    for every empty place they pass, which the workbook then carries and saves.
    """
    return sheet._cells


def remove_cell(sheet: Worksheet, row: int, column: int) -> None:
    """Remove the cell at (row, column); openpyxl has no public way to remove one cell."""
    del sheet._cells[(row, column)]


def rebind_dimensions(workbook: Workbook) -> None:
    """Bind every sheet's row and column dimensions to their sheet again after unpickling.

    A sheet's dimensions are default dictionaries whose factory is a private method of the sheet
    (``_add_row``, ``_add_column``); pickle rebuilds them without it, and openpyxl has no public
    way to set it, so a row or column not yet sized could not be sized.
    """
    for sheet in workbook.worksheets:
        for holder, factory in ((sheet.row_dimensions, sheet._add_row),
                                (sheet.column_dimensions, sheet._add_column)):
            holder.worksheet = sheet
            holder.default_factory = factory


class _OfficeFont(Font):
    """openpyxl's font, its properties written in the order Office reads them.

    openpyxl writes a font's name first; ECMA-376 allows any order, but Office's own reading of the
    schema (the Open XML SDK's) is a sequence: b, i, strike, ..., sz, color, name, family, charset,
    scheme, and reports every font of the workbook otherwise. openpyxl has no option for the order:
    a serialisable class's private ``__elements__`` is it.
    """

    __elements__ = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u",
                    "vertAlign", "sz", "color", "name", "family", "charset", "scheme")
    # openpyxl finds a class's attributes and one-value children among its own names only.
    __attrs__, __nested__ = Font.__attrs__, Font.__nested__


def _office_font(font: Font) -> _OfficeFont:
    return _OfficeFont.from_tree(font.to_tree())


def put_fonts_in_office_order(workbook: Workbook) -> None:
    """Make every font of ``workbook`` write its properties in the order Office reads them.

    The workbook's fonts, which styles refer to by their place in a list, and the fonts of
    conditional formats (a template's own among them); openpyxl has no public name for the first
    list (``_fonts``) nor for the workbook's differential styles (``_differential_styles``).
    """
    workbook._fonts = IndexedList(_office_font(font) for font in workbook._fonts)
    formats = [rule.dxf for sheet in workbook.worksheets for formatting in sheet.conditional_formatting
               for rule in formatting.rules if rule.dxf is not None]
    for style in [*workbook._differential_styles.styles, *formats]:
        if style.font is not None and not isinstance(style.font, _OfficeFont):
            style.font = _office_font(style.font)


def xlsx_bytes(workbook: Workbook) -> bytes:
    """Return ``workbook`` as .xlsx bytes written in memory, each :class:`CachedFormula` with its value.

    openpyxl's public ``save`` stamps the time of saving, writes every sheet to a temporary file
    first (a file created, read and removed per sheet) and writes every formula with an empty
    value, which readers that do not calculate show as a blank; its writer classes, subclassed
    here, are private (``openpyxl.worksheet._writer``, ``openpyxl.cell._writer``).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _InMemoryWriter(workbook, archive).write_data()
    return buffer.getvalue()


def number_text(number: float) -> str:
    """Return ``number`` as a cell stores it, every digit kept (openpyxl's own writer keeps 16)."""
    if float(number).is_integer():
        return str(int(number))
    return repr(float(number))


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, storing each :class:`CachedFormula`'s value with it."""

    def write_row(self, xf, row, row_idx) -> None:  # as WorksheetWriter's, but for a formula
        attrs = {"r": f"{row_idx}"}
        attrs.update(self.ws.row_dimensions.get(row_idx, {}))
        with xf.element("row", attrs):
            for cell in row:
                if cell._comment is not None:
                    self.ws._comments.append(CommentRecord.from_cell(cell))
                if cell._value is None and not cell.has_style and not cell._comment:
                    continue
                if isinstance(cell._value, CachedFormula):
                    _write_formula(xf, cell)
                else:
                    write_cell(xf, self.ws, cell, cell.has_style)


class _InMemoryWriter(ExcelWriter):
    """openpyxl's writer with each sheet's XML built in memory."""

    def write_worksheet(self, ws: Worksheet) -> None:  # as ExcelWriter's, for a workbook in memory
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        sheet_xml = io.BytesIO()
        writer = _SheetWriter(ws, out=sheet_xml)
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], sheet_xml.getvalue())
        self.manifest.append(ws)


def _write_formula(xf, cell) -> None:
    """Write a cell holding a :class:`CachedFormula`, its value beside it (a packgen formula's cell
    has no hyperlink, which is all openpyxl's cell writer adds)."""
    formula = cell._value
    attrs = {"r": cell.coordinate}
    if cell.has_style:
        attrs["s"] = f"{cell.style_id}"
    if isinstance(formula.value, str):
        attrs["t"] = "str"  # a formula's text result
    value = formula.value if isinstance(formula.value, str) else number_text(formula.value)
    with xf.element("c", attrs):
        with xf.element("f"):
            xf.write(formula[1:])
        with xf.element("v"):
            xf.write(value)

