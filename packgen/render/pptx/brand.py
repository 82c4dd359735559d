"""Shapes by name: the ``logo`` shape replaced by the config's logo, and the ``brand-primary`` and
``brand-accent`` shapes filled with its colours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx.dml.color import RGBColor

from packgen.errors import TemplateError
from packgen.render.pptx.shapes import named_shapes


def place_logo(slide, logo: Path | None, context: dict[str, Any]) -> None:
    """Replace each shape named ``logo`` with the logo fitted in its box, or remove it; the logo
    has passed :func:`~packgen.images.check_logo`."""
    for marker in named_shapes(slide.shapes, {"logo"}):
        element = marker.element
        if logo is not None:
            picture = slide.shapes.add_picture(str(logo), marker.left, marker.top)
            pixels_wide, pixels_high = picture.image.size
            scale = min(marker.width / pixels_wide, marker.height / pixels_high)
            picture.width, picture.height = int(pixels_wide * scale), int(pixels_high * scale)
            picture.left = marker.left + (marker.width - picture.width) // 2
            picture.top = marker.top + (marker.height - picture.height) // 2
            picture.name = "logo"
            picture.element.nvPicPr.cNvPr.set("descr", f"{context.get('organisation', '')} logo".strip())
            element.addprevious(picture.element)
        element.getparent().remove(element)


def apply_brand_colours(presentation, colours: dict[str, str], file_name: str) -> None:
    """Fill the shapes named ``brand-primary`` and ``brand-accent`` with the config's colours."""
    fills = {"brand-primary": colours.get("primary"), "brand-accent": colours.get("accent")}
    owners = [*presentation.slide_masters, *presentation.slide_layouts, *presentation.slides]
    for master in presentation.slide_masters:
        owners.extend(layout for layout in master.slide_layouts if layout not in owners)
    for owner in owners:
        for shape in named_shapes(owner.shapes, set(fills)):
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
