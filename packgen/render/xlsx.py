"""The planning workbook: the organiser's .xlsx, filled from the event.

The template (``templates/xlsx/planning.xlsx``) is a workbook an organiser can open and restyle.
Each data sheet has a title, a header row and one styled row under it; packgen finds every column
BY ITS HEADING (so columns may be moved, widened or recoloured), writes its rows from the styled row
down, copying that row's style, and adds the drop-downs and checks. Text cells anywhere else may
hold ``{{ placeholders }}``, filled once from the context; the values written are never rendered
again. Typed values (dates, counts, money) go into cells the template names (Formulas > Name
Manager): ``EventDate`` is required, as the checklist's due dates count back from it;
``FollowUpDate``, ``TableCount``, ``InviteeCount`` and ``BudgetTotal`` are filled when defined.

The capture sheets ("Pre responses", "Post responses") have a heading ``Question scores`` where
packgen puts one column per question of that stage, each headed ``<id>: <wording>`` (for example
``trust: How much do you trust the police at the moment?``). The results stage reads the question
id back from the text before the first colon.

Text from the config always lands as text, never as a formula: a value starting with ``=``, ``+``,
``-`` or ``@`` is stored as a string with Excel's "quote prefix" so it stays text when edited.
Text longer than an Excel cell holds (32,767 characters) is cut short with a note saying so.

So that a later build never overwrites the organiser's typing, packgen records a fingerprint of
every row it wrote in a very hidden sheet; :func:`captured_data` counts the rows that differ.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import pickle
import re
import textwrap
import warnings
import zipfile
from collections import Counter
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, Iterable, Sequence

import jinja2
from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.cell._writer import write_cell
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.compat import safe_string
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from packgen import scales
from packgen.cache import FileCache
from packgen.context import run_of_the_day
from packgen.errors import OverwriteRefused, PackgenError, TemplateError
from packgen.model import Event
from packgen.render.jinja import missing_names, render_text, snippet, syntax_message
from packgen.text import clean_text
from packgen import workbook_layout as layout
from packgen.workbook_layout import HEADER_SEARCH_ROWS
from packgen.wording import CONSENT, SECTOR, WHOLE_ROOM

logger = logging.getLogger(__name__)

FIXED_DOCUMENT_DATE = datetime(2000, 1, 1)
"""The created and modified dates every built workbook carries (see packgen.output.FIXED_STAMP)."""

CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""
CUT_NOTE = " [cut short here: an Excel cell holds at most 32,767 characters]"
CHECKED_ROWS = 500
"""Rows under each header that carry the drop-downs and checks, written rows included."""
SPARE_INVITATION_ROWS = 10
RECORD_SHEET = "packgen record"
"""The very hidden sheet holding a fingerprint of every row packgen wrote."""
QUESTION_MARKER = layout.QUESTION_SCORES
"""The capture sheets' heading that becomes one column per question."""
DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "hh:mm"
MONEY_FORMAT = "£#,##0.00"

CHECKLIST_STATUSES = ("Not started", "In progress", "Done", "Not needed")
RSVP_CHOICES = ("Invited", "Accepted", "Declined", "Attended", "No reply")
ACTION_STATUSES = ("Planned", "In progress", "Done", "Not doing")
CONSENT_CHOICES = ("Yes", "No")
RISK_BANDS = (("High", 15), ("Medium", 5), ("Low", 1))
"""Rating bands: a rating at or above the number takes the band (the key on the sheet says so)."""

EVENT_DATE = "EventDate"
NAMED_VALUES = ("EventDate", "FollowUpDate", "TableCount", "InviteeCount", "BudgetTotal")
"""Cells the template may name; packgen writes a real date, count or amount into each."""


@dataclass(frozen=True)
class SheetSpec:
    """A data sheet: its name, the headings packgen needs and those it fills when present."""

    title: str
    purpose: str
    headers: tuple[str, ...]
    optional: tuple[str, ...] = ()
    earlier: tuple[str, ...] = ()
    """Headings an earlier packgen wrote (see :mod:`packgen.workbook_layout`): still recognised."""


OVERVIEW = "Overview"
RUN = SheetSpec("Run of the day", "the run of the day", ("Start", "End", "Item", "Details"), ("Date",))
CHECKLIST = SheetSpec(
    "Checklist", "the organiser's checklist",
    ("Task", "Owner", "Weeks before the hub", "Due date", "Status"), ("Notes",),
)
INVITATIONS = SheetSpec(
    layout.INVITATIONS, "the invite list",
    ("Name", "Organisation", "Sector", "Email", "Access or dietary needs", "RSVP"),
)
TABLE_PLAN = SheetSpec(
    "Table plan", "the table plan",
    ("Table", "Facilitator", "Note taker", "Members (one name a line)", "Size"),
)
BUDGET = SheetSpec(layout.BUDGET, "the budget", ("Item", "Estimate (£)", "Actual (£)", "Notes"))
RISKS = SheetSpec(
    "Risk assessment", "the risk assessment",
    ("Hazard", "Who might be harmed", "Controls", "Likelihood", "Severity", "Rating"), ("Band",),
)
SESSION_NOTES = SheetSpec(layout.SESSION_NOTES, "the note takers' notes", tuple(layout.NOTE_HEADINGS.values()))
ACTIONS = SheetSpec(
    layout.ACTIONS, "\"You said, we did\"", ("You said", "We did", "Owner", "Status", "Due date"),
    ("Progress note or reason", "Evidence", "Last changed", "Id"),
)
LISTS = SheetSpec("Lists", "the drop-down lists", ("Sector", "Table"))


def capture_spec(stage: str) -> SheetSpec:
    """Return ``stage``'s capture sheet as :mod:`packgen.workbook_layout` has it now."""
    earlier = tuple(name for field in layout.CAPTURE_FIELDS[stage] for name in layout.EARLIER_HEADINGS.get(field, ()))
    return SheetSpec(layout.CAPTURE_SHEETS[stage], f"the answers to the {stage}-event forms",
                     layout.capture_headings(stage), earlier=earlier)


