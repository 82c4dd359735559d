"""The template workbook: opened once per run, checked, its placeholders and named cells filled."""

from __future__ import annotations

import logging
import pickle
import re
import warnings
from pathlib import Path
from typing import Any

import jinja2
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from packgen import workbook_layout as layout
from packgen.errors import PackgenError, TemplateError
from packgen.model import Event
from packgen.render.jinja import missing_names, render_text, snippet, syntax_message
from packgen.render.ooxml.workbook import rebind_dimensions
from packgen.render.xlsx.cells import key, put, sheet_values, stored_cells
from packgen.render.xlsx.specs import (
    DATE_FORMAT,
    EVENT_DATE,
    MONEY_FORMAT,
    NAMED_VALUES,
    OVERVIEW,
    RECORD_SHEET,
    capture_spec,
    data_sheets,
)
from packgen.render.xlsx.data_sheet import DataSheet
from packgen.store import TemplateStore, store_or_new
from packgen.workbook_layout import HEADER_SEARCH_ROWS

logger = logging.getLogger("packgen.render.xlsx")


def check_template(template: Path, context: dict[str, Any], store: TemplateStore | None = None) -> list[str]:
    """Return every problem that would stop ``template`` rendering with ``context``.

    Placeholders the context cannot fill, placeholder syntax errors, and sheets, headings or
    names packgen needs that the template lacks; an empty list when the template is usable.
    """
    template = Path(template)
    try:
        workbook = open_template(template, store_or_new(store))
    except TemplateError as error:
        return [error.message]
    adopt_current_headings(workbook)
    return problems(workbook, template.name, context)


def load(path: Path, read_only: bool) -> Workbook:
    """Return the workbook at ``path``, logging openpyxl's warnings about parts it drops."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workbook = load_workbook(path, read_only=read_only)
    for warning in caught:
        logger.warning("%s: %s", path.name, warning.message)
    return workbook


def open_template(template: Path, store: TemplateStore) -> Workbook:
    """Return a fresh copy of the template workbook to fill.

    Parsing a workbook is most of what openpyxl spends on it, so each run parses a template once
    and keeps it pickled in ``store`` (in memory only): unpickling a copy is ten times quicker.
    """
    if not template.is_file():
        raise TemplateError(f"{template.name}: the template file {template} does not exist")
    return _unpickled(store.get(template, parsed_and_pickled))


def parsed_and_pickled(template: Path) -> bytes:
    """Return the template workbook parsed and pickled (the value :func:`open_template` keeps)."""
    try:
        workbook = load(template, read_only=False)
    except Exception as error:  # zipfile, KeyError, lxml errors: all mean "not a workbook"
        raise TemplateError(
            f"{template.name}: cannot be opened as an Excel workbook (.xlsx): {error}"
        ) from None
    return pickle.dumps(workbook, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> Workbook:
    """Return the workbook pickled in ``data``, with its sheets' row and column sizes working."""
    workbook = pickle.loads(data)  # noqa: S301 - bytes this run pickled itself, never a file
    rebind_dimensions(workbook)
    return workbook


def passed_checks(template: Path) -> set[tuple[str, ...]]:
    """Return a new set for the sorted context names ``template`` has passed the check with."""
    return set()


def adopt_current_headings(workbook: Workbook) -> None:
    """Put today's heading (:mod:`packgen.workbook_layout`) in place of each earlier one on the
    capture sheets of a template, so a force's own template made for an earlier packgen (and the
    bundled one) is written with the headings the results stage reads first."""
    for stage in layout.CAPTURE_SHEETS:
        spec = capture_spec(stage)
        if spec.title not in workbook.sheetnames:
            continue
        sheet = workbook[spec.title]
        number = DataSheet.header_row_of(sheet_values(sheet, HEADER_SEARCH_ROWS), spec)
        if number is None:
            continue
        today = {key(name): layout.heading(field) for field in layout.CAPTURE_FIELDS[stage]
                 if field != layout.QUESTION_SCORES for name in layout.heading_names(field)}
        for cell in sheet[number]:
            if isinstance(cell.value, str) and key(cell.value) in today:
                cell.value = today[key(cell.value)]


