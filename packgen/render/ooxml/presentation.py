"""python-pptx's private names, each behind one function: the only module that touches them.

The presentation engine walks slides' XML with lxml (python-pptx's shape proxies run an XPath query
per property, which dominated the time a presentation took) and copies slide parts whole. For that
it needs three things python-pptx keeps under private names; each function says why the public API
does not serve. ``tests/render/ooxml/test_presentation.py`` pins each one, so a python-pptx release
that changes them fails there, not in the middle of a pack.
"""

from __future__ import annotations

from typing import Any


def shape_tree(shapes) -> Any:
    """Return the element a shape collection lists: a slide's, layout's, master's or notes page's
    ``p:spTree``, or a group's ``p:grpSp``.

    python-pptx offers the shapes only as proxies, made one per element whenever the collection is
    iterated; the engine reads paragraphs, names and sizes straight from the elements instead, so it
    needs the tree itself (``shapes._spTree``), which no public property returns.
    """
    return shapes._spTree


def shape_proxy(shapes, element) -> Any:
    """Return the python-pptx shape for one element of ``shape_tree(shapes)``, made the way the
    collection makes its own (a layout's placeholder differs from a slide's).

    Iterating a collection makes a proxy for every shape; the engine wants the proxies of the few
    elements it has found (tables, the logo, brand shapes), and only the collection's private
    ``_shape_factory`` makes one for a given element.
    """
    return shapes._shape_factory(element)


def part_element(part) -> Any:
    """Return the root element of an XML part (a slide's ``p:sld``, a notes page's ``p:notes``).

    python-pptx keeps it as ``part._element``; the public ``part.blob`` serialises it to bytes, and
    a copied slide part needs the live element to deep-copy and to rewrite its relationship ids.
    """
    return part._element
