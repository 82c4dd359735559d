"""Make the first version of templates/xlsx/planning.xlsx, the planning workbook's template.

Run once, from the repository's top folder::

    .venv/bin/python tools/make_xlsx_template.py

The .xlsx it writes is the source of truth from then on: restyle or reword it in Excel or
LibreOffice and commit the workbook, not a change to this script (running the script again
overwrites such edits). The script is kept to show how the template was built and what packgen
needs from it:

- every data sheet has a title in A1, a line of guidance in A2, a header row (row 3) and one styled
  row under it (row 4), whose style packgen copies to every row it writes; packgen finds the
  columns by their headings, so they may be moved, widened or recoloured;
- text cells may hold ``{{ placeholders }}`` (the names listed in the README, "Template names");
- the Overview cells named ``EventDate``, ``FollowUpDate``, ``TableCount``, ``InviteeCount`` and
  ``BudgetTotal`` receive a real date, count or amount (``EventDate`` is required);
- the capture sheets' ``Question scores`` heading becomes one column per question;
- the hidden "Lists" sheet feeds the sector and table drop-downs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from packgen.render import xlsx  # noqa: E402  (the sheets' specs live with the renderer)
from packgen.output import reproducible  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "templates" / "xlsx" / "planning.xlsx"

PRE, POST = xlsx.capture_spec("pre"), xlsx.capture_spec("post")
"""The capture sheets, titled as :mod:`packgen.workbook_layout` has them."""

FONT = "Arial"
DARK = "1D3557"
PALE = "E8EEF4"
LINE = Side(style="thin", color="B7C3D0")

TITLE = Font(name=FONT, size=16, bold=True, color=DARK)
GUIDANCE = Font(name=FONT, size=11, italic=True, color="333333")
HEADER = Font(name=FONT, size=11, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=DARK)
BODY = Font(name=FONT, size=11)
LABEL = Font(name=FONT, size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
BOX = Border(left=LINE, right=LINE, top=LINE, bottom=LINE)

HEADER_ROW = 3

# Each data sheet: (spec, guidance, [(heading, width, number format)], landscape, freeze at)
DATA = [
    (xlsx.RUN, "Times are 24-hour. They come from the hub's config: change them there and build"
     " the pack again.",
     [("Date", 13, xlsx.DATE_FORMAT), ("Start", 9, xlsx.TIME_FORMAT), ("End", 9, xlsx.TIME_FORMAT),
      ("Item", 40, None), ("Details", 70, None)], True, "A4"),
    (xlsx.CHECKLIST, "Due dates count back from the hub's first date (EventDate, on the Overview"
     " sheet); a negative number of weeks means after the hub. Pick a status from the drop-down.",
     [("Task", 60, None), ("Owner", 18, None), ("Weeks before the hub", 12, "0.#"),
      ("Due date", 13, xlsx.DATE_FORMAT), ("Status", 14, None), ("Notes", 40, None)], True, "A4"),
    (xlsx.INVITATIONS, "Pick each person's reply in the RSVP column. Mark the people who came as"
     " Attended: the Budget sheet counts them. Add anyone else on the blank rows.",
     [("Name", 30, None), ("Organisation", 32, None), ("Sector", 28, None), ("Email", 34, None),
      ("Access or dietary needs", 26, None), ("RSVP", 12, None)], True, "A4"),
    (xlsx.TABLE_PLAN, "Put each table's members in the Members column, one name a line (Alt+Enter"
     " starts a new line in Excel). Size counts them. Aim for 8 to 10 a table.",
     [("Table", 12, None), ("Facilitator", 28, None), ("Note taker", 28, None),
      ("Members (one name a line)", 50, None), ("Size", 8, "0")], True, "A4"),
    (xlsx.BUDGET, "Type what was spent in the Actual column as the bills come in. The totals, the"
     " money left over and the cost per attendee work themselves out.",
     [("Item", 50, None), ("Estimate (£)", 15, xlsx.MONEY_FORMAT),
      ("Actual (£)", 15, xlsx.MONEY_FORMAT), ("Notes", 55, None)], True, "A4"),
    (xlsx.RISKS, "Score likelihood and severity from 1 (very low) to 5 (very high). Rating ="
     " likelihood × severity: 1 to 4 is Low, 5 to 12 Medium, 15 to 25 High.",
     [("Hazard", 36, None), ("Who might be harmed", 22, None), ("Controls", 55, None),
      ("Likelihood", 11, "0"), ("Severity", 10, "0"), ("Rating", 9, "0"), ("Band", 10, None)],
     True, "A4"),
    # The capture sheets' headings are those of the first template, which packgen still reads
    # (workbook_layout.EARLIER_HEADINGS) and writes the forms' own wording in place of.
    (PRE, "One row per pre-event form. Scores are whole numbers from 0 to 10; leave a cell"
     " blank when a question was not answered. Keep the headings as they are: packgen reads the"
     " scores back by the question name before the colon.",
     [("Personal code", 12, "@"), ("Sector", 22, None), (xlsx.QUESTION_MARKER, 18, "0"),
      ("Hopes", 36, None), ("Comments", 32, None), ("Consent to contact", 11, None)], True, "B4"),
    (POST, "One row per post-event form. Scores are whole numbers from 0 to 10; leave a cell"
     " blank when a question was not answered. Keep the headings as they are: packgen reads the"
     " scores back by the question name before the colon.",
     [("Personal code", 12, "@"), ("Sector", 22, None), (xlsx.QUESTION_MARKER, 18, "0"),
      ("Takeaway 1", 24, None), ("Takeaway 2", 24, None), ("Takeaway 3", 24, None),
      ("Next steps", 24, None), ("Comments", 28, None), ("Consent to contact", 11, None)],
     True, "B4"),
    (xlsx.SESSION_NOTES, "One row per point a note taker wrote down: the table, the session"
     " (1 to {{ session_count }}) and the note.",
     [("Table", 16, None), ("Session", 10, "0"), ("Note", 100, None)], False, "A4"),
    (xlsx.ACTIONS, "What people said and what we did about it, for the \"You said, we did\""
     " update due by {{ follow_up.by }}. Say what is not being done, and why, too. Owner: a role,"
     " never a name. Keep each row's Id once it has one; 'packgen update' compares by it.",
     [("You said", 50, None), ("We did", 50, None), ("Owner", 18, None), ("Status", 14, None),
      ("Due date", 13, xlsx.DATE_FORMAT), ("Progress note or reason", 40, None), ("Evidence", 30, None),
      ("Last changed", 13, xlsx.DATE_FORMAT), ("Id", 10, "@")], True, "A4"),
]

TITLES = {
    xlsx.RUN.title: "Run of the day: {{ title }}",
    xlsx.CHECKLIST.title: "Organiser's checklist: {{ title }}",
    xlsx.INVITATIONS.title: "Invitations: {{ title }}",
    xlsx.TABLE_PLAN.title: "Table plan: {{ title }}",
    xlsx.BUDGET.title: "Budget: {{ title }}",
    xlsx.RISKS.title: "Health and safety risk assessment: {{ title }}",
    PRE.title: "Pre-event forms, typed in",
    POST.title: "Post-event forms, typed in",
    xlsx.SESSION_NOTES.title: "Note takers' notes",
    xlsx.ACTIONS.title: "You said, we did: actions",
}

CONTACTS = (
    "{% for c in contacts %}{{ c.name }}{% if c.role %}, {{ c.role }}{% endif %}"
    "{% if c.email %}, {{ c.email }}{% endif %}{% if c.phone %}, {{ c.phone }}{% endif %}"
    "{% if not loop.last %}\n{% endif %}{% endfor %}"
)

# The Overview: (label, placeholder text or a name packgen fills, number format)
OVERVIEW = [
    ("Force", "{{ force }}", None),
    ("Command unit (BCU)", "{{ bcu }}", None),
    ("Theme", "{{ theme }}", None),
    ("Focal question", "{{ focal_question }}", None),
    ("Purpose", "{{ purpose }}", None),
    ("Date or dates", "{{ dates }}", None),
    ("First date", "EventDate", xlsx.DATE_FORMAT),
    ("Times", "{{ times }}", None),
    ("Venue", "{{ venue.name }}", None),
    ("Address", "{{ venue.address }}", None),
    ("Access notes", "{{ venue.access_notes }}", None),
    ("Contacts", CONTACTS, None),
    ("Number of tables", "TableCount", "0"),
    ("People invited", "InviteeCount", "0"),
    ("Budget", "BudgetTotal", xlsx.MONEY_FORMAT),
    ("Incentives", "{{ incentives }}", None),
    ("\"You said, we did\" due by", "FollowUpDate", xlsx.DATE_FORMAT),
    ("How it will be sent", "{{ follow_up.how }}", None),
]


def print_setup(sheet, landscape: bool) -> None:
    """Fit the sheet to the page width, repeat its header row and number the pages."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "&A, page &P of &N"
    sheet.oddFooter.center.font = FONT


