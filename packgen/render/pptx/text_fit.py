"""Measuring text: how tall a shape's or table row's text will be, and the shrink-to-fit scale.

A hand-written estimate: measuring real glyphs would need the font files, which differ between the
PC that renders and the one that shows the slides. It assumes Arial-like widths.
"""

from __future__ import annotations

from functools import lru_cache

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

from packgen.render.ooxml.presentation import shape_proxy, shape_tree
from packgen.render.pptx.paragraphs import cell_paragraphs, paragraph_source
from packgen.render.pptx.tags import (
    CELL, CELL_FORMAT, DEFAULT_FORMAT, END_FORMAT, EXTENT, PARAGRAPH, PLACEHOLDER, RUN_FORMAT, SHRINK,
    SPACE_AFTER, SPACE_BEFORE, SPACE_POINTS, TEXT_BODY,
)

LINE_HEIGHT = 1.2
"""Line height as a share of the font size."""
DEFAULT_SIZE = 18.0
"""Font size assumed, in points, for text whose size the template leaves to its master."""
SIDE_INSET, END_INSET = 91440, 45720
"""Office's default text insets (left and right, top and bottom) in EMU, for boxes and cells."""
FONT_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.25)
"""The shrink steps tried for an overflowing text box, largest first."""
# Character classes for estimating how wide text is (see _character_width).
_NARROW = frozenset(" .,:;'!|()[]-/\"ijlftrI")
_WIDE = frozenset("mwMW@%")

InheritedSizes = dict[tuple, tuple[int, int]]
"""Placeholders' sizes inherited from a template's layouts, by (layout part name, type, index)."""


def fit_text(slide, sizes: InheritedSizes) -> None:
    """Set a shrink scale on each shrink-to-fit text box whose text would overflow it.

    ``sizes`` holds the inherited sizes looked up so far for this template; new ones are added.
    """
    for autofit in list(shape_tree(slide.shapes).iter(SHRINK)):
        # a:normAutofit sits in the text body's a:bodyPr; the shape is the body's parent. Going
        # from the few shrink-to-fit bodies to their shapes skips every other shape's lookups.
        properties = autofit.getparent()
        body = properties.getparent()
        if body.tag != TEXT_BODY:
            continue  # a table cell's; tables are measured when split
        shape_width, shape_height = _size(slide, body.getparent(), sizes)
        if not shape_width or not shape_height:
            continue
        width = shape_width - inset(properties, "lIns", SIDE_INSET) - inset(properties, "rIns", SIDE_INSET)
        height = Emu(shape_height - inset(properties, "tIns", END_INSET)
                     - inset(properties, "bIns", END_INSET)).pt
        measures = _measure(body.iterchildren(PARAGRAPH))
        scale = next(
            (s for s in FONT_SCALES if _measured_height(measures, width, s) <= height), FONT_SCALES[-1]
        )
        for attribute in ("fontScale", "lnSpcReduction"):
            autofit.attrib.pop(attribute, None)
        if scale < 1.0:
            autofit.set("fontScale", str(int(scale * 100000)))
            autofit.set("lnSpcReduction", "10000")


def row_height(row, widths: list[int]) -> int:
    """Return the estimated height of a table row in EMU: its set height or its text's."""
    tallest = 0.0
    column = 0
    for cell in row.iterchildren(CELL):
        span = int(cell.get("gridSpan", "1"))
        width = sum(widths[column:column + span])
        column += span
        paragraphs = cell_paragraphs(cell)
        if not paragraphs:
            continue
        margins = cell.find(CELL_FORMAT)
        sides = inset(margins, "marL", SIDE_INSET) + inset(margins, "marR", SIDE_INSET)
        ends = inset(margins, "marT", END_INSET) + inset(margins, "marB", END_INSET)
        text = text_height(paragraphs, width - sides)
        tallest = max(tallest, text + Emu(ends).pt)
    return max(int(row.get("h", "0")), int(Pt(tallest)))


def text_height(paragraphs, width: int, scale: float = 1.0) -> float:
    """Return the estimated height, in points, of paragraphs wrapped to ``width`` EMU."""
    return _measured_height(_measure(paragraphs), width, scale)


def inset(properties, name: str, default: int) -> int:
    """Return a text inset (``lIns``...) of a text body's a:bodyPr, or a table cell's margin
    (``marL``...) of its a:tcPr, in EMU; ``properties`` may be None."""
    value = None if properties is None else properties.get(name)
    return int(value) if value else default


def _measure(paragraphs) -> list[tuple[float, list[str], float]]:
    """Return each paragraph's font size, lines of text and spacing: what its height depends on."""
    return [(_paragraph_size(p), paragraph_source(p).split("\n"), _spacing(p)) for p in paragraphs]


def _measured_height(measures: list[tuple[float, list[str], float]], width: int, scale: float) -> float:
    width_points = max(Emu(width).pt, 1.0)
    height = 0.0
    for size, lines, spacing in measures:
        size *= scale
        count = sum(_line_count(line, width_points / size) for line in lines)
        height += count * size * LINE_HEIGHT + spacing * scale
    return height


def _paragraph_size(paragraph) -> float:
    """Return the paragraph's largest explicit font size in points, or DEFAULT_SIZE."""
    sizes = [
        int(element.get("sz"))
        for element in paragraph.iter(RUN_FORMAT, END_FORMAT, DEFAULT_FORMAT)
        if element.get("sz")
    ]
    return max(sizes) / 100 if sizes else DEFAULT_SIZE


def _spacing(paragraph) -> float:
    """Return the space before and after a paragraph, in points (percent spacing ignored)."""
    total = 0.0
    for element in paragraph.iter(SPACE_BEFORE, SPACE_AFTER):
        points = element.find(SPACE_POINTS)
        if points is not None:
            total += int(points.get("val")) / 100
    return total


# A pure function of its text: the width depends on nothing else, so it is never stale.
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


# A pure function of its text and width: nothing else goes in, so it is never stale.
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


def _size(slide, element, sizes: InheritedSizes) -> tuple[int, int]:
    """Return a shape's width and height, looking a placeholder's inherited size up only once per
    layout placeholder (python-pptx walks the layout and master on every access)."""
    extent = element.find(EXTENT)
    if extent is not None:
        return int(extent.get("cx", 0)), int(extent.get("cy", 0))
    placeholder = element.find(PLACEHOLDER)
    if placeholder is None:
        return 0, 0
    key = (slide.part.part_related_by(RT.SLIDE_LAYOUT).partname, placeholder.get("type"), placeholder.get("idx"))
    if key not in sizes:
        shape = shape_proxy(slide.shapes, element)
        sizes[key] = (shape.width or 0, shape.height or 0)
    return sizes[key]
