"""A form's colours: the template's default primary colour turned into the event's own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from packgen.render.ooxml.document import own_styles

TEMPLATE_PRIMARY = "1D3557"
"""The primary colour the bundled templates are drawn in; rendering swaps in the event's own."""

MINIMUM_CONTRAST = 4.5
"""WCAG AA for text: the event's colour is used only when it has this contrast with white."""


def apply_primary(word: Any, colour: str) -> None:
    """Turn the template's default primary colour into ``colour`` wherever it is used."""
    value = colour.lstrip("#").upper()
    if not re.fullmatch(r"[0-9A-F]{6}", value) or value == TEMPLATE_PRIMARY \
            or contrast_with_white(value) < MINIMUM_CONTRAST:
        return
    attributes = (qn("w:fill"), qn("w:color"))
    own_styles(word)
    for root in story_elements(word):
        for element in root.iter():
            names = (*attributes, qn("w:val")) if element.tag == qn("w:color") else attributes
            for name in names:
                if (element.get(name) or "").upper() == TEMPLATE_PRIMARY:
                    element.set(name, value)


def story_elements(word: Any, styles: bool = True) -> Iterator[Any]:
    """Yield the document, styles (unless ``styles`` is false), header and footer XML roots."""
    yield word.element
    if styles:
        yield word.styles.element
    for relationship in word.part.rels.values():
        if relationship.reltype in (RT.HEADER, RT.FOOTER) and not relationship.is_external:
            part = relationship.target_part
            if hasattr(part, "element"):
                yield part.element


def contrast_with_white(colour: str) -> float:
    """Return the WCAG contrast ratio between ``colour`` (``1D3557``) and white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
