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
every row it wrote in a very hidden sheet; :func:`packgen.output_guards.captured_data` counts the
rows that differ.

The package, one job a module:

- :mod:`~packgen.render.xlsx.planning` — :func:`render_planning`, the order of the work;
- :mod:`~packgen.render.xlsx.template` — opening (once per run, in the run's store), checking, and
  filling the placeholders and named cells;
- :mod:`~packgen.render.xlsx.specs` — the sheets, their headings, formats and choices;
- :mod:`~packgen.render.xlsx.cells` — text that stays text, :class:`Formula`, reading a sheet;
- :mod:`~packgen.render.xlsx.data_sheet` — a data sheet found by its headings;
- :mod:`~packgen.render.xlsx.checks` — drop-downs and number checks;
- :mod:`~packgen.render.xlsx.sheets` — the sheets' writers: ``lists``, ``schedule`` (run of the day,
  checklist), ``people`` (invitations, table plan), ``budget``, ``risks``, ``capture`` (the forms'
  answers, session notes, actions);
- :mod:`~packgen.render.xlsx.columns` and :mod:`~packgen.render.xlsx.fit` — column widths, one
  column spread into several, row heights;
- :mod:`~packgen.render.xlsx.excel_numbers` — arithmetic as a spreadsheet does it;
- :mod:`~packgen.render.xlsx.record` — the record of the rows written;
- :mod:`~packgen.render.xlsx.saving` — the workbook's bytes;
- :mod:`~packgen.render.xlsx.rollup` — :func:`render_rollup`, the force-wide roll-up's workbook
  (not the planning workbook: its figures are :mod:`packgen.rollup_model`).

openpyxl's private names are used only in :mod:`packgen.render.ooxml.workbook`.
"""

from __future__ import annotations

from packgen.render.xlsx.cells import CELL_LIMIT, CUT_NOTE, Formula, safe_text
from packgen.render.xlsx.planning import render_planning
from packgen.render.xlsx.rollup import render_rollup
from packgen.render.xlsx.saving import FIXED_DOCUMENT_DATE, workbook_bytes
from packgen.render.xlsx.sheets.budget import BUDGET_LABELS, BUDGET_NOTES
from packgen.render.xlsx.sheets.capture import question_header
from packgen.render.xlsx.sheets.people import member_count
from packgen.render.xlsx.sheets.risks import risk_band
from packgen.render.xlsx.specs import (
    ACTION_STATUSES,
    ACTIONS,
    BUDGET,
    CHECKED_ROWS,
    CHECKLIST,
    CHECKLIST_STATUSES,
    CONSENT_CHOICES,
    DATE_FORMAT,
    EVENT_DATE,
    INVITATIONS,
    LISTS,
    MONEY_FORMAT,
    NAMED_VALUES,
    OVERVIEW,
    QUESTION_MARKER,
    RECORD_SHEET,
    RISK_BANDS,
    RISKS,
    RSVP_CHOICES,
    RUN,
    SESSION_NOTES,
    SPARE_INVITATION_ROWS,
    TABLE_PLAN,
    TIME_FORMAT,
    SheetSpec,
    capture_spec,
    data_sheets,
    watched_sheets,
)
from packgen.render.xlsx.template import check_template

__all__ = [
    "ACTIONS", "ACTION_STATUSES", "BUDGET", "BUDGET_LABELS", "BUDGET_NOTES", "CELL_LIMIT",
    "CHECKED_ROWS", "CHECKLIST", "CHECKLIST_STATUSES", "CONSENT_CHOICES", "CUT_NOTE", "DATE_FORMAT",
    "EVENT_DATE", "FIXED_DOCUMENT_DATE", "Formula", "INVITATIONS", "LISTS", "MONEY_FORMAT",
    "NAMED_VALUES", "OVERVIEW", "QUESTION_MARKER", "RECORD_SHEET", "RISKS", "RISK_BANDS",
    "RSVP_CHOICES", "RUN", "SESSION_NOTES", "SPARE_INVITATION_ROWS", "SheetSpec", "TABLE_PLAN",
    "TIME_FORMAT", "capture_spec", "check_template", "data_sheets", "member_count",
    "question_header", "render_planning", "render_rollup", "risk_band", "safe_text", "watched_sheets",
    "workbook_bytes",
]
