"""Turning a table of answers (capture sheet, online-form export, typed CSV) into forms.

The header row is found by its text (capture sheets have a title above it; exports start with
it); each column is matched to a field by header (see :mod:`packgen.results.fields`). Every value
that cannot be used becomes an :class:`~packgen.results.dataset.Issue` with its file, sheet, row
and column; nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from packgen.model import Event
from packgen.results.dataset import Issue, Place, Response, SourceSummary
from packgen.results.fields import (
    Field,
    header_index,
    is_metadata,
    match_header,
    normalise_header,
    parse_consent,
    parse_score,
    stage_fields,
)
from packgen.results.tables import SheetTable, non_blank
from packgen.workbook_layout import HEADER_SEARCH_ROWS

_SUBHEADERS = {"response", "open ended response", "other please specify"}
"""SurveyMonkey's second header row."""


@dataclass
class Columns:
    """Which column holds which field, found from the header row."""

    header_row: int
    fields: dict[int, Field]
    names: dict[int, str]


def read_responses(table: SheetTable, event: Event, stage: str, kind: str) -> tuple[list[Response], SourceSummary]:
    """Return the forms in ``table`` and a summary; problems are added to ``table.issues``."""
    summary = SourceSummary(file=table.place.file, kind=kind, stage=stage)
    index = header_index(event, stage)
    columns = find_columns(table, index)
    if columns is None:
        table.issues.append(Issue(table.place, _no_header_message(stage), "no_header"))
        return [], summary
    _report_missing(table, event, stage, columns)
    responses = []
    data_rows = [(n, cells) for n, cells in table.rows if n > columns.header_row]
    last_filled = max((n for n, cells in data_rows if non_blank(cells)), default=0)
    for number, cells in data_rows:
        if number > last_filled:
            break
        if not non_blank(cells):
            summary.blank_rows += 1
            table.issues.append(Issue(_at(table, number), "blank row, skipped", "blank_row"))
            continue
        responses.append(_response(table, event, stage, columns, number, cells))
    summary.forms = len(responses)
    return responses, summary


def find_columns(table: SheetTable, index: dict[str, Field]) -> Columns | None:
    """Return the columns of the best header row near the top, or None if no row names a field."""
    best: tuple[int, int, list[object]] | None = None
    for number, cells in table.rows[:HEADER_SEARCH_ROWS]:
        hits = sum(1 for c in cells if c is not None and match_header(str(c), index))
        if hits and (best is None or hits > best[1]):
            best = (number, hits, cells)
    if best is None:
        return None
    number, _, cells = best
    columns = Columns(header_row=number, fields={}, names={})
    seen: dict[str, int] = {}
    for position, cell in enumerate(cells):
        header = "" if cell is None else " ".join(str(cell).split())
        if not header:
            continue
        columns.names[position] = header
        field = match_header(header, index)
        if field is None:
            if not is_metadata(header):
                table.issues.append(Issue(_at(table, number, position, header),
                                          "matches no question on the form; ignored", "unknown_column"))
            continue
        if field.id in seen:
            first = columns.names[seen[field.id]]
            table.issues.append(Issue(_at(table, number, position, header),
                                      f"matches the same question as column {_letter(seen[field.id])}"
                                      f" ('{_short(first)}'); only the first is read", "duplicate_column"))
            continue
        seen[field.id] = position
        columns.fields[position] = field
    _skip_subheader_row(table, columns)
    return columns


def _skip_subheader_row(table: SheetTable, columns: Columns) -> None:
    for number, cells in table.rows:
        if number == columns.header_row + 1:
            words = {normalise_header(str(c)) for c in cells if c is not None and str(c).strip()}
            if words and words <= _SUBHEADERS:
                columns.header_row = number
            return


def _report_missing(table: SheetTable, event: Event, stage: str, columns: Columns) -> None:
    found = {f.id for f in columns.fields.values()}
    for field in stage_fields(event, stage):
        if field.id in found or field.kind in ("text", "consent"):
            continue
        what = {"code": "no personal code column, so these forms cannot be paired",
                "sector": "no sector column"}.get(field.kind, f"no column for the question '{_short(field.label)}' ({field.id})")
        table.issues.append(Issue(table.place, what, "missing_question"))


def _response(table: SheetTable, event: Event, stage: str, columns: Columns, number: int,
              cells: list[object]) -> Response:
    response = Response(stage=stage, code="", scores={}, source=_at(table, number))
    for position, field in columns.fields.items():
        value = cells[position] if position < len(cells) else None
        if field.kind == "score":
            score, problem = parse_score(value, event.answer_labels(field.id), event.scale_of(field.id))
            if problem:
                table.issues.append(Issue(_at(table, number, position, columns.names[position]),
                                          problem, "bad_score"))
            elif score is not None:
                response.scores[field.id] = score
        elif field.kind == "consent":
            response.consent = parse_consent(value)
        else:
            text = "" if value is None else str(value).strip()
            if field.kind == "code":
                response.code = text
            elif field.kind == "sector":
                response.sector = _sector(table, event, text, number, position, columns)
            elif text:
                response.answers[field.id] = text
    return response


def _sector(table: SheetTable, event: Event, text: str, number: int, position: int, columns: Columns) -> str:
    if not text:
        return ""
    known = {normalise_header(s): s for s in event.sectors}
    if normalise_header(text) in known:
        return known[normalise_header(text)]
    table.issues.append(Issue(_at(table, number, position, columns.names[position]),
                              f"'{_short(text)}' is not one of the sectors; counted as given", "unknown_sector"))
    return text


def _no_header_message(stage: str) -> str:
    return (f"no column matches the {stage}-event form (expected headers such as 'Your personal code'"
            " and the questions' wording); is this the right file?")


def _at(table: SheetTable, row: int, position: int | None = None, header: str | None = None) -> Place:
    column = None
    if position is not None:
        column = _letter(position) + (f" ('{_short(header)}')" if header else "")
    return Place(table.place.file, table.place.sheet, row, column)


def _letter(position: int) -> str:
    return get_column_letter(position + 1)


def _short(text: str | None, limit: int = 40) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 3] + "..."
