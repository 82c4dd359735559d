"""A workbook as .xlsx bytes: reproducible, and valid as Office reads the schemas."""

from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook

from packgen.render.ooxml.workbook import put_fonts_in_office_order, xlsx_bytes

FIXED_DOCUMENT_DATE = datetime(2000, 1, 1)
"""The created and modified dates every built workbook carries (see packgen.output.FIXED_STAMP)."""


def saved(workbook: Workbook) -> bytes:
    """Return the workbook as .xlsx bytes with fixed document dates.

    openpyxl's ``save`` stamps the time of saving; its writer, called directly, keeps the dates
    set here, so the same inputs give the same bytes (see :func:`packgen.output.reproducible`).
    """
    workbook.properties.created = workbook.properties.modified = FIXED_DOCUMENT_DATE
    return workbook_bytes(workbook)


def workbook_bytes(workbook: Workbook) -> bytes:
    """Return ``workbook`` as .xlsx bytes, written in memory, valid as Office reads the schemas.

    Every workbook packgen writes is saved through here (the planning workbook, the typing-in
    sheets, the roll-up), so each has its fonts in Office's order and its formulas' values.
    """
    put_fonts_in_office_order(workbook)
    return xlsx_bytes(workbook)
