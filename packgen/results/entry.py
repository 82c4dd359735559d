"""Blank sheets for typing in paper forms, headed exactly as the forms are printed.

The headers are the wordings on the form, so the results stage recognises every column of a
filled-in sheet without any mapping.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from packgen import workbook_layout as layout
from packgen.config import LoadedConfig
from packgen.model import Event
from packgen.output import WriteReport, write_output
from packgen.results.fields import stage_fields

ENTRY_ROWS = 500
"""Rows of the .xlsx sheet that carry the score check (a hub has at most a few hundred forms)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
"""What a spreadsheet may take as the start of a formula (OWASP's CSV injection guidance, with
OWASP ASVS's null character)."""


def csv_cell(text: str) -> str:
    """Return ``text`` as a CSV cell a spreadsheet opens as text, never as a formula.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a null character gets
    a leading apostrophe, as OWASP advises; the CSV is written with every cell quoted. The results
    stage ignores punctuation in headings, so a protected heading is still recognised.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def entry_headers(event: Event, stage: str) -> list[str]:
    """Return the headers of a typing-in sheet: personal code, sector, each question, free text."""
    return [field.label for field in stage_fields(event, stage)]


def entry_sheet(event: Event, stage: str, suffix: str) -> bytes:
    """Return a blank typing-in sheet as .csv or .xlsx bytes."""
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
        writer.writerow([csv_cell(header) for header in entry_headers(event, stage)])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8
    return _entry_workbook(event, stage)


def write_entry_sheet(loaded: LoadedConfig, stage: str, path: Path, force: bool = False) -> WriteReport:
    """Write a blank typing-in sheet to ``path`` (.csv or .xlsx) as packgen writes every file: a
    sheet packgen wrote and nobody has typed into since is replaced; one typed into, or a file
    packgen did not write, only with ``force`` (then kept as a dated copy); the config, never."""
    data = entry_sheet(loaded.event, stage, path.suffix.lower())
    return write_output(path, data, force=force, reads=[loaded.path, loaded.defaults, loaded.event.branding.logo])


def _entry_workbook(event: Event, stage: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout.CAPTURE_SHEETS[stage]
    fields = stage_fields(event, stage)
    for position, field in enumerate(fields, start=1):
        cell = sheet.cell(row=1, column=position, value=field.label)
        cell.data_type = "s"  # text, never a formula, and kept text when edited (as the planning workbook's)
        cell.quotePrefix = field.label.startswith(FORMULA_STARTS)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(position)].width = 18 if field.kind == "score" else 28
        if field.kind == "code":  # how attendees made the code, as the forms and slides told them
            rule = event.evaluation.personal_code
            cell.comment = Comment(f"Attendees were asked to make their code from \u2018{rule}\u2019.", "packgen")
    sheet.row_dimensions[1].height = 90
    sheet.freeze_panes = "A2"
    agreed = [i for i, f in enumerate(fields, start=1) if f.kind == "score" and event.scale_of(f.id).reads_labels]
    scores = [i for i, f in enumerate(fields, start=1) if f.kind == "score" and i not in agreed]
    if agreed:  # a drop-down of the agreement scale's labels
        labels = event.scale_of(fields[agreed[0] - 1].id).labels
        choice = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', showErrorMessage=True,
                                errorTitle="Pick an answer", error=f"Pick one of: {', '.join(labels)}.")
        for column in agreed:
            choice.add(f"{get_column_letter(column)}2:{get_column_letter(column)}{ENTRY_ROWS + 1}")
        sheet.add_data_validation(choice)
    if scores:
        low, high = layout.SCORE_MIN, layout.SCORE_MAX
        check = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                               showErrorMessage=True, errorTitle=f"Score from {low} to {high}",
                               error=f"Type a whole number from {low} to {high}, or leave it blank.")
        for column in scores:
            letter = get_column_letter(column)
            check.add(f"{letter}2:{letter}{ENTRY_ROWS + 1}")
        sheet.add_data_validation(check)
    from packgen.render.xlsx import workbook_bytes  # Office's font order

    return workbook_bytes(workbook)