def data_sheets() -> tuple[SheetSpec, ...]:
    """Return every data sheet packgen writes, the capture sheets as the layout has them now."""
    return (RUN, CHECKLIST, INVITATIONS, TABLE_PLAN, BUDGET, RISKS, capture_spec("pre"), capture_spec("post"),
            SESSION_NOTES, ACTIONS, LISTS)


def watched_sheets() -> tuple[SheetSpec, ...]:
    """Return the sheets whose typed rows :func:`captured_data` counts."""
    return tuple(spec for spec in data_sheets() if spec is not LISTS)

BUDGET_LABELS = {
    "total": "Total",
    "budget": "Budget available",
    "left": "Left over",
    "attendees": "Attendees (marked Attended on the Invitations sheet)",
    "per_head": "Cost per attendee",
}
BUDGET_NOTES = {
    "left": "Estimate column: the budget minus the estimates. Actual column: the budget minus"
            " what has been spent, once any actual cost is typed in.",
    "per_head": "Blank until someone is marked Attended.",
}


# --- Public API ------------------------------------------------------------------------------


def render_planning(event: Event, context: dict[str, Any], template: Path) -> bytes:
    """Return the finished planning workbook (.xlsx) as bytes.

    Raises :class:`TemplateError` listing every problem with the template.
    """
    template = Path(template)
    workbook = _open(template)
    _adopt_current_headings(workbook)
    passed = _CHECKED_TEMPLATES.get(template, lambda _: set())
    # A template that passed the check with the same names passes it again: values change which
    # loop bodies run, never which names exist, and rendering stays strict either way.
    names = tuple(sorted(context))
    if names not in passed:
        problems = _problems(workbook, template.name, context)
        if problems:
            raise TemplateError(f"{template}: the planning workbook template cannot be used", problems)
        passed.add(names)
    _fill_placeholders(workbook, context, template.name)  # first: values are never rendered
    _fill_named_values(workbook, event)
    _write_sheets(workbook, event, context)
    for sheet in workbook.worksheets:
        _fit_row_heights(sheet)
    _write_record(workbook)
    workbook.calculation.fullCalcOnLoad = True
    return _saved(workbook)


def _saved(workbook: Workbook) -> bytes:
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
    # The workbook's fonts, which styles refer to by their place in this list, and the fonts of
    # conditional formats (a template's own among them), in the order Office reads them; openpyxl
    # has no public name for either list.
    workbook._fonts = IndexedList(_office_font(font) for font in workbook._fonts)
    formats = [rule.dxf for sheet in workbook.worksheets for formatting in sheet.conditional_formatting
               for rule in formatting.rules if rule.dxf is not None]
    for style in [*workbook._differential_styles.styles, *formats]:
        if style.font is not None and not isinstance(style.font, _Font):
            style.font = _office_font(style.font)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _InMemoryWriter(workbook, archive).write_data()
    return buffer.getvalue()


class _Font(Font):
    """openpyxl's font, its properties written in the order Office reads them.

    openpyxl writes a font's name first; ECMA-376 allows any order, but Office's own reading of the
    schema (the Open XML SDK's) is a sequence: b, i, strike, ..., sz, color, name, family, charset,
    scheme, and reports every font of the workbook otherwise.
    """

    __elements__ = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u",
                    "vertAlign", "sz", "color", "name", "family", "charset", "scheme")
    # openpyxl finds a class's attributes and one-value children among its own names only.
    __attrs__, __nested__ = Font.__attrs__, Font.__nested__


def _office_font(font: Font) -> _Font:
    """Return ``font`` as a :class:`_Font`, written in the order Office reads."""
    return _Font.from_tree(font.to_tree())


