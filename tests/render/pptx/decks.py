"""Helpers for the presentation tests: rendering a deck and reading back what it shows."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from packgen.config import load_config
from packgen.context import build_context
from packgen.render.pptx import render_presentation
from packgen.resources import example_folder, template_path
from conftest import example_data, write_config

LOGO = example_folder() / "logo.png"
CANNOT_FILL = "packgen cannot fill it (see 'Template names' in the README)"


def render(context: dict, template: Path | None = None, logo: Path | None = LOGO, store=None):
    """Return the rendered presentation, opened with python-pptx."""
    template = template or template_path("presentation")
    return Presentation(BytesIO(render_presentation(context, template, logo, store)))


def slide_texts(slide) -> list[str]:
    """Return the text of every text shape on a slide (tables excluded), top to bottom."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def table_rows(slide, name: str) -> list[list[str]]:
    frame = next(shape for shape in slide.shapes if shape.name == name)
    return [[cell.text for cell in row.cells] for row in frame.table.rows]


def titled(presentation, start: str) -> list:
    return [s for s in presentation.slides if s.shapes.title is not None and s.shapes.title.text.startswith(start)]


def all_text(presentation) -> str:
    """Return every piece of text in the deck: shapes, groups, table cells and notes."""
    parts = []

    def walk(shapes):
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                walk(shape.shapes)
            elif shape.has_text_frame:
                parts.append(shape.text_frame.text)
            elif getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)

    for slide in presentation.slides:
        walk(slide.shapes)
        parts.append(notes(slide))
    return "\n".join(parts)


def tiny_template(tmp_path: Path, texts: list[str] | None = None, notes_text: str = "", name="tiny.pptx"):
    """Write a one-slide template whose text box 'Body' holds ``texts`` (one paragraph each)."""
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(2))
    box.name = "Body"
    for index, text in enumerate(texts or []):
        paragraph = box.text_frame.paragraphs[0] if index == 0 else box.text_frame.add_paragraph()
        paragraph.add_run().text = text
    if notes_text:
        slide.notes_slide.notes_text_frame.text = notes_text
    path = tmp_path / name
    presentation.save(path)
    return path


def context_with(tmp_path: Path, **changes) -> dict:
    """Return the example's context after changing top-level config keys."""
    data = example_data()
    data.update(changes)
    return build_context(load_config(write_config(tmp_path / "hub", data)).event)

