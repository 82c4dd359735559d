"""The template: opened once per run, checked, its placeholders and named cells filled."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from packgen.errors import TemplateError
from packgen.output import reproducible
from packgen.render.xlsx import check_template, render_planning
from packgen.render.xlsx import template as template_module
from packgen.resources import template_path
from packgen.store import TemplateStore

from .books import FIRST, open_bytes


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


def test_a_parsed_template_fills_each_workbook_as_a_fresh_parse_would(example_config, example_context,
                                                                      hostile_config, hostile_context):
    template, store = template_path("planning"), TemplateStore()
    render_planning(hostile_config.event, hostile_context, template, store)  # parses and keeps the template
    kept = reproducible(render_planning(example_config.event, example_context, template, store))
    fresh = reproducible(render_planning(example_config.event, example_context, template, TemplateStore()))

    assert kept == fresh
    assert store.made == 2  # the parsed template and the names it passed the check with, once each


def test_a_template_changed_on_disk_is_parsed_again(tmp_path, example_config, example_context):
    template, store = tmp_path / "planning.xlsx", TemplateStore()
    shutil.copy(template_path("planning"), template)
    render_planning(example_config.event, example_context, template, store)
    workbook = openpyxl.load_workbook(template)
    workbook["Overview"]["H1"] = "Restyled for {{ bcu }}"
    workbook.save(template)

    book = open_bytes(render_planning(example_config.event, example_context, template, store))

    assert book["Overview"]["H1"].value == f"Restyled for {example_context['bcu']}"
    assert store.made == 4  # the template and its check, made again for the edited file


def test_a_template_checked_in_a_run_is_parsed_once_for_its_workbook(example_config, example_context):
    template, store = template_path("planning"), TemplateStore()
    assert check_template(template, example_context, store) == []
    render_planning(example_config.event, example_context, template, store)
    assert store.made == 2  # the parsed template (shared), and the names the workbook was checked with


def test_without_a_store_each_call_parses_the_template_afresh(monkeypatch, example_config, example_context):
    parsed, load = [], template_module.load
    monkeypatch.setattr(template_module, "load", lambda path, read_only: parsed.append(path) or load(path, read_only))
    for _ in range(2):
        render_planning(example_config.event, example_context, template_path("planning"))
    assert parsed == [template_path("planning")] * 2


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