class _InMemoryWriter(ExcelWriter):
    """openpyxl's writer with each sheet's XML built in memory: openpyxl writes every sheet to a
    temporary file first, which costs a file created, read and removed per sheet."""

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


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, storing each :class:`Formula`'s value with it: openpyxl writes
    every formula with an empty value, which readers that do not calculate show as a blank."""

    def write_row(self, xf, row, row_idx) -> None:  # as WorksheetWriter's, but for a Formula
        attrs = {"r": f"{row_idx}"}
        attrs.update(self.ws.row_dimensions.get(row_idx, {}))
        with xf.element("row", attrs):
            for cell in row:
                if cell._comment is not None:
                    self.ws._comments.append(CommentRecord.from_cell(cell))
                if cell._value is None and not cell.has_style and not cell._comment:
                    continue
                if isinstance(cell._value, Formula):
                    _write_formula(xf, cell)
                else:
                    write_cell(xf, self.ws, cell, cell.has_style)


def _write_formula(xf, cell) -> None:
    """Write a cell holding a :class:`Formula`, its value beside it (a packgen formula's cell has
    no hyperlink, which is all openpyxl's cell writer adds)."""
    formula = cell._value
    attrs = {"r": cell.coordinate}
    if cell.has_style:
        attrs["s"] = f"{cell.style_id}"
    if isinstance(formula.value, str):
        attrs["t"] = "str"  # a formula's text result
    value = formula.value if isinstance(formula.value, str) else _number_text(formula.value)
    with xf.element("c", attrs):
        with xf.element("f"):
            xf.write(formula[1:])
        with xf.element("v"):
            xf.write(value)


def _number_text(number: float) -> str:
    """Return ``number`` as a cell stores it, every digit kept (openpyxl's own writer keeps 16)."""
    if float(number).is_integer():
        return str(int(number))
    return repr(float(number))


def _as_stored(number: float | None) -> float:
    """Return ``number`` as the workbook holds it once openpyxl has written it (16 digits), which is
    what Excel and LibreOffice calculate with; None (a blank cell) as 0."""
    return 0.0 if number is None else float(safe_string(number))


def _minus(number: float, other: float) -> float:
    """Return ``number - other`` as a spreadsheet subtracts: two numbers of the same sign that
    differ only in the last few of their 17 digits give 0, not the rounding error between them."""
    difference = number - other
    if number * other > 0 and abs(difference) < abs(number) * 2.0 ** -48:
        return 0.0
    return difference


def _excel_round(number: float) -> int:
    """Return ``number`` rounded to a whole number as Excel's and LibreOffice's ROUND does: halves
    away from zero, after dropping the noise of binary fractions past 9 decimal places (Python's
    own ``round`` takes halves to the even number)."""
    steady = round(number, 9)
    return int(math.copysign(math.floor(abs(steady) + 0.5), steady))


_CHECKED_TEMPLATES: FileCache[set[tuple[str, ...]]] = FileCache()
"""Per template: the sets of context names it has passed the check with (a batch checks it once)."""


def _write_sheets(workbook: Workbook, event: Event, context: dict[str, Any]) -> None:
    """Write every data sheet's rows, formulas and checks."""
    lists = _write_lists(_Table.find(workbook[LISTS.title], LISTS), event, context)
    _write_run(_Table.find(workbook[RUN.title], RUN), event)
    _write_checklist(_Table.find(workbook[CHECKLIST.title], CHECKLIST), event)
    invitations = _Table.find(workbook[INVITATIONS.title], INVITATIONS)
    _write_invitations(invitations, event, lists)
    _write_table_plan(_Table.find(workbook[TABLE_PLAN.title], TABLE_PLAN), context)
    _write_budget(_Table.find(workbook[BUDGET.title], BUDGET), event, invitations)
    _write_risks(_Table.find(workbook[RISKS.title], RISKS), event)
    for stage in layout.CAPTURE_SHEETS:
        spec = capture_spec(stage)
        _write_capture(workbook[spec.title], spec, context[f"{stage}_questions"], stage, lists)
    _write_session_notes(_Table.find(workbook[SESSION_NOTES.title], SESSION_NOTES), context, lists)
    _write_actions(_Table.find(workbook[ACTIONS.title], ACTIONS))


def check_template(template: Path, context: dict[str, Any]) -> list[str]:
    """Return every problem that would stop ``template`` rendering with ``context``.

    Placeholders the context cannot fill, placeholder syntax errors, and sheets, headings or
    names packgen needs that the template lacks; an empty list when the template is usable.
    """
    template = Path(template)
    try:
        workbook = _open(template)
    except TemplateError as error:
        return [error.message]
    _adopt_current_headings(workbook)
    return _problems(workbook, template.name, context)


def _adopt_current_headings(workbook: Workbook) -> None:
    """Put today's heading (:mod:`packgen.workbook_layout`) in place of each earlier one on the
    capture sheets of a template, so a force's own template made for an earlier packgen (and the
    bundled one) is written with the headings the results stage reads first."""
    for stage in layout.CAPTURE_SHEETS:
        spec = capture_spec(stage)
        if spec.title not in workbook.sheetnames:
            continue
        sheet = workbook[spec.title]
        number = _Table.header_row_of(_values(sheet, HEADER_SEARCH_ROWS), spec)
        if number is None:
            continue
        today = {_key(name): layout.heading(field) for field in layout.CAPTURE_FIELDS[stage]
                 if field != layout.QUESTION_SCORES for name in layout.heading_names(field)}
        for cell in sheet[number]:
            if isinstance(cell.value, str) and _key(cell.value) in today:
                cell.value = today[_key(cell.value)]


def captured_data(path: Path) -> dict[str, int]:
    """Return, per sheet, how many rows of the workbook at ``path`` hold the organiser's typing.

    A row counts when packgen did not write it as it stands: a response typed into a capture
    sheet, an RSVP or status changed, an actual cost filled in, a row sorted elsewhere does not.
    Sheets with none are left out, so ``{}`` means the workbook can be rebuilt safely (and so does
    a path where no file exists). The Overview and the hidden Lists sheet mirror the config and are
    not counted. A workbook packgen did not record (an older one, or one whose record was removed)
    counts every filled row under each header. The file is opened read-only and never changed.

    Raises :class:`OverwriteRefused` when the file cannot be read as a workbook: it may hold work.
    """
    path = Path(path)
    if not path.exists():
        return {}
    try:
        workbook = _load(path, read_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise OverwriteRefused(
            f"{path}: cannot be read as an Excel workbook ({error}); packgen will not overwrite"
            " a file it cannot check for captured data"
        ) from None
    try:
        written = _read_record(workbook)
        counts = {}
        for spec in watched_sheets():
            if spec.title not in workbook.sheetnames:
                continue
            sheet = workbook[spec.title]
            sheet.reset_dimensions()
            typed = _count_typed(list(sheet.iter_rows(values_only=True)), spec,
                                 Counter(written.get(spec.title, ())))
            if typed:
                counts[spec.title] = typed
        return counts
    finally:
        workbook.close()


# --- Opening and checking the template -------------------------------------------------------


def _load(path: Path, read_only: bool) -> Workbook:
    """Return the workbook at ``path``, logging openpyxl's warnings about parts it drops."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workbook = load_workbook(path, read_only=read_only)
    for warning in caught:
        logger.warning("%s: %s", path.name, warning.message)
    return workbook


def _open(template: Path) -> Workbook:
    """Return a fresh copy of the template workbook to fill.

    Parsing a workbook is most of what openpyxl spends on it, so each process parses a template
    once and keeps it pickled (in memory only): unpickling a copy is ten times quicker.
    """
    if not template.is_file():
        raise TemplateError(f"{template.name}: the template file {template} does not exist")
    return _unpickled(_PARSED_TEMPLATES.get(template, _parsed_and_pickled))


def _parsed_and_pickled(template: Path) -> bytes:
    try:
        workbook = _load(template, read_only=False)
    except Exception as error:  # zipfile, KeyError, lxml errors: all mean "not a workbook"
        raise TemplateError(
            f"{template.name}: cannot be opened as an Excel workbook (.xlsx): {error}"
        ) from None
    return pickle.dumps(workbook, protocol=pickle.HIGHEST_PROTOCOL)


_PARSED_TEMPLATES: FileCache[bytes] = FileCache()
"""Template workbooks as parsed, pickled."""


def _unpickled(data: bytes) -> Workbook:
    """Return the workbook pickled in ``data``, with its sheets' row and column sizes working.

    A sheet's row and column dimensions are default dictionaries made with the sheet; pickle
    rebuilds them without it, so they are bound to their sheet again here.
    """
    workbook = pickle.loads(data)  # noqa: S301 - bytes this process pickled itself, never a file
    for sheet in workbook.worksheets:
        for holder, factory in ((sheet.row_dimensions, sheet._add_row),
                                (sheet.column_dimensions, sheet._add_column)):
            holder.worksheet = sheet
            holder.default_factory = factory
    return workbook


def _problems(workbook: Workbook, name: str, context: dict[str, Any]) -> list[str]:
    """Return every placeholder, sheet, heading and name problem of the template."""
    problems = _placeholder_problems(workbook, name, context)
    specs = data_sheets()
    for title in (OVERVIEW, *(spec.title for spec in specs)):
        if title not in workbook.sheetnames:
            purpose = next((s.purpose for s in specs if s.title == title), "the hub's details")
            problems.append(f"{name}: there is no sheet named '{title}' (packgen writes {purpose} there)")
    for spec in specs:
        if spec.title in workbook.sheetnames:
            found = _Table.headings(workbook[spec.title], spec)
            problems += [
                f"{name}: sheet '{spec.title}' has no '{header}' column"
                for header in spec.headers if _key(header) not in found
            ]
    problems += _name_problems(workbook, name)
    return problems


def _placeholder_problems(workbook: Workbook, name: str, context: dict[str, Any]) -> list[str]:
    problems = []
    for sheet, cell in _placeholder_cells(workbook):
        where = _where(name, sheet, cell)
        try:
            missing = missing_names(cell.value, context)
        except jinja2.TemplateSyntaxError as error:
            problems.append(f"{where}: {syntax_message(cell.value, error)}")
            continue
        except _RENDER_ERRORS as error:
            problems.append(f"{where}: {_runtime_message(cell.value, error)}")
            continue
        problems += [
            f"{where}: {message}; packgen cannot fill it (see 'Template names' in the README)"
            for message in missing
        ]
    return problems


def _name_problems(workbook: Workbook, name: str) -> list[str]:
    defined = workbook.defined_names.get(EVENT_DATE)
    if defined is None:
        return [
            f"{name}: the name '{EVENT_DATE}' is missing; define it (Formulas > Name Manager) on"
            f" the {OVERVIEW} cell that should hold the hub's first date, which the checklist's due"
            " dates count back from"
        ]
    if _named_cell(workbook, EVENT_DATE) is None:
        return [
            f"{name}: the name '{EVENT_DATE}' refers to '{defined.attr_text}'; it must refer to one"
            f" cell on an existing sheet, such as {OVERVIEW}!$B$10"
        ]
    return []


def _named_cell(workbook: Workbook, name: str):
    """Return the one cell ``name`` refers to, or None when it is undefined or not one cell."""
    defined = workbook.defined_names.get(name)
    if defined is None:
        return None
    try:
        destinations = list(defined.destinations)
    except Exception:  # a name holding a constant or a formula has no destinations
        return None
    if len(destinations) != 1:
        return None
    title, reference = destinations[0]
    if title not in workbook.sheetnames or ":" in reference:
        return None
    return workbook[title][reference.replace("$", "")]


# --- Placeholders and named values -----------------------------------------------------------

# What a sandboxed template can raise while rendering besides undefined names: the sandbox's
# SecurityError (a jinja2.TemplateError) and Python's own errors for e.g. "{{ title + 1 }}".
_RENDER_ERRORS = (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError,
                  AttributeError)
_PLACEHOLDER = re.compile(r"{{|{%|{#")


def _placeholder_cells(workbook: Workbook):
    """Yield (sheet, cell) for every text cell of the template holding a placeholder."""
    for sheet in workbook.worksheets:
        if sheet.title == RECORD_SHEET:
            continue
        for cell in _stored_cells(sheet):
            if cell.data_type == "s" and isinstance(cell.value, str) and _PLACEHOLDER.search(cell.value):
                yield sheet, cell


def _where(name: str, sheet: Worksheet, cell) -> str:
    return f"{name}, sheet '{sheet.title}', cell {cell.coordinate}"


def _runtime_message(text: str, error: Exception) -> str:
    return f"the placeholder text '{snippet(text)}' cannot be filled: {error}"


def _fill_placeholders(workbook: Workbook, context: dict[str, Any], name: str) -> None:
    """Fill the template's own placeholder cells, before any value is written."""
    for sheet, cell in list(_placeholder_cells(workbook)):
        where = _where(name, sheet, cell)
        try:
            text = render_text(cell.value, context, where)
        except PackgenError:
            raise
        except _RENDER_ERRORS as error:
            raise TemplateError(f"{where}: {_runtime_message(cell.value, error)}") from None
        _put(cell, text)


def _fill_named_values(workbook: Workbook, event: Event) -> None:
    values = {
        "EventDate": (event.dates[0], DATE_FORMAT),
        "FollowUpDate": (event.follow_up_date, DATE_FORMAT),
        "TableCount": (len(event.table_list), "0"),
        "InviteeCount": (len(event.invitees), "0"),
        "BudgetTotal": (event.budget.total, MONEY_FORMAT),
    }
    for name in NAMED_VALUES:
        cell = _named_cell(workbook, name)
        if cell is None:
            continue
        value, number_format = values[name]
        cell.value = value
        if cell.number_format == "General":
            cell.number_format = number_format


# --- Writing cells ---------------------------------------------------------------------------


class Formula(str):
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

    value: float | str

    def __new__(cls, text: str, value: float | str) -> Formula:
        formula = super().__new__(cls, text)
        formula.value = value
        return formula


def _put(cell, value: Any) -> None:
    """Write ``value``: a :class:`Formula` as a formula, any other text as text, else as is."""
    if isinstance(value, Formula):
        cell.value = str(value)
        # openpyxl keeps text as a plain str, losing the value; the sheet writer needs it.
        cell._value = value
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


def _key(header: Any) -> str:
    """Return a heading as compared: spaces collapsed, case ignored."""
    return " ".join(str(header).split()).casefold() if header is not None else ""


@dataclass
class _Table:
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
        wanted = {_key(h) for h in spec.headers + spec.optional + spec.earlier}
        for number, row in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
            if any(_key(value) in wanted for value in row if isinstance(value, str)):
                return number
        return None

    @classmethod
    def headings(cls, sheet: Worksheet, spec: SheetSpec) -> dict[str, int]:
        """Return the sheet's headings (compared form) and their column numbers."""
        rows = _values(sheet, HEADER_SEARCH_ROWS)
        number = cls.header_row_of(rows, spec)
        return {} if number is None else _headings_in(rows[number - 1])

    @classmethod
    def find(cls, sheet: Worksheet, spec: SheetSpec) -> _Table:
        rows = _values(sheet, HEADER_SEARCH_ROWS)
        header_row = cls.header_row_of(rows, spec)
        assert header_row is not None, "checked by _problems"
        table = cls(sheet, header_row, _headings_in(rows[header_row - 1]), {}, header_row)
        table.styles = {
            column: copy(sheet.cell(header_row + 1, column)._style)
            for column in range(1, sheet.max_column + 1)
        }
        return table

    @property
    def first(self) -> int:
        return self.header_row + 1

    def has(self, header: str) -> bool:
        return _key(header) in self.columns

    def column(self, header: str) -> int:
        return self.columns[_key(header)]

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
            self.sheet.cell(row, column)._style = copy(style)
        for header, value in values.items():
            if self.has(header):
                _put(self.sheet.cell(row, self.column(header)), value)

    def values(self, header: str, first: int, last: int) -> list[Any]:
        """Return the values of the column's rows ``first`` to ``last`` (None for an empty cell)."""
        column = self.column(header)
        cells = self.sheet._cells  # as _stored_cells: no cell made for an empty place
        return [cells[(row, column)].value if (row, column) in cells else None
                for row in range(first, last + 1)]

    def write_rows(self, rows: Iterable[dict[str, Any]]) -> int:
        """Write ``rows`` from the first data row down; return the last row number written."""
        last = self.header_row
        for last, values in enumerate(rows, start=self.first):
            self.write(last, values)
        return last


def _headings_in(row: Sequence[Any]) -> dict[str, int]:
    """Return a header row's headings (compared form) and their column numbers, first one kept."""
    found: dict[str, int] = {}
    for column, value in enumerate(row, start=1):
        if isinstance(value, str) and _key(value) not in found:
            found[_key(value)] = column
    return found


def _reference(sheet: Worksheet, span: str) -> str:
    """Return ``Sheet!span``, quoting the sheet's name when it needs it."""
    title = sheet.title
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", title):
        title = "'" + title.replace("'", "''") + "'"
    return f"{title}!{span}"


def _choice(choices: Sequence[str], what: str) -> DataValidation:
    """Return a drop-down of fixed ``choices``."""
    return DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle=f"Pick a {what}",
        error=f"Pick one of: {', '.join(choices)}.",
    )


def _list_from(source: str, what: str) -> DataValidation:
    """Return a drop-down of the cells ``source`` (a range on the Lists sheet)."""
    return DataValidation(
        type="list", formula1=source, allow_blank=True, showErrorMessage=True,
        errorTitle=f"Pick a {what}", error=f"Pick a {what} from the drop-down list.",
    )


def _whole(low: int, high: int, what: str) -> DataValidation:
    return DataValidation(
        type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True,
        showErrorMessage=True, errorTitle=f"{what} from {low} to {high}",
        error=f"Type a whole number from {low} to {high}, or leave the cell blank.",
    )


def _validate(sheet: Worksheet, validation: DataValidation, *spans: str) -> None:
    for span in spans:
        validation.add(span)
    sheet.add_data_validation(validation)


# --- The sheets ------------------------------------------------------------------------------


@dataclass
class _Lists:
    sectors: str | None
    tables: str | None


def _write_lists(table: _Table, event: Event, context: dict[str, Any]) -> _Lists:
    """Write the sector and table lists the drop-downs read; return their ranges."""
    # Session notes can be the whole room's too (session 3's three things to take away).
    sectors, tables = list(event.sectors), [t["name"] for t in context["tables"]] + [WHOLE_ROOM]
    for offset in range(max(len(sectors), len(tables))):
        table.write(table.first + offset, {
            "Sector": sectors[offset] if offset < len(sectors) else None,
            "Table": tables[offset] if offset < len(tables) else None,
        })

    def source(header: str, count: int) -> str | None:
        if not count:
            return None
        return _reference(table.sheet, table.span(header, table.first, table.first + count - 1, True))

    return _Lists(source("Sector", len(sectors)), source("Table", len(tables)))


def _write_run(table: _Table, event: Event) -> None:
    table.write_rows(
        {"Date": item.on or event.dates[0], "Start": item.start, "End": item.end,
         "Item": item.title, "Details": item.detail}
        for item in run_of_the_day(event)
    )


def _write_checklist(table: _Table, event: Event) -> None:
    weeks = table.letter("Weeks before the hub")
    first_date = to_excel(event.dates[0])  # the EventDate cell's value, as a day number
    table.write_rows(
        {"Task": item.item, "Owner": item.owner, "Weeks before the hub": item.weeks_before,
         "Due date": Formula(f"={EVENT_DATE}-ROUND(7*{weeks}{row},0)",
                             first_date - _excel_round(7 * _as_stored(item.weeks_before))),
         "Status": CHECKLIST_STATUSES[0]}
        for row, item in enumerate(event.checklist, start=table.first)
    )
    _validate(table.sheet, _choice(CHECKLIST_STATUSES, "status"), table.checked_span("Status"))


def _write_invitations(table: _Table, event: Event, lists: _Lists) -> None:
    last = table.write_rows(
        {"Name": person.name, "Organisation": person.organisation, "Sector": person.sector,
         "Email": person.email, "Access or dietary needs": person.needs, "RSVP": RSVP_CHOICES[0]}
        for person in event.invitees
    )
    for row in range(last + 1, last + 1 + SPARE_INVITATION_ROWS):
        table.write(row, {})
    _validate(table.sheet, _choice(RSVP_CHOICES, "reply"), table.checked_span("RSVP"))
    if lists.sectors:
        _validate(table.sheet, _list_from(lists.sectors, "sector"), table.checked_span("Sector"))


def _write_table_plan(table: _Table, context: dict[str, Any]) -> None:
    members = table.letter("Members (one name a line)")
    table.write_rows(  # packgen writes no members: the organiser types them in
        {"Table": t["name"], "Facilitator": t["facilitator"], "Note taker": t["note_taker"],
         "Size": Formula(_member_count(f"{members}{row}"), member_count(None))}
        for row, t in enumerate(context["tables"], start=table.first)
    )


def _member_count(cell: str) -> str:
    """Return a formula counting the names in ``cell``, one a line, as :func:`member_count` does.

    Spaces and carriage returns are taken out first, so a blank line (or one of spaces) is empty;
    then each line break becomes a space and TRIM drops the leading, trailing and repeated ones,
    leaving one space between each two names. No LET or TEXTSPLIT: older Excel has neither.
    """
    names = f'TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell}," ",""),CHAR(13),""),CHAR(10)," "))'
    return f'=IF({names}="",0,LEN({names})-LEN(SUBSTITUTE({names}," ",""))+1)'


def member_count(text: str | None) -> int:
    """Return how many names ``text`` holds, one a line, blank lines not counted."""
    lines = (text or "").replace(" ", "").replace("\r", "").split("\n")
    return sum(1 for line in lines if line)


def _write_budget(table: _Table, event: Event, invitations: _Table) -> None:
    lines = event.budget.lines
    last = table.write_rows(
        {"Item": line.item, "Estimate (£)": line.estimate, "Actual (£)": line.actual,
         "Notes": line.notes}
        for line in lines
    )
    if not lines:  # keep a line to type into, so the sums have a range
        table.write(table.first, {})
        last = table.first
    est, act = table.letter("Estimate (£)"), table.letter("Actual (£)")
    total, budget, left, attendees, per_head = range(last + 1, last + 6)
    actuals = table.span("Actual (£)", table.first, last)
    rsvp = _reference(invitations.sheet, invitations.checked_span("RSVP", absolute=True))
    # The values the formulas come to, from the cells as written (SUM and COUNT skip blanks).
    spent = [_as_stored(line.actual) for line in lines if line.actual is not None]
    money = _as_stored(event.budget.total)
    estimated = sum(_as_stored(line.estimate) for line in lines)
    came = sum(1 for value in invitations.values("RSVP", invitations.first, invitations.last)
               if isinstance(value, str) and value.casefold() == "attended")
    rows = {
        total: {"Estimate (£)": Formula(f"=SUM({table.span('Estimate (£)', table.first, last)})",
                                        estimated),
                "Actual (£)": Formula(f"=SUM({actuals})", sum(spent))},
        budget: {"Estimate (£)": event.budget.total},
        left: {"Estimate (£)": Formula(f"={est}{budget}-{est}{total}", _minus(money, estimated)),
               "Actual (£)": Formula(f'=IF(COUNT({actuals})=0,"",{est}{budget}-{act}{total})',
                                     _minus(money, sum(spent)) if spent else "")},
        attendees: {"Estimate (£)": Formula(f'=COUNTIF({rsvp},"Attended")', came)},
        per_head: {"Estimate (£)": Formula(f'=IF({est}{attendees}=0,"",{est}{total}/{est}{attendees})',
                                           estimated / came if came else ""),
                   "Actual (£)": Formula(
                       f'=IF(OR({est}{attendees}=0,COUNT({actuals})=0),"",{act}{total}/{est}{attendees})',
                       sum(spent) / came if came and spent else "")},
    }
    for (key, label), row in zip(BUDGET_LABELS.items(), rows):
        table.write(row, {"Item": label, "Notes": BUDGET_NOTES.get(key, ""), **rows[row]})
        for header in ("Item", "Estimate (£)", "Actual (£)"):
            cell = table.sheet.cell(row, table.column(header))
            font = copy(cell.font)
            font.bold = True
            cell.font = font
    table.sheet.cell(attendees, table.column("Estimate (£)")).number_format = "0"


def _write_risks(table: _Table, event: Event) -> None:
    likelihood, severity = table.letter("Likelihood"), table.letter("Severity")
    rating = table.letter("Rating")
    last = table.write_rows(
        {"Hazard": risk.hazard, "Who might be harmed": risk.who, "Controls": risk.controls,
         "Likelihood": risk.likelihood, "Severity": risk.severity,
         "Rating": Formula(f"={likelihood}{row}*{severity}{row}", risk.likelihood * risk.severity),
         "Band": Formula(_band(f"{rating}{row}"), risk_band(risk.likelihood * risk.severity))}
        for row, risk in enumerate(event.risks, start=table.first)
    )
    _validate(table.sheet, _whole(1, 5, "Likelihood"), table.checked_span("Likelihood"))
    _validate(table.sheet, _whole(1, 5, "Severity"), table.checked_span("Severity"))
    if table.has("Band") and last >= table.first:
        span = table.span("Band", table.first, last)
        for band, colour in zip(("High", "Medium", "Low"), ("F4CCCC", "FCE8B2", "D9EAD3")):
            table.sheet.conditional_formatting.add(span, CellIsRule(
                operator="equal", formula=[f'"{band}"'], fill=PatternFill("solid", fgColor=colour)))


def _band(rating: str) -> str:
    """Return the formula naming the band of the rating in cell ``rating``."""
    (high, at_high), (medium, at_medium), (low, _) = RISK_BANDS
    return f'=IF({rating}>={at_high},"{high}",IF({rating}>={at_medium},"{medium}","{low}"))'


def risk_band(rating: int) -> str:
    """Return the band of ``rating``, as the Band formula names it."""
    return next(name for name, at_least in RISK_BANDS if rating >= at_least)


def question_header(question: dict[str, Any], stage: str) -> str:
    """Return a capture sheet's heading for ``question``: ``trust: How much do you ...?``."""
    return f"{question['id']}: {' '.join(question[stage].split())}"


def _write_capture(sheet: Worksheet, spec: SheetSpec, questions: list[dict[str, Any]], stage: str,
                   lists: _Lists) -> None:
    """Turn the ``Question scores`` heading into one column per question, then add the checks."""
    table = _Table.find(sheet, spec)
    marker = table.column(QUESTION_MARKER)
    headers = [question_header(q, stage) for q in questions]
    _spread_column(sheet, table.header_row, marker, headers)
    table = _Table.find(sheet, _spec_with(spec, headers))
    for agree, run in groupby(zip(questions, headers), key=lambda pair: pair[0]["agree"]):
        run = [header for _, header in run]  # neighbouring columns of one scale share one check
        first, final = table.letter(run[0]), table.letter(run[-1])
        _validate(sheet, _choice(scales.AGREE.labels, "answer") if agree else _whole(layout.SCORE_MIN, layout.SCORE_MAX, "Score"),
                  f"{first}{table.first}:{final}{table.first + CHECKED_ROWS - 1}")
    if lists.sectors:
        _validate(sheet, _list_from(lists.sectors, "sector"), table.checked_span(layout.heading(SECTOR)))
    _validate(sheet, _choice(CONSENT_CHOICES, "answer"), table.checked_span(layout.heading(CONSENT)))


def _spec_with(spec: SheetSpec, question_headers: list[str]) -> SheetSpec:
    """Return ``spec`` with the question marker replaced by the question headings."""
    headers = []
    for header in spec.headers:
        headers += question_headers if header == QUESTION_MARKER else [header]
    return SheetSpec(spec.title, spec.purpose, tuple(headers), spec.optional, spec.earlier)


def _spread_column(sheet: Worksheet, header_row: int, marker: int, headers: list[str]) -> None:
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
    dimensions = _column_dimensions(sheet)
    old = []
    for column in range(marker, last + 1):
        cells = {row: (sheet.cell(row, column).value, copy(sheet.cell(row, column)._style))
                 for row in rows}
        old.append((cells, dimensions.pop(column, None)))
        for row in rows:
            del sheet._cells[(row, column)]  # openpyxl has no public way to remove a cell
    plan = [(old[0], header, index == 0) for index, header in enumerate(headers)]
    plan += [(entry, None, True) for entry in old[1:]]
    for column, ((cells, dimension), header, keep_values) in enumerate(plan, start=marker):
        for row, (value, style) in cells.items():
            cell = sheet.cell(row, column)
            cell._style = copy(style)
            if row == header_row and header is not None:
                _put(cell, header)
            elif keep_values:
                cell.value = value
        if dimension is not None:
            dimensions[column] = dimension
    _set_column_dimensions(sheet, dimensions)
    new_last = marker + len(plan) - 1
    for min_col, min_row, _max_col, max_row in stretched:
        sheet.merge_cells(start_row=min_row, start_column=min_col, end_row=max_row,
                          end_column=max(new_last, min_col))


def _column_dimensions(sheet: Worksheet) -> dict[int, tuple[float | None, bool, Any]]:
    """Return each column's width, hidden flag and style, one entry per column."""
    found = {}
    for dimension in sheet.column_dimensions.values():
        low = dimension.min or column_index_from_string(dimension.index)
        for column in range(low, (dimension.max or low) + 1):
            found[column] = (dimension.width if dimension.customWidth else None, dimension.hidden,
                             copy(dimension._style))
    return found


def _set_column_dimensions(sheet: Worksheet, dimensions: dict[int, tuple]) -> None:
    sheet.column_dimensions.clear()
    for column, (width, hidden, style) in sorted(dimensions.items()):
        letter = get_column_letter(column)
        dimension = ColumnDimension(sheet, index=letter, hidden=hidden)
        if width is not None:
            dimension.width = width
        dimension._style = copy(style)
        sheet.column_dimensions[letter] = dimension


ROW_HEIGHT_LIMIT = 409
"""Excel's tallest row, in points."""
CHARACTERS_PER_WIDTH = 1.05
"""Characters of 11pt text one unit of column width holds, a little under the true figure."""


def _fit_row_heights(sheet: Worksheet) -> None:
    """Give every row holding wrapped text the height its longest cell needs.

    Neither Excel nor LibreOffice sizes a row to wrapped text a program wrote until someone edits
    it, so the lines are counted here (greedy word wrap at the column's width) and the row set
    high enough. Rows the template sized and merged cells are left alone.
    """
    widths = {column: entry[0] for column, entry in _column_dimensions(sheet).items()}
    merged = {cell for span in sheet.merged_cells.ranges for cell in span.cells}
    tallest: dict[int, tuple[int, float]] = {}  # row number: (lines, font size) of its tallest cell
    for cell in _stored_cells(sheet):
        if cell.data_type != "s" or not isinstance(cell.value, str) or (cell.row, cell.column) in merged:
            continue
        if not cell.alignment.wrap_text:
            continue
        cell_size = float(cell.font.sz or 11)
        width = widths.get(cell.column) or 8.43
        per_line = max(1, int(width * CHARACTERS_PER_WIDTH * 11 / cell_size))
        count = sum(_wrapped_lines(part, per_line) for part in cell.value.split("\n"))
        lines, size = tallest.get(cell.row, (1, 11.0))
        if count * cell_size > lines * size:
            tallest[cell.row] = (count, cell_size)
    for number, (lines, size) in tallest.items():
        if lines > 1 and not sheet.row_dimensions[number].customHeight:
            sheet.row_dimensions[number].height = min(ROW_HEIGHT_LIMIT, round(lines * size * 1.3 + 3, 1))


@lru_cache(maxsize=4096)
def _wrapped_lines(text: str, per_line: int) -> int:
    return max(1, len(textwrap.wrap(text, per_line)))


def _stored_cells(sheet: Worksheet) -> list[Any]:
    """Return the cells the sheet holds, row by row.

    openpyxl's ``iter_rows`` makes a cell for every empty place it passes, which the workbook
    then carries and saves; reading the sheet's own store of cells does not.
    """
    return [cell for _, cell in sorted(sheet._cells.items())]


def _values(sheet: Worksheet, max_row: int | None = None) -> list[tuple[Any, ...]]:
    """Return the sheet's values as rows from row 1 and column 1, as ``iter_rows(values_only=True)``
    gives them, without making a cell for every empty place."""
    last_row = min(max_row or sheet.max_row, sheet.max_row)
    grid = [[None] * sheet.max_column for _ in range(last_row)]
    for (row, column), cell in sheet._cells.items():
        if row <= last_row:
            grid[row - 1][column - 1] = cell.value
    return [tuple(values) for values in grid]


def _write_session_notes(table: _Table, context: dict[str, Any], lists: _Lists) -> None:
    if lists.tables:
        _validate(table.sheet, _list_from(lists.tables, "table"), table.checked_span(layout.NOTE_HEADINGS["table"]))
    _validate(table.sheet, _whole(1, context["session_count"], "Session"),
              table.checked_span(layout.NOTE_HEADINGS["session"]))


def _write_actions(table: _Table) -> None:
    _validate(table.sheet, _choice(ACTION_STATUSES, "status"), table.checked_span("Status"))


# --- Captured data ---------------------------------------------------------------------------


def _normal(value: Any, row: int) -> str | None:
    """Return a cell value as it compares across a save in Excel or LibreOffice."""
    if value is None:
        return None
    if isinstance(value, bool):
        return f"b:{value}"
    if isinstance(value, (int, float)):
        return f"n:{float(value)!r}"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return f"d:{value.date().isoformat()}"
        return f"dt:{value.replace(microsecond=0).isoformat()}"
    if isinstance(value, date):
        return f"d:{value.isoformat()}"
    if isinstance(value, time):
        seconds = round(value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6)
        return f"t:{seconds}"
    text = str(value).replace("\r\n", "\n").strip()
    if not text:
        return None
    if text.startswith("="):  # a formula's own row reads as '#', so sorting rows changes nothing
        text = _SAME_ROW.sub(lambda m: m.group(1) + "#" if int(m.group(3)) == row else m.group(0), text)
    return f"s:{text}"


_SAME_ROW = re.compile(r"(?<![A-Za-z0-9_$.])(\$?[A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])")


def _fingerprint(headers: Sequence[Any], values: Sequence[Any], row: int) -> str | None:
    """Return a short fingerprint of a row's values by heading; None for an empty row."""
    items = []
    for index, value in enumerate(values):
        normal = _normal(value, row)
        if normal is None:
            continue
        header = headers[index] if index < len(headers) else None
        items.append((_key(header) or f"#{index + 1}", normal))
    if not items:
        return None
    digest = hashlib.sha256(json.dumps(sorted(items), ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:24]


def _row_fingerprints(rows: list[Sequence[Any]], spec: SheetSpec) -> Iterable[str]:
    """Yield the fingerprint of every filled row under the sheet's header row."""
    header_row = _Table.header_row_of(rows, spec) or 0
    headers = rows[header_row - 1] if header_row else ()
    for number, values in enumerate(rows[header_row:], start=header_row + 1):
        fingerprint = _fingerprint(headers, values, number)
        if fingerprint is not None:
            yield fingerprint


def _count_typed(rows: list[Sequence[Any]], spec: SheetSpec, written: Counter) -> int:
    typed = 0
    for fingerprint in _row_fingerprints(rows, spec):
        if written[fingerprint] > 0:
            written[fingerprint] -= 1
        else:
            typed += 1
    return typed


def _write_record(workbook: Workbook) -> None:
    """Record a fingerprint of every row written, in a very hidden sheet."""
    if RECORD_SHEET in workbook.sheetnames:
        del workbook[RECORD_SHEET]
    record = workbook.create_sheet(RECORD_SHEET)
    record.sheet_state = "veryHidden"
    record.append(["Sheet", "Row fingerprint"])
    for spec in watched_sheets():
        rows = _values(workbook[spec.title])
        for fingerprint in _row_fingerprints(rows, spec):
            record.append([spec.title, fingerprint])


def _read_record(workbook: Workbook) -> dict[str, list[str]]:
    written: dict[str, list[str]] = {}
    if RECORD_SHEET not in workbook.sheetnames:
        return written
    for row in workbook[RECORD_SHEET].iter_rows(min_row=2, values_only=True):
        if len(row) >= 2 and row[0] and row[1]:
            written.setdefault(str(row[0]), []).append(str(row[1]))
    return written
