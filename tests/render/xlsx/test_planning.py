"""The planning workbook as a whole: its sheets, views, printing and calculation."""

from __future__ import annotations

import openpyxl
import pytest

from packgen.render.xlsx import render_planning
from packgen.resources import template_path

from .books import SHEETS, LAST_CHECKED, open_bytes, rows, validations


def test_every_sheet_is_present_in_order_with_lists_hidden_and_record_very_hidden(book):
    assert book.sheetnames == SHEETS
    states = {sheet.title: sheet.sheet_state for sheet in book.worksheets}
    assert states.pop("Lists") == "hidden"
    assert states.pop("packgen record") == "veryHidden"
    assert set(states.values()) == {"visible"}


def test_workbook_asks_excel_and_libreoffice_to_calculate_on_opening(book):
    assert book.calculation.fullCalcOnLoad is True


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


@pytest.mark.libreoffice
def test_libreoffice_prints_the_workbook_with_the_hub_title(tmp_path, example_bytes, libreoffice):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    text = libreoffice(path)
    assert "Trust and confidence Innovation Hub" in text
    assert "Send the \"You said, we did\" update to attendees" in text
    assert "£4,550.00" in text

