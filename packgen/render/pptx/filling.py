"""Filling placeholders: each paragraph of a slide's shapes and speaker notes rendered on its own."""

from __future__ import annotations

from typing import Any

from packgen.errors import TemplateError
from packgen.render.jinja import render_text, snippet
from packgen.render.ooxml.presentation import shape_tree
from packgen.render.pptx.paragraphs import (
    notes_paragraphs, paragraph_source, set_paragraph_text, shape_paragraphs,
)


def has_placeholder(text: str) -> bool:
    """Return whether ``text`` holds any Jinja markup (a placeholder, a tag or a comment)."""
    return "{{" in text or "{%" in text or "{#" in text


def render(text: str, context: dict[str, Any], where: str) -> str:
    """Return ``text`` rendered, turning any failure into a TemplateError that says where."""
    try:
        return render_text(text, context, where)
    except TemplateError:
        raise
    except Exception as error:  # a force's template may divide by zero, call what it may not...
        raise TemplateError(f"{where}: {failure_message(text, error)}") from error


def failure_message(text: str, error: Exception) -> str:
    """Return the message for placeholder text that could not be filled."""
    return f"the placeholder text '{snippet(text)}' could not be filled: {error}"


def fill_paragraph(paragraph, context: dict[str, Any], where: str) -> None:
    """Render one paragraph in place; paragraphs without placeholders are left untouched."""
    source = paragraph_source(paragraph)
    if not has_placeholder(source):
        return
    result = render(source, context, where)
    if result != source:
        set_paragraph_text(paragraph, result)


def fill_shapes(slide, context: dict[str, Any], where: str) -> None:
    """Fill every paragraph of the slide's shapes, groups included, tables excluded."""
    for paragraph_where, paragraph in shape_paragraphs(shape_tree(slide.shapes), where):
        fill_paragraph(paragraph, context, paragraph_where)


def fill_notes(slide, context: dict[str, Any], where: str) -> None:
    """Fill every paragraph of the slide's speaker notes."""
    for paragraph in notes_paragraphs(slide):
        fill_paragraph(paragraph, context, f"{where}, speaker notes")
