"""Reading a template, the run's store, and check_template (packgen.render.pptx.template)."""

from __future__ import annotations

from io import BytesIO

import pytest
from pptx import Presentation
from pptx.util import Inches

from packgen.errors import TemplateError
from packgen.output import reproducible
from packgen.render.pptx import check_template, render_presentation
from packgen.resources import template_path
from packgen.store import TemplateStore
from decks import CANNOT_FILL, LOGO, render, tiny_template


def test_unreadable_template_raises_template_error(example_context, tmp_path):
    path = tmp_path / "broken.pptx"
    path.write_text("not a presentation", encoding="utf-8")

    with pytest.raises(TemplateError, match=r"^broken\.pptx: cannot be read as a PowerPoint \(\.pptx\) file"):
        render(example_context, path)


def test_check_template_returns_nothing_for_the_bundled_template(example_context, hostile_context):
    assert check_template(template_path("presentation"), example_context) == []
    assert check_template(template_path("presentation"), hostile_context) == []


def test_check_template_names_each_unknown_placeholder(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1))
    box.name = "Body"
    box.text_frame.text = "{{ venu }} and {{ venue.nme }}"
    table = slide.shapes.add_table(2, 1, Inches(1), Inches(3), Inches(4), Inches(1))
    table.name = "Plan"
    table.table.cell(1, 0).text = "{% for t in tables %}{{ t.facilitater }}"
    slide.notes_slide.notes_text_frame.text = "Say {{ mc }}"
    path = tmp_path / "unknown.pptx"
    presentation.save(path)

    assert check_template(path, example_context) == [
        f"unknown.pptx, slide 1, shape 'Body': 'venu' is undefined; {CANNOT_FILL}",
        f"unknown.pptx, slide 1, shape 'Body': 'dict object' has no attribute 'nme'; {CANNOT_FILL}",
        f"unknown.pptx, slide 1, table 'Plan', row 2, column 1: 'dict object' has no attribute 'facilitater'; {CANNOT_FILL}",
        f"unknown.pptx, slide 1, speaker notes: 'mc' is undefined; {CANNOT_FILL}",
    ]


def test_check_template_names_a_syntax_error(example_context, tmp_path):
    path = tiny_template(tmp_path, ["{{ venue.name }", "{% if purpose %}yes"], name="syntax.pptx")

    assert check_template(path, example_context) == [
        "syntax.pptx, slide 1, shape 'Body': the placeholder text '{{ venue.name }' is not valid:"
        " unexpected '}'",
        "syntax.pptx, slide 1, shape 'Body': the placeholder text '{% if purpose %}yes' is not valid:"
        " Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or"
        " 'endif'. The innermost block that needs to be closed is 'if'.",
    ]


def test_check_template_understands_loop_names(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.text = "{{ pause.name }}"
    table = slide.shapes.add_table(1, 2, Inches(1), Inches(3), Inches(4), Inches(1)).table
    table.cell(0, 0).text = "{% for t in tables %}{{ t.name }}"
    table.cell(0, 1).text = "{{ t.facilitator }} at {{ pause.time }}"
    slide.notes_slide.notes_text_frame.text = "{% for pause in breaks %}\nBack at {{ pause.time }}"
    path = tmp_path / "loops.pptx"
    presentation.save(path)

    assert check_template(path, example_context) == []
    no_breaks = {**example_context, "breaks": []}
    assert check_template(path, no_breaks) == []


def test_check_template_reports_a_repeat_over_an_unknown_list(example_context, tmp_path):
    path = tiny_template(tmp_path, ["{{ s.title }}"], notes_text="{% for s in sesions %}")

    assert check_template(path, example_context) == [
        f"tiny.pptx, slide 1, speaker notes: 'sesions' is undefined; {CANNOT_FILL}",
    ]


def test_check_template_reports_an_unreadable_file(example_context, tmp_path):
    path = tmp_path / "broken.pptx"
    path.write_bytes(b"PK not really")

    [message] = check_template(path, example_context)

    assert message.startswith("broken.pptx: cannot be read as a PowerPoint (.pptx) file")


def test_a_parsed_template_fills_each_pack_as_a_fresh_parse_would(example_context, hostile_context):
    template = template_path("presentation")
    store = TemplateStore()
    render_presentation(hostile_context, template, LOGO, store)  # parses and keeps the template
    kept = reproducible(render_presentation(example_context, template, LOGO, store))
    fresh = reproducible(render_presentation(example_context, template, LOGO, TemplateStore()))

    assert store.made == 3  # the template, its inherited sizes and the checked logo, once for both
    assert kept == fresh


def test_a_template_changed_on_disk_is_parsed_again(example_context, tmp_path):
    template = tmp_path / "presentation.pptx"
    template.write_bytes(template_path("presentation").read_bytes())
    store = TemplateStore()
    render_presentation(example_context, template, LOGO, store)
    deck = Presentation(str(template))
    deck.slides[0].shapes.title.text_frame.text = "Restyled {{ title }}"
    deck.save(str(template))

    rendered = Presentation(BytesIO(render_presentation(example_context, template, LOGO, store)))

    assert rendered.slides[0].shapes.title.text_frame.text == f"Restyled {example_context['title']}"

def test_the_check_and_the_render_of_one_run_parse_the_template_once(example_context):
    template = template_path("presentation")
    store = TemplateStore()

    assert check_template(template, example_context, store) == []
    render_presentation(example_context, template, LOGO, store)

    assert store.made == 3  # the parsed template (shared by both), its inherited sizes, the logo
