"""Reading and replacing a paragraph's text (packgen.render.pptx.paragraphs)."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from conftest import HOSTILE_FOCAL
from decks import render, titled


def test_a_line_break_in_a_value_is_a_real_line_break(hostile_context):
    slide = titled(render(hostile_context), "Why we are here")[0]
    question = next(s for s in slide.shapes if s.name == "Focal question")
    paragraph = question.text_frame.paragraphs[1]

    assert len(paragraph._p.findall(qn("a:br"))) == 1
    assert [run.text for run in paragraph.runs] == HOSTILE_FOCAL.split("\n")
    assert all(run.font.size == Pt(28) for run in paragraph.runs)


def test_placeholder_split_across_three_runs_is_filled(example_context, tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1))
    paragraph = box.text_frame.paragraphs[0]
    for text, bold in (("Venue: {{ ven", True), ("ue.na", False), ("me }}!", False)):
        run = paragraph.add_run()
        run.text = text
        run.font.bold = bold
    path = tmp_path / "split.pptx"
    presentation.save(path)

    runs = render(example_context, path).slides[0].shapes[0].text_frame.paragraphs[0].runs

    assert [run.text for run in runs] == ["Venue: New Scotland Yard!"]
    assert runs[0].font.bold is True

