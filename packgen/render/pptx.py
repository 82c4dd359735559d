"""The presentation: a PowerPoint template filled from the event, and the small engine doing it.

python-pptx reads and writes slides but has no template language, so this module adds one. It is
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

import re
from collections.abc import Iterator
from functools import lru_cache
from weakref import WeakKeyDictionary
from copy import deepcopy
from io import BytesIO
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, TemplateSyntaxError, UndefinedError
from lxml.etree import SubElement
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from packgen.cache import FileCache
from packgen.errors import TemplateError
from packgen.images import check_logo
from packgen.render.jinja import (
    make_environment,
    missing_names,
    render_text,
    snippet,
    syntax_message,
    undefined_message,
)
from packgen.text import PROPERTY_LIMIT, clean_text, shorten

_LOOP = re.compile(r"^\s*\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\s+(.+?)\s*-?%\}")
_END_LOOP = re.compile(r"\{%-?\s*endfor\b")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\v")
_R_NAMESPACE = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# Element names, looked up once: the engine walks the XML with lxml directly, as python-pptx's
# shape proxies run an XPath query per property and dominated the time a presentation took.
_SHAPE, _GROUP, _FRAME = qn("p:sp"), qn("p:grpSp"), qn("p:graphicFrame")
_TEXT_BODY, _NAMES = qn("p:txBody"), qn("p:cNvPr")
_PARAGRAPH, _RUN, _BREAK, _FIELD, _TEXT = qn("a:p"), qn("a:r"), qn("a:br"), qn("a:fld"), qn("a:t")
_RUN_FORMAT, _END_FORMAT = qn("a:rPr"), qn("a:endParaRPr")
_EXTENT = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}"
_DEFAULT_FORMAT = qn("a:defRPr")
_SPACE_BEFORE, _SPACE_AFTER, _SPACE_POINTS = qn("a:spcBef"), qn("a:spcAft"), qn("a:spcPts")
_SHRINK, _CELL_FORMAT = qn("a:normAutofit"), qn("a:tcPr")
_TABLE, _ROW, _CELL, _CELL_BODY = qn("a:tbl"), qn("a:tr"), qn("a:tc"), qn("a:txBody")
_PLACEHOLDER = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_ENVIRONMENT = make_environment()
# Character classes for estimating how wide text is (see _character_width).
_NARROW = frozenset(" .,:;'!|()[]-/\"ijlftrI")
_WIDE = frozenset("mwMW@%")

BOTTOM_MARGIN = Inches(0.35)
"""Space kept free below a table before its rows are split onto a continuation slide."""
LINE_HEIGHT = 1.2
"""Line height as a share of the font size."""
DEFAULT_SIZE = 18.0
"""Font size assumed, in points, for text whose size the template leaves to its master."""
SIDE_INSET, END_INSET = 91440, 45720
"""Office's default text insets (left and right, top and bottom) in EMU, for boxes and cells."""
FONT_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.25)
"""The shrink steps tried for an overflowing text box, largest first."""


# -- the public API -----------------------------------------------------------------------------


def render_presentation(context: dict[str, Any], template: Path, logo: Path | None) -> bytes:
    """Return the finished presentation as the bytes of a .pptx file.

    Raises :class:`TemplateError` naming the file, slide and shape of any placeholder that cannot
    be filled, and :class:`InputFileError` for a logo that is not a sound PNG or JPEG image.
    """
    if logo is not None:
        check_logo(logo)  # once, before any slide is filled
    presentation = _open(template)
    context = {"continued": False, **context}
    # Placeholders' sizes inherited from the template's layouts, looked up once per template.
    sizes = _INHERITED_SIZES.get(template, lambda _: {})
    _apply_brand_colours(presentation, context.get("colours") or {}, template.name)
    for number, slide in enumerate(list(presentation.slides), start=1):
        where = f"{template.name}, slide {number}"
        for copy, copy_context, copy_where in _repeat_slide(presentation, slide, context, where):
            repeated = _fill_tables(copy, copy_context, copy_where)
            for page, continued in _split_overflowing_table(presentation, copy, repeated):
                page_context = {**copy_context, "continued": continued}
                _fill_shapes(page, page_context, copy_where)
                _fill_notes(page, page_context, copy_where)
                _place_logo(page, logo, context)
                _fit_text(page, sizes)
    presentation.core_properties.title = shorten(str(context.get("title", "")), PROPERTY_LIMIT)
    presentation.core_properties.language = "en-GB"
    output = BytesIO()
    presentation.save(output)
    return output.getvalue()


