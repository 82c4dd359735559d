"""The presentation template language, and the check of a template against an event.

python-pptx reads and writes slides but has no template language, so packgen adds one. This is
the contract for anyone writing a force's own ``presentation.pptx``:

**Placeholders.** Any paragraph of a slide (text boxes, placeholders, shapes inside groups, table
cells) and of its speaker notes may hold Jinja placeholders: ``{{ venue.name }}``,
``{% if purpose %}...{% endif %}``. The names are those of :mod:`packgen.context` ("Template
names" in the README). Each paragraph is rendered on its own, so an ``{% if %}`` or
``{% for %}`` must open and close in the same paragraph. PowerPoint splits text into runs at
spell-check and formatting boundaries; the engine joins a paragraph's runs before rendering, puts
the result in the first run (keeping that run's formatting) and drops the others. So: format a
paragraph holding a placeholder as one piece; a field (slide number, date) in such a paragraph
becomes plain text. A line break in a value becomes a line break within the paragraph. Values are
inserted once and never rendered again: ``{{ 7*7 }}`` typed into the config prints as typed.
Templates are sandboxed and strict: a name packgen cannot fill is an error, never a blank.

**Repeated slides.** A slide whose speaker notes start with a line such as
``{% for session in sessions %}`` (any ``for NAME in LIST``, no ``endfor``) is copied once per
item of the list, with ``NAME`` bound to the item on that copy. The copies follow the original in
order; the marker line is removed from the notes. An empty list removes the slide.

**Repeated table rows.** A table row whose first cell starts with ``{% for t in tables %}`` is
copied once per item, with ``t`` bound on that copy; the marker is removed and the rest of the
cell stays (``{% for t in tables %}{{ t.name }}``). The rows above the first repeated row are the
table's header. When the rows would run off the bottom of the slide, the slide is split: it is
copied and each copy shows the header and the rows that fit. ``continued`` is false on the first
slide and true on the others (``Contacts{% if continued %} (continued){% endif %}``; outside
tables only). Only a slide's first overflowing table is split.

**Fit.** A text box or placeholder marked "Shrink text on overflow" (``normAutofit``) gets a
font scale estimated from its text, so long values shrink instead of spilling; the estimate
assumes Arial-like widths, and text beyond a quarter of its size still overflows.

**Shapes by name.** A shape named ``logo`` is replaced by the config's logo, fitted inside the
shape's box and keeping its proportions (alt text "ORGANISATION logo"); with no logo the shape
is removed. Shapes named ``brand-primary`` or ``brand-accent`` on slides, layouts or masters are
filled with ``colours.primary`` or ``colours.accent``.

Not supported: charts and other embedded objects in repeated slides (their parts would be shared),
tuple loops (``for a, b in ...``), placeholders in layouts and masters (they print as typed).
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, TemplateSyntaxError, UndefinedError
from pptx import Presentation

from packgen.errors import TemplateError
from packgen.render.jinja import missing_names, syntax_message, undefined_message
from packgen.render.ooxml.presentation import shape_tree
from packgen.render.pptx.filling import failure_message, has_placeholder
from packgen.render.pptx.loops import loop_items, take_notes_marker, take_row_marker
from packgen.render.pptx.paragraphs import (
    notes_paragraphs, paragraph_source, row_paragraphs, shape_paragraphs,
)
from packgen.render.pptx.shapes import table_element, table_frames
from packgen.render.pptx.tags import ROW
from packgen.render.pptx.text_fit import InheritedSizes
from packgen.store import TemplateStore, store_or_new


def check_template(template: Path, context: dict[str, Any], store: TemplateStore | None = None) -> list[str]:
    """Return every problem with ``template`` against ``context``, one message each.

    Lists each placeholder the context cannot fill and each piece of text that is not a valid
    placeholder, naming the file, slide and shape, table cell or speaker notes. Loop names bound by
    a repeated slide or row are known. An empty list means the template can be rendered. ``store``
    is the run's (see :mod:`packgen.store`); without one the template is parsed afresh.
    """
    try:
        presentation = open_template(template, store_or_new(store))
    except TemplateError as error:
        return [str(error)]
    context = {"continued": False, **context}
    problems: list[str] = []
    for number, slide in enumerate(presentation.slides, start=1):
        where = f"{template.name}, slide {number}"
        contexts = _check_slide_loop(slide, context, where, problems)
        for paragraph_where, paragraph in shape_paragraphs(shape_tree(slide.shapes), where):
            _check_text(paragraph_source(paragraph), contexts, paragraph_where, problems)
        for frame in table_frames(slide.shapes):
            for row_number, row in enumerate(list(table_element(frame).iterchildren(ROW)), start=1):
                row_where = f"{where}, table '{frame.name}', row {row_number}"
                row_contexts = _check_row_loop(row, contexts, row_where, problems)
                for cell_where, paragraph in row_paragraphs(row, row_where):
                    _check_text(paragraph_source(paragraph), row_contexts, cell_where, problems)
        for paragraph in notes_paragraphs(slide):
            _check_text(paragraph_source(paragraph), contexts, f"{where}, speaker notes", problems)
    return list(dict.fromkeys(problems))


# -- reading the template -----------------------------------------------------------------------


def open_template(template: Path, store: TemplateStore):
    """Return a copy of the template opened with python-pptx, free to fill, or raise TemplateError
    saying why it cannot be opened.

    The run's store parses a template once and each call gets a deep copy: copying the parsed
    parts takes a third of the time parsing them does.
    """
    if not template.is_file():  # python-pptx says "Package not found" for a missing file
        raise TemplateError(f"{template}: no such template file")
    return deepcopy(store.get(template, parsed_template))


def parsed_template(template: Path):
    """Return the template as python-pptx parses it (kept by the store; never filled itself)."""
    try:
        return Presentation(str(template))
    except Exception as error:  # python-pptx raises zipfile, KeyError or lxml errors alike
        raise TemplateError(
            f"{template.name}: cannot be read as a PowerPoint (.pptx) file ({error})"
        ) from error


def inherited_sizes(template: Path) -> InheritedSizes:
    """Return an empty table of the template's placeholders' inherited sizes: the store keeps it
    while the template is unchanged, and rendering fills it in as it meets each placeholder."""
    return {}


# -- checking -------------------------------------------------------------------------------------


def _check_text(text: str, contexts: list[dict[str, Any]], where: str, problems: list[str]) -> None:
    """Add to ``problems`` what in ``text`` none of ``contexts`` can fill, or its syntax error."""
    if not has_placeholder(text):
        return
    for context in contexts:
        try:
            missing = missing_names(text, context)
        except TemplateSyntaxError as error:
            problems.append(f"{where}: {syntax_message(text, error)}")
            return
        except Exception as error:  # the sandbox refusing, a division by zero...
            problems.append(f"{where}: {failure_message(text, error)}")
            return
        problems.extend(f"{where}: {undefined_message(UndefinedError(name))}" for name in missing)


def _loop_contexts(
    marker: tuple[str, str] | None, contexts: list[dict[str, Any]], where: str, problems: list[str]
) -> list[dict[str, Any]]:
    """Return the contexts a loop's body is checked in: one per item of each outer context.

    A list that cannot be read is a problem; an empty one binds the name to a permissive blank,
    so the body is still checked for everything else.
    """
    if marker is None:
        return contexts
    name, expression = marker
    bound = []
    for context in contexts:
        try:
            items = loop_items(name, expression, context, where)
        except TemplateError as error:
            problems.append(str(error))
            items = []
        bound.extend({**context, name: item} for item in items or [ChainableUndefined(name=name)])
    return bound


def _check_slide_loop(slide, context, where, problems) -> list[dict[str, Any]]:
    return _loop_contexts(take_notes_marker(slide), [context], f"{where}, speaker notes", problems)


def _check_row_loop(row, contexts, row_where, problems) -> list[dict[str, Any]]:
    return _loop_contexts(take_row_marker(row), contexts, f"{row_where}, column 1", problems)
