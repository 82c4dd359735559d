"""Repeated slides and table rows: the ``{% for NAME in LIST %}`` markers, and the copies they make."""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError

from packgen.errors import TemplateError
from packgen.render.jinja import make_environment, syntax_message, undefined_message
from packgen.render.pptx.filling import failure_message, fill_paragraph
from packgen.render.pptx.paragraphs import (
    cell_paragraphs, notes_paragraphs, paragraph_source, row_paragraphs, set_paragraph_text,
)
from packgen.render.pptx.shapes import table_element, table_frames
from packgen.render.pptx.slides import delete_slide, duplicate_slide
from packgen.render.pptx.tags import CELL, ROW

_LOOP = re.compile(r"^\s*\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\s+(.+?)\s*-?%\}")
_END_LOOP = re.compile(r"\{%-?\s*endfor\b")
_ENVIRONMENT = make_environment()


def loop_marker(paragraphs: list[Any]) -> tuple[Any, str, str, str] | None:
    """Return ``(first paragraph, name, list expression, rest of its text)`` when the first of
    ``paragraphs`` starts with a ``{% for NAME in LIST %}`` marker, else None."""
    if not paragraphs:
        return None
    source = paragraph_source(paragraphs[0])
    match = _LOOP.match(source)
    if match is None or _END_LOOP.search(source, match.end()):
        return None  # no marker, or an ordinary loop closed within the paragraph
    return paragraphs[0], match.group(1), match.group(2), source[match.end():]


def loop_items(name: str, expression: str, context: dict[str, Any], where: str) -> list[Any]:
    """Return the items of a loop marker's list, or raise TemplateError saying why not."""
    marker = f"{{% for {name} in {expression} %}}"
    try:
        return list(_expression(expression)(**context))
    except TemplateSyntaxError as error:
        raise TemplateError(f"{where}: {syntax_message(marker, error)}") from error
    except UndefinedError as error:
        raise TemplateError(f"{where}: {undefined_message(error)}") from error
    except Exception as error:  # not a list (a number), or forbidden by the sandbox
        raise TemplateError(f"{where}: {failure_message(marker, error)}") from error


# A pure function of its text: the compiled expression depends on nothing else, so it is never stale.
@lru_cache(maxsize=256)
def _expression(expression: str):
    """Return a loop's list expression compiled (once per process for each text)."""
    return _ENVIRONMENT.compile_expression(expression, undefined_to_none=False)


def take_notes_marker(slide) -> tuple[str, str] | None:
    """Return the slide's repeat marker ``(name, list expression)`` and remove it from the notes,
    or return None when the notes do not start with one."""
    marker = loop_marker([p for p in notes_paragraphs(slide) if paragraph_source(p).strip()])
    if marker is None:
        return None
    first, name, expression, rest = marker
    line, _, rest = rest.partition("\n")
    if line.strip():
        return None  # the marker must be a line of its own
    if rest or len(notes_paragraphs(slide)) == 1:
        set_paragraph_text(first, rest)
    else:
        first.getparent().remove(first)
    return name, expression


def take_row_marker(row) -> tuple[str, str] | None:
    """Return a table row's repeat marker ``(name, list expression)`` and remove it from the
    row's first cell, or return None when the row does not start with one."""
    cell = row.find(CELL)
    marker = loop_marker([] if cell is None else cell_paragraphs(cell))
    if marker is None:
        return None
    first, name, expression, rest = marker
    set_paragraph_text(first, rest)
    return name, expression


def repeat_slide(presentation, slide, context, where) -> list[tuple[Any, dict[str, Any], str]]:
    """Return ``(slide, context, location)`` for each copy of a slide: one for a slide without a
    repeat marker, one per item with one (none for an empty list: the slide is deleted)."""
    marker = take_notes_marker(slide)
    if marker is None:
        return [(slide, context, where)]
    name, expression = marker
    items = loop_items(name, expression, context, f"{where}, speaker notes")
    if not items:
        delete_slide(presentation, slide)
        return []
    copies = [slide]
    for _ in items[1:]:
        copies.append(duplicate_slide(presentation, slide, after=copies[-1]))
    return [
        (copy, {**context, name: item}, f"{where} ({name} {index} of {len(items)})")
        for index, (copy, item) in enumerate(zip(copies, items), start=1)
    ]


def fill_tables(slide, context: dict[str, Any], where: str) -> dict[int, int]:
    """Fill every table on the slide, copying each repeated row once per item.

    Return, for each table with a repeated row, its shape id and how many rows sit above the
    first repeated row (the header, shown again on each continuation slide).
    """
    headers: dict[int, int] = {}
    for frame in table_frames(slide.shapes):
        table = table_element(frame)
        offset = 0  # rows added so far by repetition
        for row_number, row in enumerate(list(table.iterchildren(ROW)), start=1):
            row_where = f"{where}, table '{frame.name}', row {row_number}"
            marker = take_row_marker(row)
            if marker is None:
                fill_row(row, context, row_where)
                continue
            name, expression = marker
            items = loop_items(name, expression, context, f"{row_where}, column 1")
            headers.setdefault(frame.shape_id, row_number - 1 + offset)
            offset += len(items) - 1
            previous = row
            for index, item in enumerate(items, start=1):
                copy = deepcopy(row)
                previous.addnext(copy)
                previous = copy
                fill_row(copy, {**context, name: item}, f"{row_where} ({name} {index} of {len(items)})")
            table.remove(row)
    return headers


def fill_row(row, context: dict[str, Any], row_where: str) -> None:
    """Fill every paragraph of a table row's cells."""
    for cell_where, paragraph in row_paragraphs(row, row_where):
        fill_paragraph(paragraph, context, cell_where)
