"""The planning workbook's layout (packgen.workbook_layout): writer and reader take it from one place."""

from __future__ import annotations

import io

import openpyxl
import pytest

from packgen import workbook_layout as layout
from packgen.context import build_context
from packgen.output_guards import captured_data
from packgen.render.xlsx import render_planning
from packgen.resources import template_path
from packgen.results import Sources, ingest
from packgen.results.entry import entry_headers

HOPES = "What are you hoping for from today?"


def planning_workbook(loaded) -> openpyxl.Workbook:
    data = render_planning(loaded.event, build_context(loaded.event), template_path("planning"))
    return openpyxl.load_workbook(io.BytesIO(data))


def header_row(sheet) -> list:
    return [cell.value for cell in sheet[3] if cell.value is not None]


def type_a_form(sheet, answers: dict[str, object]) -> None:
    """Type one pre-event form into the capture sheet's first row, each answer under its heading."""
    columns = {value: number for number, value in enumerate(header_row(sheet), start=1)}
    for heading, value in answers.items():
        sheet.cell(4, columns[heading], value)


def read_back(workbook: openpyxl.Workbook, path, loaded):
    workbook.save(path)
    return ingest(loaded, Sources(workbook=path))


def test_a_heading_renamed_in_the_layout_is_written_and_read_together(example_config, tmp_path, monkeypatch):
    monkeypatch.setitem(layout.HEADINGS, "hopes", HOPES)
    workbook = planning_workbook(example_config)
    sheet = workbook[layout.PRE_RESPONSES]
    assert header_row(sheet)[-3:] == [HOPES, "Anything else you would like to tell us?",
                                      "Yes, please send me the \u2018You said, we did\u2019 update."]
    type_a_form(sheet, {"Your personal code": "AB12", HOPES: "Better trust"})
    dataset = read_back(workbook, tmp_path / "planning.xlsx", example_config)
    assert [(r.code, r.answers) for r in dataset.pre] == [("AB12", {"hopes": "Better trust"})]
    assert [i.message for i in dataset.issues if i.kind == "unknown_column"] == []
    assert entry_headers(example_config.event, "pre")[-4] == HOPES  # the typing-in sheet too


def test_a_workbook_headed_as_an_earlier_packgen_wrote_it_is_still_read(example_config, tmp_path):
    workbook = planning_workbook(example_config)
    sheet = workbook[layout.PRE_RESPONSES]
    earlier = {layout.heading(field): names[0] for field, names in layout.EARLIER_HEADINGS.items()}
    for cell in sheet[3]:
        cell.value = earlier.get(cell.value, cell.value)
    assert header_row(sheet)[:2] + header_row(sheet)[-3:] == [
        "Personal code", "Sector", "Hopes", "Comments", "Consent to contact"]
    type_a_form(sheet, {"Personal code": "AB12", "Sector": "Resident", "Hopes": "Better trust",
                        "Consent to contact": "Yes"})
    dataset = read_back(workbook, tmp_path / "planning.xlsx", example_config)
    assert [(r.code, r.sector, r.answers, r.consent) for r in dataset.pre] == [
        ("AB12", "Resident", {"hopes": "Better trust"}, True)]
    assert captured_data(tmp_path / "planning.xlsx") == {layout.PRE_RESPONSES: 1}


def test_a_template_with_earlier_headings_is_written_with_today_s(example_config, tmp_path):
    template = tmp_path / "planning.xlsx"
    book = openpyxl.load_workbook(template_path("planning"))
    for cell in book[layout.PRE_RESPONSES][3]:
        cell.value = {"Your personal code": "Personal code", "Consent to contact": "Consent to contact"}.get(
            cell.value, cell.value)
    book[layout.PRE_RESPONSES]["A3"] = "Personal code"
    book.save(template)
    data = render_planning(example_config.event, build_context(example_config.event), template)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[layout.PRE_RESPONSES]
    assert header_row(sheet)[0] == "Your personal code"


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_the_entry_sheet_is_headed_and_named_as_the_capture_sheet(example_config, stage):
    from packgen.results.entry import entry_sheet

    book = openpyxl.load_workbook(io.BytesIO(entry_sheet(example_config.event, stage, ".xlsx")))
    assert book.sheetnames == [layout.CAPTURE_SHEETS[stage]]
    written = planning_workbook(example_config)[layout.CAPTURE_SHEETS[stage]]
    questions = [q.id for q in example_config.event.evaluation.questions if getattr(q, stage)]
    fields = [h for h in header_row(written) if h.split(":")[0] not in questions]  # the forms' fields
    entry = [cell.value for cell in book.active[1]]
    assert fields == [h for h in entry if h in fields]
    assert fields == [layout.heading(f) for f in layout.CAPTURE_FIELDS[stage] if f != layout.QUESTION_SCORES]
    assert [h for h in entry if h not in fields] == [
        *(q.pre if stage == "pre" else q.post for q in example_config.event.evaluation.questions if getattr(q, stage)),
        "Email or postal address for the update"]