def check_template(template: Path, context: dict[str, Any]) -> list[str]:
    """Return every problem with ``template`` against ``context``, one message each.

    Lists each placeholder the context cannot fill and each piece of text that is not a valid
    placeholder, naming the file, slide and shape, table cell or speaker notes. Loop names bound by
    a repeated slide or row are known. An empty list means the template can be rendered.
    """
    try:
        presentation = _open(template)
    except TemplateError as error:
        return [str(error)]
    context = {"continued": False, **context}
    problems: list[str] = []
    for number, slide in enumerate(presentation.slides, start=1):
        where = f"{template.name}, slide {number}"
        contexts = _check_slide_loop(slide, context, where, problems)
        for paragraph_where, paragraph in _shape_paragraphs(slide.shapes._spTree, where):
            _check_text(_paragraph_source(paragraph), contexts, paragraph_where, problems)
        for frame in _table_frames(slide.shapes):
            for row_number, row in enumerate(list(frame.table._tbl.iterchildren(_ROW)), start=1):
                row_where = f"{where}, table '{frame.name}', row {row_number}"
                row_contexts = _check_row_loop(row, contexts, row_where, problems)
                for cell_where, paragraph in _row_paragraphs(row, row_where):
                    _check_text(_paragraph_source(paragraph), row_contexts, cell_where, problems)
        for paragraph in _notes_paragraphs(slide):
            _check_text(_paragraph_source(paragraph), contexts, f"{where}, speaker notes", problems)
    return list(dict.fromkeys(problems))


# -- reading the template -----------------------------------------------------------------------


def _open(template: Path):
    """Return the template opened with python-pptx, or raise TemplateError saying why not.

    Each process parses a template once and hands out deep copies of it: copying the parsed parts
    takes a third of the time parsing them does.
    """
    if not template.is_file():  # python-pptx says "Package not found" for a missing file
        raise TemplateError(f"{template}: no such template file")
    return deepcopy(_PARSED_TEMPLATES.get(template, _parse))


def _parse(template: Path):
    try:
        return Presentation(str(template))
    except Exception as error:  # python-pptx raises zipfile, KeyError or lxml errors alike
        raise TemplateError(
            f"{template.name}: cannot be read as a PowerPoint (.pptx) file ({error})"
        ) from error


_PARSED_TEMPLATES: FileCache[Any] = FileCache()
"""Templates as python-pptx parsed them; never filled themselves."""
_INHERITED_SIZES: FileCache[dict[tuple, tuple[int, int]]] = FileCache()
"""Per template: its placeholders' sizes inherited from layouts, by (layout, type, index)."""


def _shape_paragraphs(tree, where: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, a:p element)`` for each paragraph of the shapes in a shape tree
    (p:spTree or p:grpSp), groups included, tables excluded."""
    for element in tree.iterchildren(_SHAPE, _GROUP):
        if element.tag == _GROUP:
            yield from _shape_paragraphs(element, where)
            continue
        body = element.find(_TEXT_BODY)
        if body is not None:
            for paragraph in body.iterchildren(_PARAGRAPH):
                yield f"{where}, shape '{_shape_name(element)}'", paragraph


def _shape_name(element) -> str:
    """Return the name of a shape element (the p:cNvPr in its first child, p:nvSpPr or the like)."""
    names = element.find(f"*/{_NAMES}")
    return "" if names is None else names.get("name", "")


def _named_shapes(shapes, names: set[str]) -> list[Any]:
    """Return the shapes of a collection (groups not entered) whose name is one of ``names``."""
    return [shapes._shape_factory(element) for element in shapes._spTree.iter_shape_elms()
            if _shape_name(element) in names]


def _table_frames(shapes) -> Iterator[Any]:
    """Yield each graphic frame holding a table, groups included, as python-pptx shapes (made
    only for those frames)."""
    for element in shapes._spTree.iterchildren(_FRAME, _GROUP):
        if element.tag == _GROUP:
            yield from _table_frames(shapes._shape_factory(element).shapes)
        elif next(element.iter(_TABLE), None) is not None:
            yield shapes._shape_factory(element)


def _row_paragraphs(row, row_where: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, a:p element)`` for each paragraph of a table row (an a:tr element)."""
    for column, cell in enumerate(row.iterchildren(_CELL), start=1):
        for paragraph in _cell_paragraphs(cell):
            yield f"{row_where}, column {column}", paragraph


