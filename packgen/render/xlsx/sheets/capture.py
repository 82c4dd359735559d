"""The sheets the organiser types into: the forms' answers, the note takers' notes, the actions."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from packgen import scales
from packgen import workbook_layout as layout
from packgen.render.xlsx.checks import choice, list_from, validate, whole
from packgen.render.xlsx.columns import spread_column
from packgen.render.xlsx.sheets.lists import Lists
from packgen.render.xlsx.specs import ACTION_STATUSES, CHECKED_ROWS, CONSENT_CHOICES, QUESTION_MARKER, SheetSpec
from packgen.render.xlsx.data_sheet import DataSheet
from packgen.wording import CONSENT, SECTOR


def question_header(question: dict[str, Any], stage: str) -> str:
    """Return a capture sheet's heading for ``question``: ``trust: How much do you ...?``."""
    return f"{question['id']}: {' '.join(question[stage].split())}"


def write_capture(sheet: Worksheet, spec: SheetSpec, questions: list[dict[str, Any]], stage: str,
                  lists: Lists) -> None:
    """Turn the ``Question scores`` heading into one column per question, then add the checks."""
    data = DataSheet.find(sheet, spec)
    marker = data.column(QUESTION_MARKER)
    headers = [question_header(q, stage) for q in questions]
    spread_column(sheet, data.header_row, marker, headers)
    data = DataSheet.find(sheet, _spec_with(spec, headers))
    for agree, run in groupby(zip(questions, headers), key=lambda pair: pair[0]["agree"]):
        run = [header for _, header in run]  # neighbouring columns of one scale share one check
        first, final = data.letter(run[0]), data.letter(run[-1])
        check = choice(scales.AGREE.labels, "answer") if agree else whole(layout.SCORE_MIN, layout.SCORE_MAX, "Score")
        validate(sheet, check, f"{first}{data.first}:{final}{data.first + CHECKED_ROWS - 1}")
    if lists.sectors:
        validate(sheet, list_from(lists.sectors, "sector"), data.checked_span(layout.heading(SECTOR)))
    validate(sheet, choice(CONSENT_CHOICES, "answer"), data.checked_span(layout.heading(CONSENT)))


def _spec_with(spec: SheetSpec, question_headers: list[str]) -> SheetSpec:
    """Return ``spec`` with the question marker replaced by the question headings."""
    headers = []
    for header in spec.headers:
        headers += question_headers if header == QUESTION_MARKER else [header]
    return SheetSpec(spec.title, spec.purpose, tuple(headers), spec.optional, spec.earlier)


def write_session_notes(data: DataSheet, context: dict[str, Any], lists: Lists) -> None:
    """Add the table and session checks to the Session notes sheet."""
    if lists.tables:
        validate(data.sheet, list_from(lists.tables, "table"), data.checked_span(layout.NOTE_HEADINGS["table"]))
    validate(data.sheet, whole(1, context["session_count"], "Session"),
             data.checked_span(layout.NOTE_HEADINGS["session"]))


def write_actions(data: DataSheet) -> None:
    """Add the status drop-down to the Actions sheet."""
    validate(data.sheet, choice(ACTION_STATUSES, "status"), data.checked_span("Status"))
