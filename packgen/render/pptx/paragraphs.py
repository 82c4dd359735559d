"""The paragraphs (a:p elements) of a slide's shapes, table rows and speaker notes: finding them,
reading their text and replacing it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from typing import Any

from lxml.etree import SubElement
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from packgen.render.ooxml.presentation import part_element
from packgen.render.pptx.shapes import shape_name
from packgen.render.pptx.tags import (
    BREAK, CELL, CELL_BODY, END_FORMAT, FIELD, GROUP, PARAGRAPH, PLACEHOLDER, RUN, RUN_FORMAT, SHAPE,
    TEXT, TEXT_BODY,
)
from packgen.text import clean_text

_LINE_BREAK = re.compile(r"\r\n|\r|\n|\v")


def shape_paragraphs(tree, where: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, a:p element)`` for each paragraph of the shapes in a shape tree
    (p:spTree or p:grpSp), groups included, tables excluded."""
    for element in tree.iterchildren(SHAPE, GROUP):
        if element.tag == GROUP:
            yield from shape_paragraphs(element, where)
            continue
        body = element.find(TEXT_BODY)
        if body is not None:
            for paragraph in body.iterchildren(PARAGRAPH):
                yield f"{where}, shape '{shape_name(element)}'", paragraph


def row_paragraphs(row, row_where: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, a:p element)`` for each paragraph of a table row (an a:tr element)."""
    for column, cell in enumerate(row.iterchildren(CELL), start=1):
        for paragraph in cell_paragraphs(cell):
            yield f"{row_where}, column {column}", paragraph


def cell_paragraphs(cell) -> list[Any]:
    """Return the paragraphs of a table cell (an a:tc element)."""
    body = cell.find(CELL_BODY)
    return [] if body is None else list(body.iterchildren(PARAGRAPH))


def notes_part(slide):
    """Return the part holding the slide's speaker notes, or None when it has none."""
    for relationship in slide.part.rels.values():
        if relationship.reltype == RT.NOTES_SLIDE and not relationship.is_external:
            return relationship.target_part
    return None


def notes_paragraphs(slide) -> list[Any]:
    """Return the paragraphs of the slide's speaker notes (its notes page's body placeholder)."""
    notes = notes_part(slide)
    if notes is None:
        return []
    for shape in part_element(notes).cSld.spTree.iterchildren(SHAPE):
        placeholder = shape.find(PLACEHOLDER)
        if placeholder is not None and placeholder.get("type") == "body":
            body = shape.find(TEXT_BODY)
            return [] if body is None else list(body.iterchildren(PARAGRAPH))
    return []


def paragraph_source(paragraph) -> str:
    """Return a paragraph's text with its runs joined and its line breaks as ``\\n``."""
    parts = []
    for child in paragraph.iterchildren(RUN, BREAK, FIELD):
        if child.tag == BREAK:
            parts.append("\n")
        else:
            text = child.find(TEXT)
            parts.append("" if text is None else text.text or "")
    return "".join(parts)


def set_paragraph_text(paragraph, text: str) -> None:
    """Replace a paragraph's runs with ``text`` in the first run's formatting, each line break in
    ``text`` becoming a real line break (a:br)."""
    first = paragraph.find(RUN)
    formatting = first.find(RUN_FORMAT) if first is not None else None
    for child in list(paragraph.iterchildren(RUN, BREAK, FIELD)):
        paragraph.remove(child)
    end = paragraph.find(END_FORMAT)  # runs go before the paragraph's end mark
    for index, line in enumerate(_LINE_BREAK.split(text)):
        if index:
            _insert_before(paragraph, end, _formatted(paragraph, BREAK, formatting))
        run = _formatted(paragraph, RUN, formatting)
        SubElement(run, TEXT).text = clean_text(line)[0]
        _insert_before(paragraph, end, run)


def _formatted(paragraph, tag: str, formatting):
    """Return a new ``tag`` element (a:r or a:br) carrying a copy of ``formatting`` (a:rPr)."""
    element = paragraph.makeelement(tag)
    if formatting is not None:
        element.append(deepcopy(formatting))
    return element


def _insert_before(paragraph, end, element) -> None:
    if end is None:
        paragraph.append(element)
    else:
        end.addprevious(element)
