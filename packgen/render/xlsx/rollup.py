"""The roll-up workbook (``rollup.xlsx``): the force-wide roll-up of a batch, laid out in Excel.

:func:`render_rollup` takes the roll-up (:class:`packgen.rollup_model.Rollup`) with its cells as
they may be published and its notes, all worked out by :mod:`packgen.stages.rollup`, and writes
three sheets: one row per BCU and a force-wide row (:data:`~packgen.workbook_layout.ROLLUP_SHEET`),
the action register (:data:`~packgen.workbook_layout.ROLLUP_REGISTER`) and the notes on the
figures (:data:`~packgen.workbook_layout.ROLLUP_NOTES`). Every sheet title and heading is taken from
:mod:`packgen.workbook_layout`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from packgen import workbook_layout as layout
from packgen.render.xlsx.saving import workbook_bytes
from packgen.rollup_model import PEOPLE, REGISTER_STATUSES, Published, Rollup, register_totals

HEADING_COLOUR = "1D3557"
"""The fill of every sheet's heading row (its text is white)."""


def render_rollup(rollup: Rollup, shown: Published, notes: Sequence[str]) -> bytes:
    """Return the roll-up as .xlsx bytes: its BCUs' figures as ``shown`` (small counts hidden),
    the action register, and ``notes`` on the figures."""
    from openpyxl import Workbook

    workbook = Workbook()
    _summary_sheet(workbook.active, rollup, shown)
    _register_sheet(workbook.create_sheet(layout.ROLLUP_REGISTER), rollup)
    _notes_sheet(workbook.create_sheet(layout.ROLLUP_NOTES), notes)
    return workbook_bytes(workbook)


def _summary_sheet(sheet, rollup: Rollup, shown: Published) -> None:
    """Write one row per BCU and the force-wide row, each question's before and after beside."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.title = layout.ROLLUP_SHEET
    questions = list(rollup.question_words)
    headers = list(layout.ROLLUP_HEADINGS)
    for question in questions:
        headers += layout.rollup_question_headings(question)
    _heading_row(sheet, headers)
    for index, hub in enumerate([*rollup.hubs, rollup.totals]):
        cells = shown.people[index]
        row = [hub.bcu, hub.title, hub.dates, *(cells[column] for column in (*PEOPLE, "cost"))]
        for question in questions:
            row += [shown.questions[question][index]["before"], shown.questions[question][index]["after"]]
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            _text_stays_text(cell)
        if hub is rollup.totals:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for position in range(1, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(position)].width = 16 if position > 3 else 26
    sheet.freeze_panes = "D2"


def register_cells(rollup: Rollup) -> list[list]:
    """Return the register's rows as the workbook holds them (dates as dates; the PDF words them)."""
    rows = []
    for row in rollup.register:
        rows.append([row.bcu, next(h.title for h in rollup.hubs if h.name == row.name),
                     *(row.statuses[s] for s in REGISTER_STATUSES), row.actions, row.overdue,
                     row.edition, row.last_update, row.days_since, row.next.by, row.next.state, row.kept, row.broken])
    totals = register_totals(rollup.register)
    rows.append([rollup.totals.bcu, rollup.totals.title, *(totals["statuses"][s] for s in REGISTER_STATUSES),
                 totals["actions"], totals["overdue"], None, None, None, None,
                 f"{totals['bcus_broken']} of {totals['bcus']} broken", totals["kept"], totals["broken"]])
    return rows


def _register_sheet(sheet, rollup: Rollup) -> None:
    """Write the action register: one row per BCU, then the force-wide row."""
    from openpyxl.styles import Font

    _heading_row(sheet, list(layout.ROLLUP_REGISTER_HEADINGS))
    for values in register_cells(rollup):
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "d mmmm yyyy"
            else:
                _text_stays_text(cell)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJKLMNOP", (26, 26, *[12] * 7, 10, 16, 10, 16, 14, 12, 12)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C2"


def _notes_sheet(sheet, notes: Sequence[str]) -> None:
    """Write the notes on the figures under their title, one a row."""
    from openpyxl.styles import Font

    sheet.append([layout.ROLLUP_NOTES_TITLE])
    sheet["A1"].font = Font(bold=True)
    for line in notes:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 120


def _heading_row(sheet, headings: list[str]) -> None:
    """Append ``headings`` as the sheet's first row: bold white on the heading colour, wrapped."""
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADING_COLOUR)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _text_stays_text(cell: Any) -> None:
    """Keep a text cell text: text from configs is never a formula, nor becomes one when edited."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        cell.quotePrefix = cell.value.startswith(("=", "+", "-", "@"))
