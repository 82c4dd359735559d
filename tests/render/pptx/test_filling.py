"""Filling placeholders in shapes, groups and notes (packgen.render.pptx.filling)."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Inches

from packgen.errors import TemplateError
from conftest import HOSTILE_FOCAL, HOSTILE_TITLE
from decks import CANNOT_FILL, render, notes, all_text, tiny_template


def test_hostile_strings_come_out_exactly_and_are_never_evaluated(hostile_context):
    presentation = render(hostile_context)
    text = all_text(presentation)

    assert presentation.slides[0].shapes.title.text == HOSTILE_TITLE
    # python-pptx reads a line break inside a paragraph back as a vertical tab
    assert HOSTILE_FOCAL.replace("\n", "\v") in text
    assert "What got us here? {{ config }} {% for x in y %}{% endfor %}" in text
    assert "=HYPERLINK(\"http://example.com\",\"x\")" in text
    for value in ("+44 20 7946 0000", "-1", "@SUM(A1:A2)", "=1+1"):
        assert value in text
    # {{ 7*7 }} printed as typed, exactly where the title is printed (evaluated, it would read 49)
    assert [line for line in text.splitlines() if "7*7" in line] == [HOSTILE_TITLE]
    assert HOSTILE_TITLE.endswith("'day' {{ 7*7 }} {% if x %}")


def test_paragraph_without_placeholder_is_untouched(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    paragraph = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.paragraphs[0]
    for text in ("Plain ", "two runs"):
        paragraph.add_run().text = text
    path = tmp_path / "plain.pptx"
    presentation.save(path)

    runs = render(example_context, path).slides[0].shapes[0].text_frame.paragraphs[0].runs

    assert [run.text for run in runs] == ["Plain ", "two runs"]


def test_placeholders_in_groups_and_notes_are_filled(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1)).text_frame.text = "{{ bcu }}"
    slide.notes_slide.notes_text_frame.text = "Opens at {{ opening.time }}"
    path = tmp_path / "group.pptx"
    presentation.save(path)

    rendered = render(example_context, path).slides[0]

    assert rendered.shapes[0].shapes[0].text_frame.text == "Central South BCU"
    assert notes(rendered) == "Opens at 10am"


def test_render_raises_template_error_naming_file_slide_and_shape(example_context, tmp_path):
    path = tiny_template(tmp_path, ["Welcome to {{ venu }}"])

    with pytest.raises(TemplateError) as raised:
        render(example_context, path)

    assert str(raised.value) == f"tiny.pptx, slide 1, shape 'Body': 'venu' is undefined; {CANNOT_FILL}"


def test_render_raises_template_error_for_a_sandbox_refusal(example_context, tmp_path):
    path = tiny_template(tmp_path, ["{{ title.__class__.__mro__ }}"])

    with pytest.raises(TemplateError, match=r"^tiny\.pptx, slide 1, shape 'Body': the placeholder text"):
        render(example_context, path)

