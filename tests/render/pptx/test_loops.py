"""Repeated slides and table rows (packgen.render.pptx.loops)."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from packgen.errors import TemplateError
from decks import CANNOT_FILL, LOGO, render, slide_texts, notes, tiny_template, context_with


def test_repeated_slide_with_an_image_keeps_its_image(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    slide.shapes.add_picture(str(LOGO), Inches(1), Inches(4), Inches(3))
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.text = "{{ session.title }}"
    slide.notes_slide.notes_text_frame.text = "{% for session in sessions %}\nSay: {{ session.prompt }}"
    presentation.slides.add_slide(presentation.slide_layouts[6]).shapes.add_textbox(
        Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.text = "After"
    path = tmp_path / "repeat.pptx"
    presentation.save(path)

    rendered = render(example_context, path)

    assert [slide_texts(s)[0] for s in rendered.slides] == [
        *(s["title"] for s in example_context["sessions"]), "After",
    ]
    for slide, session in zip(rendered.slides, example_context["sessions"]):
        picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        assert picture.image.blob == LOGO.read_bytes()
        assert notes(slide) == f"Say: {session['prompt']}"


def test_a_loop_closed_within_its_paragraph_does_not_repeat_the_slide(example_context, tmp_path):
    path = tiny_template(
        tmp_path, ["{% for s in sessions %}{{ s.number }}. {% endfor %}"],
        notes_text="{% for s in sessions %}{{ s.title }}; {% endfor %}",
    )

    rendered = render(example_context, path)

    assert len(rendered.slides) == 1
    assert slide_texts(rendered.slides[0]) == ["1. 2. 3. "]
    assert notes(rendered.slides[0]) == (
        "What has got us to this point?; Solutions and ideas; Our top three to try; "
    )


def test_repeated_slide_for_an_empty_list_is_removed(tmp_path):
    context = context_with(tmp_path, breaks=[])
    titles = [s.shapes.title.text for s in render(context).slides]

    assert not [t for t in titles if t.startswith("Break")]
    assert len(titles) == 11


def test_table_row_repeats_once_per_item(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    table = slide.shapes.add_table(3, 2, Inches(1), Inches(1), Inches(8), Inches(1.2)).table
    for column, (head, body, foot) in enumerate(
        [("Name", "{% for c in contacts %}{{ c.name }}", "Total"), ("Email", "{{ c.email }}", "{{ contacts | length }}")]
    ):
        table.cell(0, column).text, table.cell(1, column).text, table.cell(2, column).text = head, body, foot
    path = tmp_path / "rows.pptx"
    presentation.save(path)

    rows = [[c.text for c in row.cells] for row in render(example_context, path).slides[0].shapes[0].table.rows]

    assert rows == [["Name", "Email"]] + [
        [c["name"], c["email"]] for c in example_context["contacts"]
    ] + [["Total", "2"]]


def test_render_raises_template_error_for_a_repeat_over_an_unknown_list(example_context, tmp_path):
    path = tiny_template(tmp_path, ["{{ s }}"], notes_text="{% for s in sesions %}")

    with pytest.raises(TemplateError) as raised:
        render(example_context, path)

    assert str(raised.value) == f"tiny.pptx, slide 1, speaker notes: 'sesions' is undefined; {CANNOT_FILL}"

