"""The planning workbook: content, structure, text safety, captured data and template checks."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree
from conftest import (
    HOSTILE_FOCAL,
    HOSTILE_FORMULAS,
    HOSTILE_TITLE,
    LONG_TEXT,
    example_data,
    write_config,
)

from packgen.config import load_config
from packgen.context import build_context, due_date, run_of_the_day
from packgen.errors import OverwriteRefused, TemplateError
from packgen.output import reproducible
from packgen.render import xlsx
from packgen.render.xlsx import captured_data, check_template, render_planning
from packgen.resources import example_folder, template_path

SHEETS = ["Overview", "Run of the day", "Checklist", "Invitations", "Table plan", "Budget",
          "Risk assessment", "Pre responses", "Post responses", "Session notes", "Actions",
          "Lists", "packgen record"]
FIRST = 4
"""The bundled template's first data row (header row 3)."""
LAST_CHECKED = FIRST + 499

PRE_HEADERS = [  # the forms' wording, as the typing-in sheets have it
    "Your personal code", "Which of these best describes you? Tick one box.",
    "trust: How much do you trust the police at the moment?",
    "awareness: How much do you know about the ways the public can oversee the police locally,"
    " such as ward panels, independent advisory groups and stop and search monitoring groups?",
    "heard: Before today, how much chance have you had to share your views with the police?",
    "join: How likely are you to think about joining one of these oversight groups?",
    "What do you hope today will achieve?", "Anything else you would like to tell us?",
    "Yes, please send me the \u2018You said, we did\u2019 update.",
]
POST_HEADERS = [
    "Your personal code", "Which of these best describes you? Tick one box.",
    "trust: How much do you trust the police now?",
    "awareness: How much do you now know about the ways the public can oversee the police"
    " locally, such as ward panels, independent advisory groups and stop and search monitoring"
    " groups?",
    "heard: Today, how much chance have you had to share your views with the police?",
    "join: How likely are you now to think about joining one of these oversight groups?",
    "return: How likely are you to come to an event like this again?",
    "recommend: How likely are you to recommend an event like this to people you know?",
    "Three things you will take away from today (1)", "Three things you will take away from today (2)",
    "Three things you will take away from today (3)", "What should happen next?",
    "Anything else you would like to tell us?", "Yes, please send me the \u2018You said, we did\u2019 update.",
]


def render(config) -> bytes:
    return render_planning(config.event, build_context(config.event), template_path("planning"))


