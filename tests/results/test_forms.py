import zipfile

import pytest

from conftest import example_data, tick_and_type, write_config
from packgen.config import load_config
from packgen.context import build_context
from packgen.errors import ResultsError
from packgen.render.docx import render_form
from packgen.resources import template_path
from packgen.results import Sources, ingest
from packgen.results.forms import read_controls, read_returned_form


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


# -- forms saved by LibreOffice, stray text, the stage and hub a form is for ------------------------

FILLED_TICKS = {"pre": ["trust=7", "awareness=0", "heard=10", "join=3", "sector=Young person (under 25)", "consent"],
                "post": ["trust=9", "recommend=10", "return=2", "sector=Business"]}
FILLED_TEXT = {"pre": {"personal_code": ["M2314"], "hopes": ["A plan with dates"],
                       "contact_details": ["me@example.com"]},
               "post": {"personal_code": ["M2314"], "takeaway_3": ["Panels are open to all"],
                        "next_steps": ["Meet again & <report>"], "comments": ["Thanks"]}}
EXPECTED = {"pre": ("M2314", {"trust": 7, "awareness": 0, "heard": 10, "join": 3}, "Young person (under 25)", True,
                    {"hopes": "A plan with dates", "contact_details": "me@example.com"}),
            "post": ("M2314", {"trust": 9, "recommend": 10, "return": 2}, "Business", False,
                     {"takeaway_3": "Panels are open to all", "next_steps": "Meet again & <report>",
                      "comments": "Thanks"})}


def filled_form(config, stage: str, folder, name: str | None = None):
    path = folder / (name or f"{stage}-returned.docx")
    path.write_bytes(tick_and_type(blank_form(config, stage), FILLED_TICKS[stage], FILLED_TEXT[stage]))
    return path


def read(config, path, stage: str):
    issues = []
    response = read_returned_form(path, config.event, stage, issues)
    answers = response and (response.code, response.scores, response.sector, response.consent, response.answers)
    return answers, [str(issue) for issue in issues]


@pytest.mark.libreoffice
@pytest.mark.parametrize("stage", ["pre", "post"])
def test_a_form_saved_by_libreoffice_keeps_every_answer(example_config, tmp_path, libreoffice_save, stage):
    saved = libreoffice_save(filled_form(example_config, stage, tmp_path))
    assert read_controls(saved).get(f"{FILLED_TICKS[stage][0]}") is True
    assert read(example_config, saved, stage) == (EXPECTED[stage], [])


@pytest.mark.libreoffice
def test_a_form_saved_by_libreoffice_still_says_its_stage(example_config, tmp_path, libreoffice_save):
    saved = libreoffice_save(filled_form(example_config, "post", tmp_path))
    assert read(example_config, saved, "pre") == (None, [
        f"{saved}: is a post-event form, given as a pre-event form; not counted (give it with --post)"])


def test_a_form_of_the_other_stage_is_reported_not_counted(example_config, tmp_path):
    path = filled_form(example_config, "pre", tmp_path)
    assert read(example_config, path, "post") == (None, [
        f"{path}: is a pre-event form, given as a post-event form; not counted (give it with --pre)"])
    dataset = ingest(example_config, Sources(post=[tmp_path]))
    assert dataset.post == [] and [(s.kind, s.forms) for s in dataset.sources] == [("returned-forms", 0)]


def test_a_form_of_another_hub_is_reported_not_counted(example_config, tmp_path):
    path = filled_form(example_config, "post", tmp_path)
    data = example_data()
    data["bcu"] = "North BCU"
    other = load_config(write_config(tmp_path / "north", data))
    assert read(other, path, "post") == (None, [
        f"{path}: is a form of another hub ('central-south-bcu-2022-02-25'; this hub is"
        " 'north-bcu-2022-02-25'); not counted"])


def test_a_form_that_lost_its_marks_is_read_and_reported(example_config, tmp_path):
    path = filled_form(example_config, "post", tmp_path)
    _drop_part(path, "docProps/custom.xml")
    assert read(example_config, path, "post") == (EXPECTED["post"], [
        f"{path}: does not say which hub and form it is (its document properties 'packgen form' and"
        " 'packgen event' are gone); read as a post-event form of this hub"])


