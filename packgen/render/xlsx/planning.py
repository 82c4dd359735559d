"""The planning workbook filled from the event: template, sheets, row heights, record, bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from packgen import workbook_layout as layout
from packgen.errors import TemplateError
from packgen.model import Event
from packgen.render.xlsx.fit import fit_row_heights
from packgen.render.xlsx.record import write_record
from packgen.render.xlsx.saving import saved
from packgen.render.xlsx.sheets.budget import write_budget
from packgen.render.xlsx.sheets.capture import write_actions, write_capture, write_session_notes
from packgen.render.xlsx.sheets.lists import write_lists
from packgen.render.xlsx.sheets.people import write_invitations, write_table_plan
from packgen.render.xlsx.sheets.risks import write_risks
from packgen.render.xlsx.sheets.schedule import write_checklist, write_run
from packgen.render.xlsx.specs import (
    ACTIONS,
    BUDGET,
    CHECKLIST,
    INVITATIONS,
    LISTS,
    RISKS,
    RUN,
    SESSION_NOTES,
    TABLE_PLAN,
    capture_spec,
)
from packgen.render.xlsx.data_sheet import DataSheet
from packgen.render.xlsx.template import (
    adopt_current_headings,
    fill_named_values,
    fill_placeholders,
    open_template,
    passed_checks,
    problems,
)
from packgen.store import TemplateStore, store_or_new


def render_planning(event: Event, context: dict[str, Any], template: Path,
                    store: TemplateStore | None = None) -> bytes:
    """Return the finished planning workbook (.xlsx) as bytes.

    ``store`` keeps the parsed template for the run (see :mod:`packgen.store`).
    Raises :class:`TemplateError` listing every problem with the template.
    """
    template = Path(template)
    store = store_or_new(store)
    workbook = open_template(template, store)
    adopt_current_headings(workbook)
    passed = store.get(template, passed_checks)
    # A template that passed the check with the same names passes it again: values change which
    # loop bodies run, never which names exist, and rendering stays strict either way.
    names = tuple(sorted(context))
    if names not in passed:
        found = problems(workbook, template.name, context)
        if found:
            raise TemplateError(f"{template}: the planning workbook template cannot be used", found)
        passed.add(names)
    fill_placeholders(workbook, context, template.name)  # first: values are never rendered
    fill_named_values(workbook, event)
    _write_sheets(workbook, event, context)
    for sheet in workbook.worksheets:
        fit_row_heights(sheet)
    write_record(workbook)
    workbook.calculation.fullCalcOnLoad = True
    return saved(workbook)


def _write_sheets(workbook: Workbook, event: Event, context: dict[str, Any]) -> None:
    """Write every data sheet's rows, formulas and checks."""
    lists = write_lists(DataSheet.find(workbook[LISTS.title], LISTS), event, context)
    write_run(DataSheet.find(workbook[RUN.title], RUN), event)
    write_checklist(DataSheet.find(workbook[CHECKLIST.title], CHECKLIST), event)
    invitations = DataSheet.find(workbook[INVITATIONS.title], INVITATIONS)
    write_invitations(invitations, event, lists)
    write_table_plan(DataSheet.find(workbook[TABLE_PLAN.title], TABLE_PLAN), context)
    write_budget(DataSheet.find(workbook[BUDGET.title], BUDGET), event, invitations)
    write_risks(DataSheet.find(workbook[RISKS.title], RISKS), event)
    for stage in layout.CAPTURE_SHEETS:
        spec = capture_spec(stage)
        write_capture(workbook[spec.title], spec, context[f"{stage}_questions"], stage, lists)
    write_session_notes(DataSheet.find(workbook[SESSION_NOTES.title], SESSION_NOTES), context, lists)
    write_actions(DataSheet.find(workbook[ACTIONS.title], ACTIONS))