def _cell_paragraphs(cell) -> list[Any]:
    body = cell.find(_CELL_BODY)
    return [] if body is None else list(body.iterchildren(_PARAGRAPH))


def _notes_part(slide):
    """Return the part holding the slide's speaker notes, or None when it has none."""
    for relationship in slide.part.rels.values():
        if relationship.reltype == RT.NOTES_SLIDE and not relationship.is_external:
            return relationship.target_part
    return None


def _notes_paragraphs(slide) -> list[Any]:
    """Return the paragraphs of the slide's speaker notes (its notes page's body placeholder)."""
    notes = _notes_part(slide)
    if notes is None:
        return []
    for shape in notes._element.cSld.spTree.iterchildren(_SHAPE):
        placeholder = shape.find(_PLACEHOLDER)
        if placeholder is not None and placeholder.get("type") == "body":
            body = shape.find(_TEXT_BODY)
            return [] if body is None else list(body.iterchildren(_PARAGRAPH))
    return []


def _paragraph_source(paragraph) -> str:
    """Return a paragraph's text with its runs joined and its line breaks as ``\\n``."""
    parts = []
    for child in paragraph.iterchildren(_RUN, _BREAK, _FIELD):
        if child.tag == _BREAK:
            parts.append("\n")
        else:
            text = child.find(_TEXT)
            parts.append("" if text is None else text.text or "")
    return "".join(parts)