def open_bytes(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture
def example_bytes(example_config) -> bytes:
    return render(example_config)


@pytest.fixture
def book(example_bytes) -> openpyxl.Workbook:
    return open_bytes(example_bytes)


@pytest.fixture
def hostile_book(hostile_config) -> openpyxl.Workbook:
    return open_bytes(render(hostile_config))


def rows(sheet, first: int = FIRST) -> list[tuple]:
    """Return the values of the sheet's rows from ``first`` to its last filled row."""
    return [tuple(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def validations(sheet) -> dict[str, tuple]:
    """Return each validation's ranges mapped to (type, formula1, formula2, operator)."""
    return {
        str(v.sqref): (v.type, v.formula1, v.formula2, v.operator)
        for v in sheet.data_validations.dataValidation
    }


def formula_cells(workbook) -> set[str]:
    return {
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
        if cell.data_type == "f"
    }


def config_with(tmp_path: Path, **changes):
    data = example_data()
    data.update(changes)
    return load_config(write_config(tmp_path / "hub", data))


# --- Structure -------------------------------------------------------------------------------


def test_every_sheet_is_present_in_order_with_lists_hidden_and_record_very_hidden(book):
    assert book.sheetnames == SHEETS
    states = {sheet.title: sheet.sheet_state for sheet in book.worksheets}
    assert states.pop("Lists") == "hidden"
    assert states.pop("packgen record") == "veryHidden"
    assert set(states.values()) == {"visible"}


def test_overview_holds_the_hub_details_and_typed_named_cells(book, example_context):
    sheet = book["Overview"]
    details = {row[0]: row[1] for row in sheet.iter_rows(min_row=FIRST, values_only=True)}
    assert sheet["A1"].value == "Trust and confidence Innovation Hub"
    assert details == {
        "Force": "Metropolitan Police Service",
        "Command unit (BCU)": "Central South BCU",
        "Theme": "Trust and confidence",
        "Focal question": example_context["focal_question"],
        "Purpose": example_context["purpose"],
        "Date or dates": "Friday 25 February 2022",
        "First date": datetime(2022, 2, 25),
        "Times": "9:30am to 3:30pm",
        "Venue": "New Scotland Yard",
        "Address": "Victoria Embankment\nLondon\nSW1A 2JL",
        "Access notes": example_context["venue"]["access_notes"],
        "Contacts": "Inspector Sam Okafor, Event organiser, innovation.hub@example.police.uk,"
                    " 020 7946 0000\nPriya Shah, Engagement officer,"
                    " engagement.csbcu@example.police.uk",
        "Number of tables": 5,
        "People invited": 30,
        "Budget": 5000,
        "Incentives": "A £25 shopping voucher for every community attendee",
        "\"You said, we did\" due by": datetime(2022, 4, 22),
        "How it will be sent": "by email, and on paper for anyone who asks",
    }


def test_event_date_is_a_defined_name_on_a_real_date_cell(book):
    assert book.defined_names["EventDate"].attr_text == "Overview!$B$10"
    cell = book["Overview"]["B10"]
    assert (cell.value, cell.data_type, cell.number_format) == (datetime(2022, 2, 25), "d", "dd/mm/yyyy")
    assert book["Overview"]["B18"].number_format == "£#,##0.00"


def test_run_of_the_day_lists_every_item_with_real_dates_and_times(book, example_config):
    expected = [
        (datetime(2022, 2, 25), item.start, item.end, item.title, item.detail or None)
        for item in run_of_the_day(example_config.event)
    ]
    assert rows(book["Run of the day"]) == expected
    assert expected[0][1:4] == (time(9, 30), time(10, 0), "Arrival, registration and coffee")
    assert book["Run of the day"]["B4"].number_format == "hh:mm"


def test_a_hub_over_several_dates_dates_each_item(tmp_path):
    data = example_data()
    data["dates"] = ["09/03/2021", "16/03/2021", "23/03/2021"]
    for session, day in zip(data["sessions"], data["dates"]):
        session["date"] = day
    config = load_config(write_config(tmp_path / "hub", data))
    book = open_bytes(render(config))
    sessions = [row for row in rows(book["Run of the day"]) if str(row[3]).startswith("Session")]
    assert [row[0] for row in sessions] == [datetime(2021, 3, 9), datetime(2021, 3, 16),
                                             datetime(2021, 3, 23)]
    assert book["Overview"]["B10"].value == datetime(2021, 3, 9)


def test_checklist_rows_equal_the_events_checklist_with_due_date_formulas(book, example_config):
    expected = [
        (item.item, item.owner, item.weeks_before, f"=EventDate-ROUND(7*C{row},0)", "Not started", None)
        for row, item in enumerate(example_config.event.checklist, start=FIRST)
    ]
    assert rows(book["Checklist"]) == expected
    assert book["Checklist"]["D4"].number_format == "dd/mm/yyyy"


def test_checklist_status_has_a_drop_down_of_four_statuses(book):
    assert validations(book["Checklist"]) == {
        f"E4:E{LAST_CHECKED}": ("list", '"Not started,In progress,Done,Not needed"', None, None),
    }


def test_invitations_list_every_invitee_with_spare_rows_and_drop_downs(book, example_config):
    sheet = book["Invitations"]
    expected = [
        (p.name, p.organisation or None, p.sector, p.email, p.needs or None, "Invited")
        for p in example_config.event.invitees
    ]
    assert rows(sheet) == expected + [(None,) * 6] * 10  # ten spare rows, styled but empty
    assert sheet[f"A{sheet.max_row}"].border.left.style == "thin"
    assert validations(sheet) == {
        f"F4:F{LAST_CHECKED}": ("list", '"Invited,Accepted,Declined,Attended,No reply"', None, None),
        f"C4:C{LAST_CHECKED}": ("list", "Lists!$A$4:$A$14", None, None),
    }


def test_lists_sheet_holds_the_sectors_and_table_names(book, example_config):
    sectors = example_config.event.sectors
    assert [row[0] for row in rows(book["Lists"])] == sectors
    assert [row[1] for row in rows(book["Lists"])][:5] == [f"Table {n}" for n in range(1, 6)]
    assert "School, college or university" in sectors  # a comma would split a list literal


def test_table_plan_has_each_table_and_a_size_formula(book):
    names = 'TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(D{0}," ",""),CHAR(13),""),CHAR(10)," "))'
    count = f'IF({names}="",0,LEN({names})-LEN(SUBSTITUTE({names}," ",""))+1)'
    assert rows(book["Table plan"]) == [
        ("Table 1", "Amara Mensah", "PC Jordan Reid", None, "=" + count.format(4)),
        ("Table 2", "PS Tomasz Nowak", "Farah Hussain", None, "=" + count.format(5)),
        ("Table 3", "Grace Adeyemi", "PCSO Liam Carter", None, "=" + count.format(6)),
        ("Table 4", "Insp. Ruth Evans", "Shahida Begum", None, "=" + count.format(7)),
        ("Table 5", "Kwame Boateng", "PC Aoife Byrne", None, "=" + count.format(8)),
    ]


def test_budget_has_its_lines_and_live_summary_formulas(book):
    sheet = book["Budget"]
    assert rows(sheet) == [
        ("Venue hire", 0, None, "Our own building"),
        ("Food and drink", 1800, None, None),
        ("Vouchers for attendees", 2000, None, None),
        ("Materials (flip charts, pens, printing)", 350, None, None),
        ("Travel costs for attendees", 400, None, None),
        ("Total", "=SUM(B4:B8)", "=SUM(C4:C8)", None),
        ("Budget available", 5000, None, None),
        ("Left over", "=B10-B9", '=IF(COUNT(C4:C8)=0,"",B10-C9)', xlsx.BUDGET_NOTES["left"]),
        ("Attendees (marked Attended on the Invitations sheet)",
         '=COUNTIF(Invitations!$F$4:$F$503,"Attended")', None, None),
        ("Cost per attendee", '=IF(B12=0,"",B9/B12)', '=IF(OR(B12=0,COUNT(C4:C8)=0),"",C9/B12)',
         xlsx.BUDGET_NOTES["per_head"]),
    ]
    assert sheet["B9"].number_format == sheet["C13"].number_format == "£#,##0.00"
    assert sheet["B12"].number_format == "0"
    assert sheet["A9"].font.bold and not sheet["A8"].font.bold


def test_risk_rating_and_band_are_formulas_with_1_to_5_checks(book, example_config):
    sheet = book["Risk assessment"]
    expected = [
        (r.hazard, r.who, r.controls, r.likelihood, r.severity, f"=D{row}*E{row}",
         f'=IF(F{row}>=15,"High",IF(F{row}>=5,"Medium","Low"))')
        for row, r in enumerate(example_config.event.risks, start=FIRST)
    ]
    assert rows(sheet) == expected
    assert validations(sheet) == {
        f"D4:D{LAST_CHECKED}": ("whole", "1", "5", "between"),
        f"E4:E{LAST_CHECKED}": ("whole", "1", "5", "between"),
    }
    assert "1 to 4 is Low, 5 to 12 Medium, 15 to 25 High" in sheet["A2"].value


def test_capture_sheets_head_each_question_with_its_id_and_wording(book):
    assert [c.value for c in book["Pre responses"][3]] == PRE_HEADERS
    assert [c.value for c in book["Post responses"][3]] == POST_HEADERS
    for title in ("Pre responses", "Post responses", "Session notes", "Actions"):
        assert book[title].max_row == FIRST  # headers and the styled row only: nothing typed


def test_capture_sheets_check_scores_sectors_and_consent(book):
    sector = ("list", "Lists!$A$4:$A$14", None, None)
    consent = ("list", '"Yes,No"', None, None)
    score = ("whole", "0", "10", "between")
    assert validations(book["Pre responses"]) == {
        f"C4:F{LAST_CHECKED}": score, f"B4:B{LAST_CHECKED}": sector, f"I4:I{LAST_CHECKED}": consent,
    }
    assert validations(book["Post responses"]) == {
        f"C4:H{LAST_CHECKED}": score, f"B4:B{LAST_CHECKED}": sector, f"N4:N{LAST_CHECKED}": consent,
    }
    rule = book["Pre responses"].data_validations.dataValidation[0]
    assert (rule.showErrorMessage, rule.error) == (
        True, "Type a whole number from 0 to 10, or leave the cell blank.")


def test_question_columns_take_the_marker_columns_width_and_style(book):
    sheet = book["Post responses"]
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLMN"]
    assert widths == [12, 22, 18, 18, 18, 18, 18, 18, 24, 24, 24, 24, 28, 11]
    assert sheet["H3"].fill.fgColor.rgb == sheet["A3"].fill.fgColor.rgb
    assert sheet["N3"].font.bold
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A2:N2"]  # the guidance spans them all


def test_session_notes_and_actions_have_their_drop_downs(book):
    assert validations(book["Session notes"]) == {
        f"A4:A{LAST_CHECKED}": ("list", "Lists!$B$4:$B$9", None, None),
        f"B4:B{LAST_CHECKED}": ("whole", "1", "3", "between"),
    }
    assert [c.value for c in book["Session notes"][3]] == ["Table", "Session", "Note"]
    assert validations(book["Actions"]) == {
        f"D4:D{LAST_CHECKED}": ("list", '"Planned,In progress,Done,Not doing"', None, None),
    }
    assert [c.value for c in book["Actions"][3]] == ["You said", "We did", "Owner", "Status", "Due date",
                                                   "Progress note or reason", "Evidence", "Last changed", "Id"]


def test_every_sheet_freezes_its_header_row(book):
    frozen = {sheet.title: sheet.freeze_panes for sheet in book.worksheets[:11]}
    assert frozen == {title: "B4" if title.endswith("responses") else "A4" for title in SHEETS[:11]}


def test_every_sheet_prints_fitted_to_width_with_its_header_repeated(book):
    for sheet in book.worksheets[:11]:
        assert sheet.print_title_rows == "$3:$3", sheet.title
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert book["Overview"].page_setup.orientation == "portrait"
    assert book["Post responses"].page_setup.orientation == "landscape"


def test_rows_with_long_wrapped_text_are_made_tall_enough(book):
    sheet = book["Overview"]
    assert sheet.row_dimensions[7].height >= 2 * 15  # the focal question wraps onto two lines
    assert sheet.row_dimensions[13].height >= 3 * 14  # the address has three lines
    assert sheet.row_dimensions[4].height is None  # one line: left to the default


def test_workbook_asks_excel_and_libreoffice_to_calculate_on_opening(book):
    assert book.calculation.fullCalcOnLoad is True


def test_every_formula_is_stored_with_its_value(example_bytes, example_config):
    stored = openpyxl.load_workbook(io.BytesIO(example_bytes), data_only=True)
    event = example_config.event
    due = [row[3] for row in stored["Checklist"].iter_rows(min_row=FIRST, values_only=True)]
    assert due == [datetime.combine(due_date(event, item.weeks_before), time()) for item in event.checklist]
    assert [row[4] for row in rows(stored["Table plan"])] == [0, 0, 0, 0, 0]
    assert [row[5:] for row in rows(stored["Risk assessment"])] == [
        (r.likelihood * r.severity, "Medium" if r.likelihood * r.severity >= 5 else "Low")
        for r in event.risks
    ]
    budget = stored["Budget"]
    assert [budget[cell].value for cell in ("B9", "C9", "B11", "B12")] == [4550, 0, 450, 0]
    assert formula_values(example_bytes)["Budget"]["C11"] == ("str", "")  # blank until spent
    assert all(formula_values(example_bytes)["Budget"][cell] == ("str", "") for cell in ("B13", "C13"))


def test_stored_values_follow_fractional_weeks_costs_and_ratings(tmp_path):
    data = example_data()
    data["checklist"] = [{"item": "Half a week", "owner": "Organiser", "weeks_before": 0.5},
                         {"item": "After", "owner": "Organiser", "weeks_before": -1.5}]
    data["budget"]["lines"] = [{"item": "Venue", "estimate": 1000.1, "actual": 999.99},
                               {"item": "Food", "estimate": 0.2, "actual": 0.1}]
    data["risks"] = [{"hazard": "Fire", "who": "Everyone", "controls": "Drills",
                      "likelihood": 3, "severity": 5}]
    written = render(load_config(write_config(tmp_path / "hub", data)))
    stored = openpyxl.load_workbook(io.BytesIO(written), data_only=True)
    assert [row[3].date() for row in stored["Checklist"].iter_rows(min_row=FIRST, values_only=True)] == [
        date(2022, 2, 21), date(2022, 3, 8)]  # 3.5 days rounds to 4, and -10.5 to -11, as ROUND does
    budget = stored["Budget"]
    assert (budget["B6"].value, budget["C6"].value) == (1000.1 + 0.2, 999.99 + 0.1)
    assert budget["C8"].value == data["budget"]["total"] - (999.99 + 0.1)
    assert [c.value for c in stored["Risk assessment"][FIRST]][5:7] == [15, "High"]


# --- Text safety -----------------------------------------------------------------------------


def test_formula_looking_text_lands_as_text_with_a_quote_prefix(hostile_book):
    cells = {
        HOSTILE_FORMULAS[0]: hostile_book["Table plan"]["B4"],
        HOSTILE_FORMULAS[1]: hostile_book["Table plan"]["B5"],
        HOSTILE_FORMULAS[2]: hostile_book["Table plan"]["C6"],
        HOSTILE_FORMULAS[3]: hostile_book["Table plan"]["C7"],
        "=CMD|' /C calc'!A0": hostile_book["Invitations"]["A4"],
    }
    for text, cell in cells.items():
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    contacts = hostile_book["Overview"]["B15"]  # a placeholder's output starting with '='
    assert contacts.value.startswith("=1+1, Event organiser")
    assert (contacts.data_type, contacts.quotePrefix) == ("s", True)
    assert hostile_book["Table plan"]["B6"].quotePrefix is False


def _expected_formula_cells(checklist: int, tables: int, risks: int) -> set[str]:
    cells = {f"Checklist!D{r}" for r in range(FIRST, FIRST + checklist)}
    cells |= {f"Table plan!E{r}" for r in range(FIRST, FIRST + tables)}
    cells |= {f"Risk assessment!{c}{r}" for c in "FG" for r in range(FIRST, FIRST + risks)}
    cells |= {"Budget!B9", "Budget!C9", "Budget!B11", "Budget!C11", "Budget!B12", "Budget!B13",
              "Budget!C13"}
    return cells


def test_only_packgens_own_formulas_are_formula_cells(book, hostile_book, example_config):
    expected = _expected_formula_cells(len(example_config.event.checklist), 5,
                                       len(example_config.event.risks))
    assert formula_cells(book) == expected
    assert formula_cells(hostile_book) == expected


def test_hostile_text_comes_out_exactly_and_is_never_rendered_again(hostile_book, hostile_context):
    overview = hostile_book["Overview"]
    assert overview["A1"].value == HOSTILE_TITLE
    assert hostile_book["Budget"]["A1"].value == f"Budget: {HOSTILE_TITLE}"
    assert overview["B7"].value == HOSTILE_FOCAL  # Arabic, Urdu, Bengali, Polish, emoji, newline
    assert overview["B8"].value == LONG_TEXT.strip()  # 10,999 characters after trimming
    assert overview["B14"].value == "Bell rings & <script>alert(1)</script>"
    assert hostile_book["Run of the day"]["E6"].value == (
        "What got us here? {{ config }} {% for x in y %}{% endfor %}")
    assert hostile_book["Pre responses"]["C3"].value == "trust: Trust <1> & \"2\" — {{ 7*7 }}?"
    assert hostile_book["Invitations"]["A5"].value == "ليلى حداد"
    assert hostile_book["Invitations"]["B4"].value == "<b>Org</b> & co"


def test_text_longer_than_a_cell_holds_is_cut_with_a_note(tmp_path):
    config = config_with(tmp_path, purpose="x" * 40_000)
    value = open_bytes(render(config))["Overview"]["B8"].value
    assert len(value) == 32_767
    assert value == "x" * (32_767 - len(xlsx.CUT_NOTE)) + xlsx.CUT_NOTE
    assert xlsx.CUT_NOTE == " [cut short here: an Excel cell holds at most 32,767 characters]"


# --- The parsed template kept per process ---------------------------------------------------


def test_a_parsed_template_fills_each_workbook_as_a_fresh_parse_would(example_config, example_context,
                                                                      hostile_config, hostile_context):
    template = template_path("planning")
    render_planning(hostile_config.event, hostile_context, template)  # parses and keeps the template
    kept = reproducible(render_planning(example_config.event, example_context, template))
    xlsx._PARSED_TEMPLATES.clear()
    fresh = reproducible(render_planning(example_config.event, example_context, template))

    assert kept == fresh


def test_a_template_changed_on_disk_is_parsed_again(tmp_path, example_config, example_context):
    template = tmp_path / "planning.xlsx"
    shutil.copy(template_path("planning"), template)
    render_planning(example_config.event, example_context, template)
    workbook = openpyxl.load_workbook(template)
    workbook["Overview"]["H1"] = "Restyled for {{ bcu }}"
    workbook.save(template)

    book = open_bytes(render_planning(example_config.event, example_context, template))

    assert book["Overview"]["H1"].value == f"Restyled for {example_context['bcu']}"


# --- Finding columns by heading --------------------------------------------------------------


def test_columns_are_found_by_heading_when_the_template_moves_them(tmp_path, example_config,
                                                                   example_context):
    workbook = openpyxl.load_workbook(template_path("planning"))
    sheet = workbook["Checklist"]
    headings = ["Status", "Weeks before the hub", "Notes", "Task", "Due date", "Owner"]
    for column, heading in enumerate(headings, start=1):
        sheet.cell(3, column).value = heading
    template = tmp_path / "planning.xlsx"
    workbook.save(template)
    book = open_bytes(render_planning(example_config.event, example_context, template))
    first = example_config.event.checklist[0]
    assert rows(book["Checklist"])[0] == (
        "Not started", first.weeks_before, None, first.item, "=EventDate-ROUND(7*B4,0)", first.owner)
    assert validations(book["Checklist"]) == {
        f"A4:A{LAST_CHECKED}": ("list", '"Not started,In progress,Done,Not needed"', None, None),
    }


# --- Captured data ---------------------------------------------------------------------------


def test_captured_data_is_empty_for_freshly_rendered_workbooks(tmp_path, example_bytes,
                                                               hostile_config):
    (tmp_path / "example.xlsx").write_bytes(example_bytes)
    (tmp_path / "hostile.xlsx").write_bytes(render(hostile_config))
    assert captured_data(tmp_path / "example.xlsx") == {}
    assert captured_data(tmp_path / "hostile.xlsx") == {}


def test_actual_costs_from_the_config_are_not_captured_data(tmp_path):
    data = example_data()
    data["budget"]["lines"][1]["actual"] = 1750.5
    config = load_config(write_config(tmp_path / "hub", data))
    (tmp_path / "planning.xlsx").write_bytes(render(config))
    assert captured_data(tmp_path / "planning.xlsx") == {}


def test_captured_data_counts_rows_typed_into_pre_responses(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Pre responses"]
    for row, (code, sector, score) in enumerate(
            [("AB12", "Resident", 3), ("CD34", "Business", 7), ("EF56", "Health", 10)], start=FIRST):
        sheet.cell(row, 1).value, sheet.cell(row, 2).value, sheet.cell(row, 3).value = code, sector, score
    workbook.save(path)
    assert captured_data(path) == {"Pre responses": 3}


def test_captured_data_counts_changed_replies_typed_costs_notes_and_actions(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    workbook = openpyxl.load_workbook(path)
    workbook["Invitations"]["F4"] = "Attended"
    workbook["Invitations"]["F5"] = "Declined"
    workbook["Invitations"]["A35"] = "A late addition"  # a spare row
    workbook["Budget"]["C5"] = 1750
    workbook["Session notes"]["C4"] = "Trust is built locally."
    workbook["Actions"]["A4"] = "More evening meetings"
    workbook.save(path)
    assert captured_data(path) == {"Invitations": 3, "Budget": 1, "Session notes": 1, "Actions": 1}


def test_captured_data_ignores_rows_sorted_into_another_order(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Risk assessment"]

    def moved(value, old: int, new: int):  # as a spreadsheet's sort rewrites a row's own references
        if isinstance(value, str) and value.startswith("="):
            return re.sub(rf"(?<=[A-Z]){old}(?!\d)", str(new), value)
        return value

    first, second = ([c.value for c in sheet[row]] for row in (4, 5))
    for column, (a, b) in enumerate(zip(first, second), start=1):
        sheet.cell(4, column).value = moved(b, 5, 4)
        sheet.cell(5, column).value = moved(a, 4, 5)
    assert sheet["A4"].value == "Fire or evacuation" and sheet["G5"].value.startswith("=IF(F5>=15")
    workbook.save(path)
    assert captured_data(path) == {}


def test_captured_data_only_reads_the_file(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    before = path.stat().st_mtime_ns
    captured_data(path)
    assert path.read_bytes() == example_bytes and path.stat().st_mtime_ns == before


def test_captured_data_counts_every_filled_row_without_packgens_record(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    workbook = open_bytes(example_bytes)
    del workbook["packgen record"]
    workbook.save(path)
    counts = captured_data(path)
    assert counts["Checklist"] == 18 and counts["Budget"] == 10
    assert "Pre responses" not in counts


def test_captured_data_refuses_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "planning.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(OverwriteRefused, match=r"planning\.xlsx: cannot be read as an Excel workbook"):
        captured_data(path)


# --- Template checks -------------------------------------------------------------------------


def test_check_template_finds_nothing_wrong_with_the_bundled_template(example_context, hostile_context):
    assert check_template(template_path("planning"), example_context) == []
    assert check_template(template_path("planning"), hostile_context) == []


@pytest.fixture
def broken_template(tmp_path) -> Path:
    workbook = openpyxl.load_workbook(template_path("planning"))
    workbook["Overview"]["B6"] = "{{ venu }}"
    workbook["Overview"]["B7"] = "Hub: {{ title"
    workbook["Budget"]["B3"] = None
    path = tmp_path / "planning.xlsx"
    workbook.save(path)
    return path


BROKEN_MESSAGES = [
    "planning.xlsx, sheet 'Overview', cell B6: 'venu' is undefined; packgen cannot fill it"
    " (see 'Template names' in the README)",
    "planning.xlsx, sheet 'Overview', cell B7: the placeholder text 'Hub: {{ title' is not valid:"
    " unexpected end of template, expected 'end of print statement'.",
    "planning.xlsx: sheet 'Budget' has no 'Estimate (£)' column",
]


def test_check_template_reports_unknown_names_syntax_errors_and_missing_headings(
        broken_template, example_context):
    assert check_template(broken_template, example_context) == BROKEN_MESSAGES


def test_rendering_a_broken_template_raises_template_error_with_every_message(
        broken_template, example_config, example_context):
    with pytest.raises(TemplateError) as raised:
        render_planning(example_config.event, example_context, broken_template)
    assert raised.value.problems == BROKEN_MESSAGES
    assert raised.value.message == f"{broken_template}: the planning workbook template cannot be used"


def test_check_template_reports_a_missing_sheet_and_a_missing_event_date_name(tmp_path, example_context):
    workbook = openpyxl.load_workbook(template_path("planning"))
    del workbook["Actions"]
    del workbook.defined_names["EventDate"]
    path = tmp_path / "planning.xlsx"
    workbook.save(path)
    assert check_template(path, example_context) == [
        "planning.xlsx: there is no sheet named 'Actions' (packgen writes \"You said, we did\" there)",
        "planning.xlsx: the name 'EventDate' is missing; define it (Formulas > Name Manager) on the"
        " Overview cell that should hold the hub's first date, which the checklist's due dates"
        " count back from",
    ]


def test_check_template_reports_a_file_that_is_not_a_workbook(tmp_path, example_context):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(b"PK not really")
    [message] = check_template(path, example_context)
    assert message.startswith("planning.xlsx: cannot be opened as an Excel workbook (.xlsx): ")


def test_a_placeholder_that_fails_while_filling_is_a_template_error(tmp_path, example_config,
                                                                     example_context):
    workbook = openpyxl.load_workbook(template_path("planning"))
    workbook["Overview"]["B6"] = "{{ title + 1 }}"
    path = tmp_path / "planning.xlsx"
    workbook.save(path)
    message = ("planning.xlsx, sheet 'Overview', cell B6: the placeholder text '{{ title + 1 }}'"
               " cannot be filled: can only concatenate str (not \"int\") to str")
    assert check_template(path, example_context) == [message]
    with pytest.raises(TemplateError) as raised:
        render_planning(example_config.event, example_context, path)
    assert raised.value.problems == [message]


# --- LibreOffice -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def to_xlsx(tmp_path_factory):
    """Return a function re-saving a workbook with LibreOffice, which computes its formulas."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed; run 'make test', which installs it")
    profile = tmp_path_factory.mktemp("lo-profile-xlsx")
    # LibreOffice takes the values a workbook stores as they are; told to recalculate every
    # workbook it opens, it computes each formula itself, so its values can be compared with ours.
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD, encoding="utf-8")

    def convert(workbook: Path) -> Path:
        outdir = workbook.parent / "lo"
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "xlsx", "--outdir", str(outdir), str(workbook)],
            capture_output=True, text=True, timeout=180,
        )
        converted = outdir / workbook.name
        assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
        return converted

    return convert


RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
</oor:items>
"""
"""LibreOffice's setting "Recalculation on file load, Excel 2007 and newer: Always recalculate"."""


def computed(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LibreOffice's extensions openpyxl does not read
        return openpyxl.load_workbook(path, data_only=True)


@pytest.mark.libreoffice
def test_libreoffice_prints_the_workbook_with_the_hub_title(tmp_path, example_bytes, libreoffice):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    text = libreoffice(path)
    assert "Trust and confidence Innovation Hub" in text
    assert "Send the \"You said, we did\" update to attendees" in text
    assert "£4,550.00" in text


def formula_values(workbook: bytes | Path) -> dict[str, dict[str, tuple[str, Any]]]:
    """Return every formula cell's stored value by sheet and cell, read from the sheet XML: its
    type ('str' for text, 'n' for a number) and the value (text, or a number to 15 significant
    digits, as many as LibreOffice writes: 1000.1+0.2+12.5 is 1012.8000000000001 in Excel and
    in Python, 1012.8 in LibreOffice's file)."""
    source = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    values: dict[str, dict[str, tuple[str, Any]]] = {}
    with zipfile.ZipFile(source) as archive:
        targets = {rel.get("Id"): rel.get("Target").lstrip("/").removeprefix("xl/")
                   for rel in etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))}
        for sheet in etree.fromstring(archive.read("xl/workbook.xml")).iterfind(".//m:sheet", NS):
            title, target = sheet.get("name"), targets[sheet.get(f"{{{NS['r']}}}id")]
            root = etree.fromstring(archive.read(f"xl/{target}"))
            for cell in root.iterfind(".//m:c[m:f]", NS):
                kind = cell.get("t", "n")
                text = cell.findtext("m:v", default=None, namespaces=NS)
                if kind == "str":
                    value = text or ""
                else:
                    value = None if text in (None, "") else float(f"{float(text):.15g}")
                values.setdefault(title, {})[cell.get("r")] = (kind, value)
    return values


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def hub_with_every_kind_of_value(tmp_path: Path) -> Path:
    """Return a config whose workbook's formulas come to every kind of value packgen writes."""
    data = example_data()
    data["checklist"] = [{"item": "Book a venue", "weeks_before": 8},
                         {"item": "Half a week", "weeks_before": 0.5},
                         {"item": "After", "weeks_before": -1.5},
                         {"item": "A day", "weeks_before": 0.14}]
    data["budget"] = {"total": 1012.8,  # the estimates' sum, which float after float misses
                      "lines": [{"item": "Venue", "estimate": 1000.1, "actual": 0.2},
                                {"item": "Food", "estimate": 0.2, "actual": 0.1},
                                {"item": "Vouchers", "estimate": 12.5}]}
    data["risks"] = [{"hazard": hazard, "likelihood": likelihood, "severity": 5}
                     for hazard, likelihood in (("Fire", 3), ("Crowding", 2), ("Spills", 1))]
    return write_config(tmp_path / "every", data)


@pytest.mark.libreoffice
def test_libreoffice_recalculates_every_stored_value_alike(tmp_path, hostile_config, to_xlsx):
    configs = {"example": load_config(example_folder() / "hub.yaml"), "hostile": hostile_config,
               "every": load_config(hub_with_every_kind_of_value(tmp_path))}
    for name, config in configs.items():
        path = tmp_path / name / "planning.xlsx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(render(config))
        ours, theirs = formula_values(path), formula_values(to_xlsx(path))
        assert {f"{title}!{cell}" for title, cells in ours.items() for cell in cells} == formula_cells(
            open_bytes(path.read_bytes()))
        assert ours == theirs, name
        assert all(value is not None for cells in ours.values() for _, value in cells.values())


@pytest.mark.libreoffice
def test_libreoffice_counts_the_names_in_a_table_not_its_blank_lines(tmp_path, example_bytes, to_xlsx):
    typed = {
        4: "Adaeze Okonkwo\n\nMarcus Campbell",  # a blank line between two names
        5: "\nAdaeze Okonkwo\n  \nMarcus Campbell\n\n",  # blank lines around, one of spaces
        6: "Adaeze Okonkwo\r\nMarcus Campbell\r\n Zainab Ahmed ",  # pasted with Windows line ends
        7: " \n \n",
        8: "Zainab Ahmed",
    }
    workbook = open_bytes(example_bytes)
    for row, names in typed.items():
        workbook["Table plan"][f"D{row}"] = names
    path = tmp_path / "planning.xlsx"
    workbook.save(path)
    sizes = formula_values(to_xlsx(path))["Table plan"]
    assert {row: sizes[f"E{row}"] for row in typed} == {
        4: ("n", 2), 5: ("n", 2), 6: ("n", 3), 7: ("n", 0), 8: ("n", 1)}
    assert {row: ("n", xlsx.member_count(names)) for row, names in typed.items()} == {
        row: sizes[f"E{row}"] for row in typed}


@pytest.mark.libreoffice
def test_libreoffice_computes_the_formulas(tmp_path, example_bytes, example_config, to_xlsx):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    resaved = to_xlsx(path)
    book = computed(resaved)
    event = example_config.event
    assert book["Budget"]["B9"].value == sum(line.estimate for line in event.budget.lines) == 4550
    assert book["Budget"]["B11"].value == 450
    assert book["Budget"]["B12"].value == 0 and book["Budget"]["B13"].value is None
    due = [row[3] for row in book["Checklist"].iter_rows(min_row=FIRST, values_only=True)]
    assert due == [datetime.combine(due_date(event, item.weeks_before), time()) for item in event.checklist]
    assert due[0] == datetime(2021, 12, 17)
    for row, risk in enumerate(event.risks, start=FIRST):
        assert book["Risk assessment"][f"F{row}"].value == risk.likelihood * risk.severity
    assert book["Risk assessment"]["G4"].value == "Medium"
    assert captured_data(resaved) == {}  # saving in LibreOffice is not typing


@pytest.mark.libreoffice
def test_libreoffice_computes_attendees_costs_and_table_sizes_once_typed(tmp_path, example_bytes,
                                                                        to_xlsx):
    path = tmp_path / "planning.xlsx"
    workbook = open_bytes(example_bytes)
    for row in (4, 5, 6, 7):
        workbook["Invitations"][f"F{row}"] = "Attended"
    workbook["Budget"]["C5"] = 1000
    workbook["Table plan"]["D4"] = "Adaeze Okonkwo\nMarcus Campbell\nZainab Ahmed"
    workbook.save(path)
    book = computed(to_xlsx(path))
    budget = book["Budget"]
    assert (budget["B12"].value, budget["B13"].value) == (4, 4550 / 4)
    assert (budget["C9"].value, budget["C11"].value, budget["C13"].value) == (1000, 4000, 250)
    assert book["Table plan"]["E4"].value == 3 and book["Table plan"]["E5"].value == 0
    assert date(2022, 2, 25) == book["Overview"]["B10"].value.date()


def test_a_survey_with_no_pre_questions_leaves_pre_responses_without_score_columns(tmp_path):
    data = example_data()
    for question in data["evaluation"]["questions"]:
        question.pop("pre", None)
    book = open_bytes(render(load_config(write_config(tmp_path / "hub", data))))
    sheet = book["Pre responses"]
    assert [c.value for c in sheet[3]] == [PRE_HEADERS[0], PRE_HEADERS[1], *PRE_HEADERS[-3:]]
    assert validations(sheet) == {
        f"B4:B{LAST_CHECKED}": ("list", "Lists!$A$4:$A$14", None, None),
        f"E4:E{LAST_CHECKED}": ("list", '"Yes,No"', None, None),
    }


def test_session_notes_tables_list_ends_with_the_whole_room(book):
    from packgen.wording import WHOLE_ROOM

    sheet = book["Lists"]
    assert [sheet.cell(row=r, column=2).value for r in range(4, 10)] == [
        "Table 1", "Table 2", "Table 3", "Table 4", "Table 5", WHOLE_ROOM]
