"""Finding shapes on a slide: by name, and the tables.

The engine walks the shape tree's elements and makes python-pptx shapes only for the few it needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from packgen.render.ooxml.presentation import shape_proxy, shape_tree
from packgen.render.pptx.tags import FRAME, GROUP, NAMES, TABLE

_TABLE_PATH = "/".join(("{http://schemas.openxmlformats.org/drawingml/2006/main}graphic",
                        "{http://schemas.openxmlformats.org/drawingml/2006/main}graphicData", TABLE))


def shape_name(element) -> str:
    """Return the name of a shape element (the p:cNvPr in its first child, p:nvSpPr or the like)."""
    names = element.find(f"*/{NAMES}")
    return "" if names is None else names.get("name", "")


def named_shapes(shapes, names: set[str]) -> list[Any]:
    """Return the shapes of a collection (groups not entered) whose name is one of ``names``."""
    return [shape_proxy(shapes, element) for element in shape_tree(shapes).iter_shape_elms()
            if shape_name(element) in names]


def table_frames(shapes) -> Iterator[Any]:
    """Yield each graphic frame holding a table, groups included, as python-pptx shapes (made
    only for those frames)."""
    for element in shape_tree(shapes).iterchildren(FRAME, GROUP):
        if element.tag == GROUP:
            yield from table_frames(shape_proxy(shapes, element).shapes)
        elif next(element.iter(TABLE), None) is not None:
            yield shape_proxy(shapes, element)


def table_element(frame) -> Any:
    """Return the a:tbl element of a graphic frame holding a table."""
    return frame.element.find(_TABLE_PATH)