def _has_placeholder(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


# -- filling text -------------------------------------------------------------------------------


def _render(text: str, context: dict[str, Any], where: str) -> str:
    """Return ``text`` rendered, turning any failure into a TemplateError that says where."""
    try:
        return render_text(text, context, where)
    except TemplateError:
        raise
    except Exception as error:  # a force's template may divide by zero, call what it may not...
        raise TemplateError(f"{where}: {_failure_message(text, error)}") from error


def _failure_message(text: str, error: Exception) -> str:
    return f"the placeholder text '{snippet(text)}' could not be filled: {error}"


def _fill_paragraph(paragraph, context: dict[str, Any], where: str) -> None:
    """Render one paragraph in place; paragraphs without placeholders are left untouched."""
    source = _paragraph_source(paragraph)
    if not _has_placeholder(source):
        return
    result = _render(source, context, where)
    if result != source:
        _set_paragraph_text(paragraph, result)


def _set_paragraph_text(paragraph, text: str) -> None:
    """Replace a paragraph's runs with ``text`` in the first run's formatting, each line break in
    ``text`` becoming a real line break (a:br)."""
    first = paragraph.find(_RUN)
    formatting = first.find(_RUN_FORMAT) if first is not None else None
    for child in list(paragraph.iterchildren(_RUN, _BREAK, _FIELD)):
        paragraph.remove(child)
    end = paragraph.find(_END_FORMAT)  # runs go before the paragraph's end mark
    for index, line in enumerate(_LINE_BREAK.split(text)):
        if index:
            _insert_before(paragraph, end, _formatted(paragraph, _BREAK, formatting))
        run = _formatted(paragraph, _RUN, formatting)
        SubElement(run, _TEXT).text = clean_text(line)[0]
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


def _fill_shapes(slide, context: dict[str, Any], where: str) -> None:
    for paragraph_where, paragraph in _shape_paragraphs(slide.shapes._spTree, where):
        _fill_paragraph(paragraph, context, paragraph_where)


def _fill_notes(slide, context: dict[str, Any], where: str) -> None:
    for paragraph in _notes_paragraphs(slide):
        _fill_paragraph(paragraph, context, f"{where}, speaker notes")


# -- loops --------------------------------------------------------------------------------------


def _loop_marker(paragraphs: list[Any]) -> tuple[Any, str, str, str] | None:
    """Return ``(first paragraph, name, list expression, rest of its text)`` when the first of
    ``paragraphs`` starts with a ``{% for NAME in LIST %}`` marker, else None."""
    if not paragraphs:
        return None
    source = _paragraph_source(paragraphs[0])
    match = _LOOP.match(source)
    if match is None or _END_LOOP.search(source, match.end()):
        return None  # no marker, or an ordinary loop closed within the paragraph
    return paragraphs[0], match.group(1), match.group(2), source[match.end():]


def _loop_items(name: str, expression: str, context: dict[str, Any], where: str) -> list[Any]:
    """Return the items of a loop marker's list, or raise TemplateError saying why not."""
    marker = f"{{% for {name} in {expression} %}}"
    try:
        return list(_expression(expression)(**context))
    except TemplateSyntaxError as error:
        raise TemplateError(f"{where}: {syntax_message(marker, error)}") from error
    except UndefinedError as error:
        raise TemplateError(f"{where}: {undefined_message(error)}") from error
    except Exception as error:  # not a list (a number), or forbidden by the sandbox
        raise TemplateError(f"{where}: {_failure_message(marker, error)}") from error


@lru_cache(maxsize=256)
def _expression(expression: str):
    """Return a loop's list expression compiled (once per process for each text)."""
    return _ENVIRONMENT.compile_expression(expression, undefined_to_none=False)


def _take_notes_marker(slide) -> tuple[str, str] | None:
    """Return the slide's repeat marker ``(name, list expression)`` and remove it from the notes,
    or return None when the notes do not start with one."""
    marker = _loop_marker([p for p in _notes_paragraphs(slide) if _paragraph_source(p).strip()])
    if marker is None:
        return None
    first, name, expression, rest = marker
    line, _, rest = rest.partition("\n")
    if line.strip():
        return None  # the marker must be a line of its own
    if rest or len(_notes_paragraphs(slide)) == 1:
        _set_paragraph_text(first, rest)
    else:
        first.getparent().remove(first)
    return name, expression


def _take_row_marker(row) -> tuple[str, str] | None:
    """Return a table row's repeat marker ``(name, list expression)`` and remove it from the
    row's first cell, or return None when the row does not start with one."""
    cell = row.find(_CELL)
    marker = _loop_marker([] if cell is None else _cell_paragraphs(cell))
    if marker is None:
        return None
    first, name, expression, rest = marker
    _set_paragraph_text(first, rest)
    return name, expression


def _repeat_slide(presentation, slide, context, where) -> list[tuple[Any, dict[str, Any], str]]:
    """Return ``(slide, context, location)`` for each copy of a slide: one for a slide without a
    repeat marker, one per item with one (none for an empty list: the slide is deleted)."""
    marker = _take_notes_marker(slide)
    if marker is None:
        return [(slide, context, where)]
    name, expression = marker
    items = _loop_items(name, expression, context, f"{where}, speaker notes")
    if not items:
        _delete_slide(presentation, slide)
        return []
    copies = [slide]
    for _ in items[1:]:
        copies.append(_duplicate_slide(presentation, slide, after=copies[-1]))
    return [
        (copy, {**context, name: item}, f"{where} ({name} {index} of {len(items)})")
        for index, (copy, item) in enumerate(zip(copies, items), start=1)
    ]


def _fill_tables(slide, context: dict[str, Any], where: str) -> dict[int, int]:
    """Fill every table on the slide, copying each repeated row once per item.

    Return, for each table with a repeated row, its shape id and how many rows sit above the
    first repeated row (the header, shown again on each continuation slide).
    """
    headers: dict[int, int] = {}
    for frame in _table_frames(slide.shapes):
        table = frame.table._tbl
        offset = 0  # rows added so far by repetition
        for row_number, row in enumerate(list(table.iterchildren(_ROW)), start=1):
            row_where = f"{where}, table '{frame.name}', row {row_number}"
            marker = _take_row_marker(row)
            if marker is None:
                _fill_row(row, context, row_where)
                continue
            name, expression = marker
            items = _loop_items(name, expression, context, f"{row_where}, column 1")
            headers.setdefault(frame.shape_id, row_number - 1 + offset)
            offset += len(items) - 1
            previous = row
            for index, item in enumerate(items, start=1):
                copy = deepcopy(row)
                previous.addnext(copy)
                previous = copy
                _fill_row(copy, {**context, name: item}, f"{row_where} ({name} {index} of {len(items)})")
            table.remove(row)
    return headers


def _fill_row(row, context: dict[str, Any], row_where: str) -> None:
    for cell_where, paragraph in _row_paragraphs(row, row_where):
        _fill_paragraph(paragraph, context, cell_where)


# -- slides: copy, delete, split ------------------------------------------------------------------


def _duplicate_slide(presentation, slide, after):
    """Return a copy of ``slide`` (shapes, background, notes and the files they use) placed right
    after the slide ``after``.

    The slide's part is cloned as it is, which is quicker than python-pptx's ``add_slide`` (that
    copies the layout's placeholders, which would all be replaced) and keeps every setting.
    """
    package = slide.part.package
    copy = _copy_part(slide.part, _next_partname(package, "/ppt/slides/slide%d.xml"))
    notes = _notes_part(slide)
    if notes is not None:
        notes_copy = _copy_part(notes, _next_partname(package, "/ppt/notesSlides/notesSlide%d.xml"),
                                {slide.part: copy})
        copy.relate_to(notes_copy, RT.NOTES_SLIDE)
    rId = presentation.part.relate_to(copy, RT.SLIDE)
    new_id = presentation.slides._sldIdLst.add_sldId(rId)
    _slide_id(presentation, after).addnext(new_id)
    return copy.slide


def _next_partname(package, template: str) -> PackURI:
    """Return the first free part name of the form ``template`` (``/ppt/slides/slide%d.xml``).

    python-pptx's own ``next_partname`` walks every part of the package on each call; the names in
    use are gathered once per package here.
    """
    used = _PARTNAMES_IN_USE.get(package)
    if used is None:
        used = _PARTNAMES_IN_USE[package] = {str(part.partname) for part in package.iter_parts()}
    number = 1
    while template % number in used:
        number += 1
    used.add(template % number)
    return PackURI(template % number)


_PARTNAMES_IN_USE: WeakKeyDictionary = WeakKeyDictionary()


def _copy_part(part, partname, retarget: dict | None = None):
    """Return a copy of an XML part under ``partname``, related to the same parts as ``part``
    (or, for a part in ``retarget``, to its replacement), its notes slide left out."""
    copy = type(part)(partname, part.content_type, part.package, deepcopy(part._element))
    renamed = {}
    for rId, relationship in part.rels.items():
        if relationship.reltype == RT.NOTES_SLIDE:
            continue
        if relationship.is_external:
            renamed[rId] = copy.rels.get_or_add_ext_rel(relationship.reltype, relationship.target_ref)
        else:
            target = relationship.target_part
            renamed[rId] = copy.rels.get_or_add(relationship.reltype, (retarget or {}).get(target, target))
    for element in copy._element.iter():
        for attribute, value in element.attrib.items():
            if attribute.startswith(_R_NAMESPACE) and value in renamed:
                element.set(attribute, renamed[value])
    return copy


def _slide_id(presentation, slide):
    """Return the p:sldId element listing ``slide`` in the presentation."""
    for slide_id in presentation.slides._sldIdLst:
        if presentation.part.related_part(slide_id.rId) is slide.part:
            return slide_id
    raise LookupError("slide is not in the presentation")


def _delete_slide(presentation, slide) -> None:
    slide_id = _slide_id(presentation, slide)
    presentation.slides._sldIdLst.remove(slide_id)
    presentation.part.drop_rel(slide_id.rId)


def _split_overflowing_table(presentation, slide, headers: dict[int, int]) -> list[tuple[Any, bool]]:
    """Return ``(slide, continued)`` pages: the slide itself, plus continuation copies when the
    first table with repeated rows (not in a group) runs off the bottom of the slide."""
    if not headers:
        return [(slide, False)]  # no table with repeated rows
    for frame in _table_frames(slide.shapes):
        if frame.shape_id not in headers or frame._element.getparent() is not slide.shapes._spTree:
            continue
        header_count = headers[frame.shape_id]
        table = frame.table._tbl
        widths = [column.w for column in table.tblGrid.gridCol_lst]
        heights = [_row_height(row, widths) for row in table.iterchildren(_ROW)]
        available = presentation.slide_height - frame.top - BOTTOM_MARGIN
        if sum(heights) <= available:
            continue
        pages = _pack(heights[header_count:], available - sum(heights[:header_count]))
        if len(pages) < 2:
            continue
        copies = [slide]
        for _ in pages[1:]:
            copies.append(_duplicate_slide(presentation, slide, after=copies[-1]))
        for copy, page in zip(copies, pages):
            _keep_rows(copy, frame.shape_id, header_count, page)
        return [(copy, index > 0) for index, copy in enumerate(copies)]
    return [(slide, False)]


def _pack(heights: list[int], available: int) -> list[range]:
    """Return the row ranges of each page: as many rows as fit, at least one a page."""
    pages: list[range] = []
    start, used = 0, 0
    for index, height in enumerate(heights):
        if index > start and used + height > available:
            pages.append(range(start, index))
            start, used = index, 0
        used += height
    pages.append(range(start, len(heights)))
    return pages


def _keep_rows(slide, shape_id: int, header_count: int, page: range) -> None:
    """Remove from the table ``shape_id`` every body row outside ``page``; fit the frame."""
    frame = next(shape for shape in _table_frames(slide.shapes) if shape.shape_id == shape_id)
    table = frame.table._tbl
    for index, row in enumerate(list(table.iterchildren(_ROW))[header_count:]):
        if index not in page:
            table.remove(row)
    frame.height = Emu(sum(int(row.h) for row in table.iterchildren(_ROW)))


# -- estimating text size -------------------------------------------------------------------------


def _paragraph_size(paragraph) -> float:
    """Return the paragraph's largest explicit font size in points, or DEFAULT_SIZE."""
    sizes = [
        int(element.get("sz"))
        for element in paragraph.iter(_RUN_FORMAT, _END_FORMAT, _DEFAULT_FORMAT)
        if element.get("sz")
    ]
    return max(sizes) / 100 if sizes else DEFAULT_SIZE


def _spacing(paragraph) -> float:
    """Return the space before and after a paragraph, in points (percent spacing ignored)."""
    total = 0.0
    for element in paragraph.iter(_SPACE_BEFORE, _SPACE_AFTER):
        points = element.find(_SPACE_POINTS)
        if points is not None:
            total += int(points.get("val")) / 100
    return total


@lru_cache(maxsize=8192)
def _word_width(word: str) -> float:
    return sum(_character_width(c) for c in word)


def _character_width(character: str) -> float:
    """Return a character's width as a share of the font size, roughly as in Arial."""
    if character in _NARROW:
        return 0.3
    if character in _WIDE:
        return 0.85
    if character.isascii():
        return 0.68 if character.isupper() else 0.55
    return 1.0 if ord(character) >= 0x2E80 else 0.6  # CJK and emoji are square


@lru_cache(maxsize=8192)
def _line_count(text: str, width: float) -> int:
    """Return how many lines ``text`` takes when wrapped at spaces to ``width`` (in font sizes)."""
    lines, used = 1, 0.0
    for word in text.split(" "):
        word_width = _word_width(word)
        space = _character_width(" ") if used else 0.0
        if used and used + space + word_width > width:
            lines, used, space = lines + 1, 0.0, 0.0
        used += space + word_width
        while used > width:  # a word longer than the line breaks anywhere
            lines, used = lines + 1, used - width
    return lines


def _text_height(paragraphs, width: int, scale: float = 1.0) -> float:
    """Return the estimated height, in points, of paragraphs wrapped to ``width`` EMU.

    A hand-written estimate: measuring real glyphs would need the font files, which differ
    between the PC that renders and the one that shows the slides.
    """
    return _measured_height(_measure(paragraphs), width, scale)


def _measure(paragraphs) -> list[tuple[float, list[str], float]]:
    """Return each paragraph's font size, lines of text and spacing: what its height depends on."""
    return [(_paragraph_size(p), _paragraph_source(p).split("\n"), _spacing(p)) for p in paragraphs]


def _measured_height(measures: list[tuple[float, list[str], float]], width: int, scale: float) -> float:
    width_points = max(Emu(width).pt, 1.0)
    height = 0.0
    for size, lines, spacing in measures:
        size *= scale
        count = sum(_line_count(line, width_points / size) for line in lines)
        height += count * size * LINE_HEIGHT + spacing * scale
    return height


def _row_height(row, widths: list[int]) -> int:
    """Return the estimated height of a table row in EMU: its set height or its text's."""
    tallest = 0.0
    column = 0
    for cell in row.iterchildren(_CELL):
        span = int(cell.get("gridSpan", "1"))
        width = sum(widths[column:column + span])
        column += span
        paragraphs = _cell_paragraphs(cell)
        if not paragraphs:
            continue
        margins = cell.find(_CELL_FORMAT)
        sides = _inset(margins, "marL", SIDE_INSET) + _inset(margins, "marR", SIDE_INSET)
        ends = _inset(margins, "marT", END_INSET) + _inset(margins, "marB", END_INSET)
        text = _text_height(paragraphs, width - sides)
        tallest = max(tallest, text + Emu(ends).pt)
    return max(int(row.get("h", "0")), int(Pt(tallest)))


def _fit_text(slide, sizes: dict[tuple, tuple[int, int]]) -> None:
    """Set a shrink scale on each shrink-to-fit text box whose text would overflow it."""
    for autofit in list(slide.shapes._spTree.iter(_SHRINK)):
        # a:normAutofit sits in the text body's a:bodyPr; the shape is the body's parent. Going
        # from the few shrink-to-fit bodies to their shapes skips every other shape's lookups.
        properties = autofit.getparent()
        body = properties.getparent()
        if body.tag != _TEXT_BODY:
            continue  # a table cell's; tables are measured when split
        shape_width, shape_height = _size(slide, body.getparent(), sizes)
        if not shape_width or not shape_height:
            continue
        width = shape_width - _inset(properties, "lIns", SIDE_INSET) - _inset(properties, "rIns", SIDE_INSET)
        height = Emu(shape_height - _inset(properties, "tIns", END_INSET)
                     - _inset(properties, "bIns", END_INSET)).pt
        measures = _measure(body.iterchildren(_PARAGRAPH))
        scale = next(
            (s for s in FONT_SCALES if _measured_height(measures, width, s) <= height), FONT_SCALES[-1]
        )
        for attribute in ("fontScale", "lnSpcReduction"):
            autofit.attrib.pop(attribute, None)
        if scale < 1.0:
            autofit.set("fontScale", str(int(scale * 100000)))
            autofit.set("lnSpcReduction", "10000")


def _inset(properties, name: str, default: int) -> int:
    """Return a text inset (``lIns``...) of a text body's a:bodyPr, or a table cell's margin
    (``marL``...) of its a:tcPr, in EMU; ``properties`` may be None."""
    value = None if properties is None else properties.get(name)
    return int(value) if value else default


def _size(slide, element, sizes: dict[tuple, tuple[int, int]]) -> tuple[int, int]:
    """Return a shape's width and height, looking a placeholder's inherited size up only once per
    layout placeholder (python-pptx walks the layout and master on every access)."""
    extent = element.find(_EXTENT)
    if extent is not None:
        return int(extent.get("cx", 0)), int(extent.get("cy", 0))
    placeholder = element.find(_PLACEHOLDER)
    if placeholder is None:
        return 0, 0
    key = (slide.part.part_related_by(RT.SLIDE_LAYOUT).partname, placeholder.get("type"), placeholder.get("idx"))
    if key not in sizes:
        shape = slide.shapes._shape_factory(element)
        sizes[key] = (shape.width or 0, shape.height or 0)
    return sizes[key]


# -- shapes by name: logo and brand colours -------------------------------------------------------


def _place_logo(slide, logo: Path | None, context: dict[str, Any]) -> None:
    """Replace each shape named ``logo`` with the logo fitted in its box, or remove it; the logo
    has passed :func:`~packgen.images.check_logo`."""
    for marker in _named_shapes(slide.shapes, {"logo"}):
        element = marker._element
        if logo is not None:
            picture = slide.shapes.add_picture(str(logo), marker.left, marker.top)
            pixels_wide, pixels_high = picture.image.size
            scale = min(marker.width / pixels_wide, marker.height / pixels_high)
            picture.width, picture.height = int(pixels_wide * scale), int(pixels_high * scale)
            picture.left = marker.left + (marker.width - picture.width) // 2
            picture.top = marker.top + (marker.height - picture.height) // 2
            picture.name = "logo"
            picture._element.nvPicPr.cNvPr.set("descr", f"{context.get('organisation', '')} logo".strip())
            element.addprevious(picture._element)
        element.getparent().remove(element)


def _apply_brand_colours(presentation, colours: dict[str, str], file_name: str) -> None:
    """Fill the shapes named ``brand-primary`` and ``brand-accent`` with the config's colours."""
    fills = {"brand-primary": colours.get("primary"), "brand-accent": colours.get("accent")}
    owners = [*presentation.slide_masters, *presentation.slide_layouts, *presentation.slides]
    for master in presentation.slide_masters:
        owners.extend(layout for layout in master.slide_layouts if layout not in owners)
    for owner in owners:
        for shape in _named_shapes(owner.shapes, set(fills)):
            colour = fills.get(shape.name)
            if not colour or not hasattr(shape, "fill"):
                continue
            try:
                rgb = RGBColor.from_string(colour.lstrip("#"))
            except ValueError:
                raise TemplateError(
                    f"{file_name}: expected a colour like #1D3557 for '{shape.name}', found '{colour}'"
                ) from None
            shape.fill.solid()
            shape.fill.fore_color.rgb = rgb


# -- checking -------------------------------------------------------------------------------------


def _check_text(text: str, contexts: list[dict[str, Any]], where: str, problems: list[str]) -> None:
    """Add to ``problems`` what in ``text`` none of ``contexts`` can fill, or its syntax error."""
    if not _has_placeholder(text):
        return
    for context in contexts:
        try:
            missing = missing_names(text, context)
        except TemplateSyntaxError as error:
            problems.append(f"{where}: {syntax_message(text, error)}")
            return
        except Exception as error:  # the sandbox refusing, a division by zero...
            problems.append(f"{where}: {_failure_message(text, error)}")
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
            items = _loop_items(name, expression, context, where)
        except TemplateError as error:
            problems.append(str(error))
            items = []
        bound.extend({**context, name: item} for item in items or [ChainableUndefined(name=name)])
    return bound


def _check_slide_loop(slide, context, where, problems) -> list[dict[str, Any]]:
    return _loop_contexts(_take_notes_marker(slide), [context], f"{where}, speaker notes", problems)


def _check_row_loop(row, contexts, row_where, problems) -> list[dict[str, Any]]:
    return _loop_contexts(_take_row_marker(row), contexts, f"{row_where}, column 1", problems)