def test_text_typed_outside_the_answer_boxes_is_reported_where_it_is(example_config, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    path = filled_form(example_config, "pre", tmp_path, "returned-form-3.docx")
    document = Document(path)
    body = document.element.body
    second_question = [t for t in body.iter(qn("w:tbl")) if "2. How much do you know" in "".join(t.itertext())][0]
    typed = document.add_paragraph("I would say 6, maybe 7")._p
    second_question.addnext(typed)
    sector_cell = next(c for c in body.iter(qn("w:tc")) if "Council" in "".join(c.itertext()))
    sector_cell.findall(qn("w:p"))[0].append(document.add_paragraph(" or Health too")._p.find(qn("w:r")))
    document.save(path)
    answers, issues = read(example_config, path, "pre")
    assert answers == EXPECTED["pre"]
    assert issues == [
        f"{path}: under question 2 ('How much do you know about the ways t...'): text typed outside the"
        " answer boxes: 'I would say 6, maybe 7'; not read (type answers inside the boxes)",
        f"{path}: under 'About you': text typed outside the answer boxes: 'or Health too'; not read"
        " (type answers inside the boxes)",
    ]


def _drop_part(path, name: str) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist() if n != name}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)


def test_text_of_a_forces_own_template_or_a_reworded_config_is_not_taken_for_typed_text(example_config, tmp_path):
    from docx import Document

    template = tmp_path / "pre-event-form.docx"
    document = Document(template_path("pre-event-form"))
    document.add_paragraph("Our own words: the force's promise to every attendee.")
    document.save(template)
    blank = render_form(build_context(example_config.event), "pre", template, None)
    path = tmp_path / "returned.docx"
    path.write_bytes(tick_and_type(blank, FILLED_TICKS["pre"], FILLED_TEXT["pre"]))
    data = example_data()
    data["purpose"] = "A purpose reworded after the forms were printed."
    reworded = load_config(write_config(tmp_path / "reworded", data))
    assert read(example_config, path, "pre") == (EXPECTED["pre"], [])
    assert read(reworded, path, "pre") == (EXPECTED["pre"], [])


def test_a_form_without_its_record_of_printed_text_is_compared_with_packgens_own(example_config, tmp_path):
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    path = filled_form(example_config, "post", tmp_path)
    document = Document(path)
    records = [rId for rId, rel in document.part.rels.items()
               if rel.reltype == RT.CUSTOM_XML and b"urn:packgen:blank-form" in rel.target_part.blob]
    assert len(records) == 1
    del document.part.rels[records[0]]
    document.add_paragraph("Typed at the end")
    document.save(path)
    assert read(example_config, path, "post") == (EXPECTED["post"], [
        f"{path}: under 'Hearing what happens next': text typed outside the answer boxes: 'Typed at the end';"
        " not read (type answers inside the boxes)"])


def _strip_tags_and_titles(path, drop_box: str | None = None) -> None:
    """Remove every answer box's tag and title, as an office keeping neither would; and the box
    tagged ``drop_box`` altogether."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(path)
    for properties in list(document.element.body.iter(qn("w:sdtPr"))):
        tag = properties.find(qn("w:tag"))
        if drop_box and tag.get(qn("w:val")) == drop_box:
            sdt = properties.getparent()
            sdt.getparent().remove(sdt)
            continue
        for element in (tag, properties.find(qn("w:alias"))):
            properties.remove(element)
    document.save(path)


def test_boxes_with_no_tag_or_title_are_known_by_the_forms_recorded_layout(example_config, tmp_path):
    path = filled_form(example_config, "post", tmp_path)
    _strip_tags_and_titles(path)
    assert read(example_config, path, "post") == (EXPECTED["post"], [])


def test_boxes_known_by_nothing_on_a_form_that_lost_a_box_are_reported(example_config, tmp_path):
    path = filled_form(example_config, "post", tmp_path)
    _strip_tags_and_titles(path, drop_box="trust=0")
    answers, issues = read(example_config, path, "post")
    assert answers is None
    assert issues == [f"{path}: 84 answer box(es) have lost their tag and title, and the form no longer has the"
                      " boxes it was printed with; those answers are not read"]
