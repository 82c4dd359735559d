"""Hostile text in every free-text field of the config never breaks an artefact.

Property-based: hypothesis generates arbitrary Unicode mixed with markup, template syntax,
formula prefixes, control characters and very long strings; for each, the four artefacts build,
reopen with their libraries, hold the text exactly as the config loaded it, and no workbook cell is
a formula unless the template put it there.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from conftest import example_data, write_config
from packgen.config import load_config
from packgen.stages.pack import PLANNING, POST_FORM, PRE_FORM, PRESENTATION, render_pack
from packgen.text import clean_text

PIECES = ["&", "<", ">", '"', "'", "<b>bold</b>", "<script>alert(1)</script>", "{{ 7*7 }}", "{% if x %}",
          "{#", "=SUM(A1:A2)", "+44", "-1", "@cmd", "\t", "\r\n", "\n", "\x07", "\x1b", "\ufffe",
          "ليلى حداد", "عمران قریشی", "রহিম উদ্দিন", "Wiśniewska", "🙂", "\u202e", "file:///etc/passwd",
          "http://169.254.169.254/", "data:text/html,<b>x</b>", "]]>", "&amp;", "\\", "%s", "${x}"]

hostile_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), min_size=1, max_size=12
).map("".join)


def formula_cells(data: bytes) -> set[tuple[str, str]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {(sheet.title, cell.coordinate) for sheet in workbook.worksheets for row in sheet.iter_rows()
            for cell in row if cell.data_type == "f"}


@pytest.fixture(scope="module")
def template_formulas(tmp_path_factory) -> set[tuple[str, str]]:
    """The formula cells of the example's workbook: the only formulas allowed."""
    files, _ = render_pack(load_config(write_config(tmp_path_factory.mktemp("base"), example_data())))
    return formula_cells(files[PLANNING])


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return "\n".join(parts)


def pptx_text(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    parts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    parts += [cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
              for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts).replace("\v", "\n")


def xlsx_values(data: bytes) -> list[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str)]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=hostile_text, question=hostile_text, facilitator=hostile_text, notes=hostile_text)
def test_hostile_config_text_comes_out_exactly_in_every_artefact(tmp_path_factory, template_formulas,
                                                                  title, question, facilitator, notes):
    data = example_data()
    data["title"] = "T" + title  # never blank: a title is required
    data["focal_question"] = "Q" + question
    data["tables"][0]["facilitator"] = facilitator
    data["venue"]["access_notes"] = notes
    loaded = load_config(write_config(tmp_path_factory.mktemp("hostile"), data))
    event = loaded.event
    assert event.title == clean_text(data["title"])[0].strip()
    files, _ = render_pack(loaded)

    for name in (PRE_FORM, POST_FORM):
        text = docx_text(files[name])
        assert event.title in text and event.focal_question in text, name
    deck = pptx_text(files[PRESENTATION])
    assert event.title in deck and event.focal_question in deck
    if event.table_list[0].facilitator:
        assert event.table_list[0].facilitator in deck
    values = xlsx_values(files[PLANNING])
    assert event.title in values and event.venue.access_notes in values + [""]
    assert formula_cells(files[PLANNING]) == template_formulas
    if "{{ 7*7 }}" in data["title"]:
        assert "{{ 7*7 }}" in event.title


@pytest.mark.libreoffice
def test_the_hostile_pack_opens_in_libreoffice(tmp_path, libreoffice):
    from conftest import HOSTILE_TITLE, hostile_data

    loaded = load_config(write_config(tmp_path / "cfg", hostile_data()))
    files, _ = render_pack(loaded)
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        text = " ".join(libreoffice(tmp_path / name).split())
        assert "Trust & <confidence>" in text, name
        assert "{{ 7*7 }}" in text or name == PLANNING and HOSTILE_TITLE[:20] in text, name


@pytest.mark.libreoffice
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=hostile_text)
def test_a_sample_of_hostile_packs_opens_in_libreoffice(tmp_path_factory, libreoffice, title):
    data = example_data()
    data["title"] = "Hub " + title
    folder = tmp_path_factory.mktemp("lo")
    files, _ = render_pack(load_config(write_config(folder / "cfg", data)))
    for name, content in files.items():
        (folder / name).write_bytes(content)
        text = " ".join(libreoffice(folder / name).split())
        assert "Hub" in text, name


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_hostile_text_in_every_other_free_text_field_builds_and_stays_text(tmp_path_factory, template_formulas,
                                                                          text):
    value = "X" + text  # required fields may not be blank
    data = example_data()
    data["contacts"][0]["role"] = value
    data["sessions"][0]["prompt"] = value
    data["sessions"][0]["report_back"] = value
    data["breaks"][0]["name"] = value
    data["privacy_notice"] = value
    data["incentives"] = value
    data["opening"]["mc"] = value
    data["close"]["by"] = value
    data["venue"]["name"] = value
    data["invitees"] = [{"name": value, "organisation": value, "sector": "Resident", "needs": value}]
    data["budget"]["lines"][0]["item"] = value
    data["checklist"] = [{"item": value, "owner": value, "weeks_before": 2}]
    data["risks"] = [{"hazard": value, "who": value, "controls": value, "likelihood": 2, "severity": 3}]
    data["evaluation"]["questions"][0]["pre"] = value
    data["evaluation"]["questions"][0]["low_label"] = value
    loaded = load_config(write_config(tmp_path_factory.mktemp("fields"), data))
    expected = clean_text(value)[0].strip()
    assert loaded.event.privacy_notice == expected
    files, _ = render_pack(loaded)
    assert expected in docx_text(files[PRE_FORM])  # privacy notice, question wording, venue
    assert expected in pptx_text(files[PRESENTATION])  # session prompt, venue, contacts
    values = xlsx_values(files[PLANNING])
    assert values.count(expected) >= 5  # invitee, budget item, checklist, risk, contact...
    formulas = formula_cells(files[PLANNING])
    assert formulas - template_formulas == set()


def test_a_title_longer_than_any_document_property_builds_and_is_printed_whole(tmp_path):
    data = example_data()
    data["title"] = "Hub " * 74 + "Hub"  # 299 characters; a document property holds 255
    files, _ = render_pack(load_config(write_config(tmp_path, data)))

    titles = [Document(io.BytesIO(files[PRE_FORM])).core_properties.title,
              Document(io.BytesIO(files[POST_FORM])).core_properties.title,
              Presentation(io.BytesIO(files[PRESENTATION])).core_properties.title]
    assert titles == ["Before the hub: " + "Hub " * 58 + "Hub…", "After the hub: " + "Hub " * 58 + "Hub…",
                      "Hub " * 62 + "Hub…"]
    assert data["title"] in docx_text(files[PRE_FORM]) and data["title"] in docx_text(files[POST_FORM])
    assert data["title"] in pptx_text(files[PRESENTATION])
    assert data["title"] in xlsx_values(files[PLANNING])
