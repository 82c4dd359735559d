"""Slides: copied (with their notes and the files they use), deleted, and split when a table's
repeated rows run off the bottom."""

from __future__ import annotations

from copy import deepcopy
from typing import Any
from weakref import WeakKeyDictionary

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.util import Emu, Inches

from packgen.render.ooxml.presentation import part_element, shape_tree
from packgen.render.pptx.paragraphs import notes_part
from packgen.render.pptx.shapes import table_element, table_frames
from packgen.render.pptx.tags import RELATIONSHIP_NAMESPACE, ROW
from packgen.render.pptx.text_fit import row_height

BOTTOM_MARGIN = Inches(0.35)
"""Space kept free below a table before its rows are split onto a continuation slide."""


def duplicate_slide(presentation, slide, after):
    """Return a copy of ``slide`` (shapes, background, notes and the files they use) placed right
    after the slide ``after``.

    The slide's part is cloned as it is, which is quicker than python-pptx's ``add_slide`` (that
    copies the layout's placeholders, which would all be replaced) and keeps every setting.
    """
    package = slide.part.package
    copy = _copy_part(slide.part, _next_partname(package, "/ppt/slides/slide%d.xml"))
    notes = notes_part(slide)
    if notes is not None:
        notes_copy = _copy_part(notes, _next_partname(package, "/ppt/notesSlides/notesSlide%d.xml"),
                                {slide.part: copy})
        copy.relate_to(notes_copy, RT.NOTES_SLIDE)
    rId = presentation.part.relate_to(copy, RT.SLIDE)
    new_id = presentation.slides.element.add_sldId(rId)
    _slide_id(presentation, after).addnext(new_id)
    return copy.slide


def delete_slide(presentation, slide) -> None:
    """Remove ``slide`` from the presentation's slides (its part is no longer saved)."""
    slide_id = _slide_id(presentation, slide)
    presentation.slides.element.remove(slide_id)
    presentation.part.drop_rel(slide_id.rId)


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
"""Per package being filled (never a template: each render fills its own copy), the part names
it uses; gone with the package."""


def _copy_part(part, partname, retarget: dict | None = None):
    """Return a copy of an XML part under ``partname``, related to the same parts as ``part``
    (or, for a part in ``retarget``, to its replacement), its notes slide left out."""
    copy = type(part)(partname, part.content_type, part.package, deepcopy(part_element(part)))
    renamed = {}
    for rId, relationship in part.rels.items():
        if relationship.reltype == RT.NOTES_SLIDE:
            continue
        if relationship.is_external:
            renamed[rId] = copy.rels.get_or_add_ext_rel(relationship.reltype, relationship.target_ref)
        else:
            target = relationship.target_part
            renamed[rId] = copy.rels.get_or_add(relationship.reltype, (retarget or {}).get(target, target))
    for element in part_element(copy).iter():
        for attribute, value in element.attrib.items():
            if attribute.startswith(RELATIONSHIP_NAMESPACE) and value in renamed:
                element.set(attribute, renamed[value])
    return copy


def _slide_id(presentation, slide):
    """Return the p:sldId element listing ``slide`` in the presentation."""
    for slide_id in presentation.slides.element:
        if presentation.part.related_part(slide_id.rId) is slide.part:
            return slide_id
    raise LookupError("slide is not in the presentation")


def split_overflowing_table(presentation, slide, headers: dict[int, int]) -> list[tuple[Any, bool]]:
    """Return ``(slide, continued)`` pages: the slide itself, plus continuation copies when the
    first table with repeated rows (not in a group) runs off the bottom of the slide."""
    if not headers:
        return [(slide, False)]  # no table with repeated rows
    for frame in table_frames(slide.shapes):
        if frame.shape_id not in headers or frame.element.getparent() is not shape_tree(slide.shapes):
            continue
        header_count = headers[frame.shape_id]
        table = table_element(frame)
        widths = [column.w for column in table.tblGrid.gridCol_lst]
        heights = [row_height(row, widths) for row in table.iterchildren(ROW)]
        available = presentation.slide_height - frame.top - BOTTOM_MARGIN
        if sum(heights) <= available:
            continue
        pages = pack_rows(heights[header_count:], available - sum(heights[:header_count]))
        if len(pages) < 2:
            continue
        copies = [slide]
        for _ in pages[1:]:
            copies.append(duplicate_slide(presentation, slide, after=copies[-1]))
        for copy, page in zip(copies, pages):
            _keep_rows(copy, frame.shape_id, header_count, page)
        return [(copy, index > 0) for index, copy in enumerate(copies)]
    return [(slide, False)]


def pack_rows(heights: list[int], available: int) -> list[range]:
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
    frame = next(shape for shape in table_frames(slide.shapes) if shape.shape_id == shape_id)
    table = table_element(frame)
    for index, row in enumerate(list(table.iterchildren(ROW))[header_count:]):
        if index not in page:
            table.remove(row)
    frame.height = Emu(sum(int(row.h) for row in table.iterchildren(ROW)))