def problems(workbook: Workbook, name: str, context: dict[str, Any]) -> list[str]:
    """Return every placeholder, sheet, heading and name problem of the template."""
    found = _placeholder_problems(workbook, name, context)
    specs = data_sheets()
    for title in (OVERVIEW, *(spec.title for spec in specs)):
        if title not in workbook.sheetnames:
            purpose = next((s.purpose for s in specs if s.title == title), "the hub's details")
            found.append(f"{name}: there is no sheet named '{title}' (packgen writes {purpose} there)")
    for spec in specs:
        if spec.title in workbook.sheetnames:
            headings = DataSheet.headings(workbook[spec.title], spec)
            found += [
                f"{name}: sheet '{spec.title}' has no '{header}' column"
                for header in spec.headers if key(header) not in headings
            ]
    found += _name_problems(workbook, name)
    return found


def _placeholder_problems(workbook: Workbook, name: str, context: dict[str, Any]) -> list[str]:
    found = []
    for sheet, cell in _placeholder_cells(workbook):
        where = _where(name, sheet, cell)
        try:
            missing = missing_names(cell.value, context)
        except jinja2.TemplateSyntaxError as error:
            found.append(f"{where}: {syntax_message(cell.value, error)}")
            continue
        except _RENDER_ERRORS as error:
            found.append(f"{where}: {_runtime_message(cell.value, error)}")
            continue
        found += [
            f"{where}: {message}; packgen cannot fill it (see 'Template names' in the README)"
            for message in missing
        ]
    return found


def _name_problems(workbook: Workbook, name: str) -> list[str]:
    defined = workbook.defined_names.get(EVENT_DATE)
    if defined is None:
        return [
            f"{name}: the name '{EVENT_DATE}' is missing; define it (Formulas > Name Manager) on"
            f" the {OVERVIEW} cell that should hold the hub's first date, which the checklist's due"
            " dates count back from"
        ]
    if named_cell(workbook, EVENT_DATE) is None:
        return [
            f"{name}: the name '{EVENT_DATE}' refers to '{defined.attr_text}'; it must refer to one"
            f" cell on an existing sheet, such as {OVERVIEW}!$B$10"
        ]
    return []


def named_cell(workbook: Workbook, name: str):
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
        for cell in stored_cells(sheet):
            if cell.data_type == "s" and isinstance(cell.value, str) and _PLACEHOLDER.search(cell.value):
                yield sheet, cell


def _where(name: str, sheet: Worksheet, cell) -> str:
    return f"{name}, sheet '{sheet.title}', cell {cell.coordinate}"


def _runtime_message(text: str, error: Exception) -> str:
    return f"the placeholder text '{snippet(text)}' cannot be filled: {error}"


def fill_placeholders(workbook: Workbook, context: dict[str, Any], name: str) -> None:
    """Fill the template's own placeholder cells, before any value is written."""
    for sheet, cell in list(_placeholder_cells(workbook)):
        where = _where(name, sheet, cell)
        try:
            text = render_text(cell.value, context, where)
        except PackgenError:
            raise
        except _RENDER_ERRORS as error:
            raise TemplateError(f"{where}: {_runtime_message(cell.value, error)}") from None
        put(cell, text)


def fill_named_values(workbook: Workbook, event: Event) -> None:
    """Write a real date, count or amount into each cell the template names (:data:`NAMED_VALUES`)."""
    values = {
        "EventDate": (event.dates[0], DATE_FORMAT),
        "FollowUpDate": (event.follow_up_date, DATE_FORMAT),
        "TableCount": (len(event.table_list), "0"),
        "InviteeCount": (len(event.invitees), "0"),
        "BudgetTotal": (event.budget.total, MONEY_FORMAT),
    }
    for name in NAMED_VALUES:
        cell = named_cell(workbook, name)
        if cell is None:
            continue
        value, number_format = values[name]
        cell.value = value
        if cell.number_format == "General":
            cell.number_format = number_format
