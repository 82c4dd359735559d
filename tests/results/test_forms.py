import zipfile

import pytest

from conftest import tick_and_type
from packgen.context import build_context
from packgen.errors import ResultsError
from packgen.render.docx import render_form
from packgen.resources import template_path
from packgen.results import Sources, ingest
from packgen.results.forms import read_controls


def blank_form(config, stage: str) -> bytes:
    context = build_context(config.event)
    return render_form(context, stage, template_path(f"{stage}-event-form"), None)


def test_read_controls_reads_ticks_and_typed_text(example_config, tmp_path):
    filled = tick_and_type(blank_form(example_config, "post"), ["trust=7", "sector=Resident", "consent"],
                           {"personal_code": ["M2314"], "takeaway_2": ["Listen first", "then act & <report>"]})
    path = tmp_path / "returned.docx"
    path.write_bytes(filled)
    answers = read_controls(path)
    assert answers["trust=7"] is True and answers["trust=8"] is False
    assert answers["sector=Resident"] is True and answers["sector=Business"] is False
    assert answers["consent"] is True
    assert answers["personal_code"] == "M2314"
    assert answers["takeaway_2"] == "Listen first\nthen act & <report>"
    assert answers["takeaway_1"] == "" and answers["comments"] == ""
    assert read_controls(filled) == answers


def test_read_controls_refuses_entity_declarations(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
                         '<d>&a;</d>')
    with pytest.raises(ResultsError) as error:
        read_controls(path)
    assert str(error.value) == f"{path}: the Word file is damaged or unsafe to read (DTDForbidden)"


def test_read_controls_refuses_a_file_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("just text")
    with pytest.raises(ResultsError) as error:
        read_controls(path)
    assert str(error.value) == f"{path}: the file is not a .docx file (it looks like CSV text; rename it to .csv)"


def test_returned_forms_in_a_folder_are_one_source(example_config, tmp_path):
    folder = tmp_path / "returned"
    folder.mkdir()
    blank = blank_form(example_config, "post")
    (folder / "a.docx").write_bytes(tick_and_type(blank, ["trust=9", "return=10", "sector=Business", "consent"],
                                                  {"personal_code": ["ab12"], "next_steps": ["Meet again"]}))
    (folder / "b.docx").write_bytes(tick_and_type(blank, ["trust=3", "trust=4"], {"personal_code": ["CD34"]}))
    dataset = ingest(example_config, Sources(post=[folder]))
    assert [(s.kind, s.forms) for s in dataset.sources] == [("returned-forms", 2)]
    first, second = dataset.post
    assert (first.code, first.scores, first.sector, first.consent, first.answers) == (
        "ab12", {"trust": 9, "return": 10}, "Business", True, {"next_steps": "Meet again"})
    assert second.scores == {}
    assert [str(i) for i in dataset.issues] == [
        f"{folder / 'b.docx'}, answer 'trust': 2 boxes are ticked (3, 4); the answer is not used"]


def test_a_word_file_that_is_not_a_form_is_reported(example_config, tmp_path):
    from docx import Document

    path = tmp_path / "letter.docx"
    Document().save(path)
    dataset = ingest(example_config, Sources(pre=[path]))
    assert dataset.pre == []
    assert [str(i) for i in dataset.issues] == [
        f"{path}: holds none of the pre-event form's answer boxes; is it the right form?"]