def heading(sheet, title: str, guidance: str, widths: list[float]) -> None:
    """Write the title and the guidance, the guidance merged across the columns and wrapped."""
    sheet["A1"] = title
    sheet["A1"].font = TITLE
    sheet.row_dimensions[1].height = 26
    sheet["A2"] = guidance
    sheet["A2"].font = GUIDANCE
    sheet["A2"].alignment = WRAP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(widths))
    lines = -(-len(guidance) // int(sum(widths) * 0.95)) + 1  # a spare line for narrower fonts
    sheet.row_dimensions[2].height = 15 * lines + 3


def header_cell(cell, text: str) -> None:
    cell.value = text
    cell.font = HEADER
    cell.fill = HEADER_FILL
    cell.alignment = WRAP
    cell.border = BOX


def body_cell(cell, number_format: str | None) -> None:
    cell.font = BODY
    cell.alignment = WRAP
    cell.border = BOX
    if number_format:
        cell.number_format = number_format


def overview(workbook: Workbook) -> None:
    sheet = workbook.active
    sheet.title = xlsx.OVERVIEW
    heading(sheet, "{{ title }}", "Planning workbook for {{ organisation }}, {{ bcu }}. These details"
            " come from the hub's config: change them there and build the pack again.", [28, 95])
    header_cell(sheet.cell(HEADER_ROW, 1), "Detail")
    header_cell(sheet.cell(HEADER_ROW, 2), "For this hub")
    for row, (label, value, number_format) in enumerate(OVERVIEW, start=HEADER_ROW + 1):
        body_cell(sheet.cell(row, 1), None)
        sheet.cell(row, 1).value = label
        sheet.cell(row, 1).font = LABEL
        body_cell(sheet.cell(row, 2), number_format)
        if value in xlsx.NAMED_VALUES:
            sheet.cell(row, 2).alignment = Alignment(horizontal="left", vertical="top")
            workbook.defined_names[value] = DefinedName(
                value, attr_text=f"{xlsx.OVERVIEW}!$B${row}")
        else:
            sheet.cell(row, 2).value = value
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 95
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    print_setup(sheet, landscape=False)


def data_sheet(workbook: Workbook, spec, guidance, columns, landscape, freeze) -> None:
    sheet = workbook.create_sheet(spec.title)
    heading(sheet, TITLES[spec.title], guidance, [width for _, width, _ in columns])
    for column, (text, width, number_format) in enumerate(columns, start=1):
        header_cell(sheet.cell(HEADER_ROW, column), text)
        body_cell(sheet.cell(HEADER_ROW + 1, column), number_format)
        dimension = sheet.column_dimensions[get_column_letter(column)]
        dimension.width = width
        # A column style, so rows typed below the written ones wrap and show dates too.
        dimension.font = BODY
        dimension.alignment = WRAP
        if number_format:
            dimension.number_format = number_format
    sheet.freeze_panes = freeze
    print_setup(sheet, landscape)


def lists(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(xlsx.LISTS.title)
    sheet["A1"] = "Lists the drop-downs read"
    sheet["A1"].font = TITLE
    sheet["A2"] = "Filled by packgen from the config: change the sectors and tables there."
    sheet["A2"].font = GUIDANCE
    for column, text in enumerate(xlsx.LISTS.headers, start=1):
        header_cell(sheet.cell(HEADER_ROW, column), text)
        body_cell(sheet.cell(HEADER_ROW + 1, column), None)
        sheet.column_dimensions[get_column_letter(column)].width = 40
    sheet.sheet_state = "hidden"


def main(out: Path = OUT) -> Path:
    """Write the template to ``out`` (by default the one packgen ships) and return its path."""
    workbook = Workbook()
    overview(workbook)
    for spec, guidance, columns, landscape, freeze in DATA:
        data_sheet(workbook, spec, guidance, columns, landscape, freeze)
    lists(workbook)
    workbook.calculation.fullCalcOnLoad = True
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    out.write_bytes(reproducible(out.read_bytes()))  # fixed dates: packs are reproducible
    print(f"wrote {out}")
    return out


if __name__ == "__main__":
    main()
