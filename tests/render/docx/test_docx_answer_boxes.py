"""The forms' answer boxes (packgen.render.docx.answer_boxes): tagged, numbered, one per answer."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from packgen.results.forms import read_controls
from tests.render.docx.form_helpers import (
    TEXT_FIELDS,
    body_texts,
    controls,
    render,
    render_bytes,
    stage_questions,
)


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_every_question_has_eleven_tick_boxes_tagged_id_equals_score(example_context, stage):
    document = render(example_context, stage)
    found = controls(document)

    for question in stage_questions(example_context, stage):
        boxes = [tag for tag, kind in found if kind == "checkbox" and tag.startswith(f"{question['id']}=")]
        assert boxes == [f"{question['id']}={n}" for n in range(11)]
    texts = body_texts(document)
    numbers = [str(n) for n in range(11)]
    assert sum(texts[i:i + 11] == numbers for i in range(len(texts))) == len(stage_questions(example_context, stage))


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_has_one_sector_box_per_sector_then_a_consent_box(example_context, stage):
    document = render(example_context, stage)
    boxes = [tag for tag, kind in controls(document) if kind == "checkbox" and "=" in tag and tag.startswith("sector=")]

    assert boxes == [f"sector={sector}" for sector in example_context["sectors"]]
    assert [tag for tag, kind in controls(document) if kind == "checkbox"][-1] == "consent"
    texts = body_texts(document)
    for sector in example_context["sectors"]:
        assert f"\u2610\t{sector}" in texts


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_form_has_the_text_boxes_of_its_stage(example_context, stage):
    document = render(example_context, stage)
    text_controls = [tag for tag, kind in controls(document) if kind == "text"]

    assert set(text_controls) == TEXT_FIELDS[stage] and len(text_controls) == len(TEXT_FIELDS[stage])
    assert {tag: value for tag, value in read_controls(render_bytes(example_context, stage)).items()
            if tag in TEXT_FIELDS[stage]} == dict.fromkeys(TEXT_FIELDS[stage], "")


def test_content_control_ids_are_unique(example_context):
    document = render(example_context, "post")
    ids = [p.find(qn("w:id")).get(qn("w:val")) for p in document.element.body.iter(qn("w:sdtPr"))]

    # the personal code, 6 questions of 11 boxes, 11 sectors, consent, 6 other text boxes
    assert len(ids) == len(set(ids)) == 1 + 6 * 11 + 11 + 1 + 6
