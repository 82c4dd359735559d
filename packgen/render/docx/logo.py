"""The logo on a form: checked, sized for the header and given its alternative text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.image.image import Image
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from packgen.images import check_logo
from packgen.render.docx.colours import story_elements
from packgen.store import TemplateStore

LOGO_HEIGHT_MM = 15
LOGO_MAX_WIDTH_MM = 60


def logo_image(document: DocxTemplate, logo: Path, store: TemplateStore) -> InlineImage:
    """Return the logo sized for the header: 15mm high, at most 60mm wide; raise
    :class:`InputFileError` for a logo that is not a sound PNG or JPEG image."""
    if not logo.is_file():
        check_logo(logo)  # says what is wrong; the store keeps only what is made from a file
    width, height = store.get(logo, logo_size)
    width_mm = LOGO_HEIGHT_MM * width / max(height, 1)
    if width_mm > LOGO_MAX_WIDTH_MM:
        return InlineImage(document, str(logo), width=Mm(LOGO_MAX_WIDTH_MM))
    return InlineImage(document, str(logo), height=Mm(LOGO_HEIGHT_MM))


def logo_size(logo: Path) -> tuple[int, int]:
    """Return the logo's width and height in pixels, once it has passed :func:`check_logo`."""
    check_logo(logo)
    image = Image.from_file(str(logo))
    return image.px_width, image.px_height


def describe_images(word: Any, logo: Path, text: str) -> None:
    """Give the logo, wherever the template put it, its alternative text."""
    for root in story_elements(word, styles=False):  # styles hold no pictures
        for drawing in root.iter(qn("wp:inline"), qn("wp:anchor")):
            pictures = list(drawing.iter(qn("pic:cNvPr")))
            if any(picture.get("name") == logo.name for picture in pictures):
                for element in [*drawing.iter(qn("wp:docPr")), *pictures]:
                    element.set("descr", text)
