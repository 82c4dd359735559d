"""Filling a presentation template from the event: every step, slide by slide."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from packgen.images import check_logo
from packgen.render.pptx.brand import apply_brand_colours, place_logo
from packgen.render.pptx.filling import fill_notes, fill_shapes
from packgen.render.pptx.loops import fill_tables, repeat_slide
from packgen.render.pptx.slides import split_overflowing_table
from packgen.render.pptx.template import inherited_sizes, open_template
from packgen.render.pptx.text_fit import fit_text
from packgen.store import TemplateStore, store_or_new
from packgen.text import PROPERTY_LIMIT, shorten


def render_presentation(
    context: dict[str, Any], template: Path, logo: Path | None, store: TemplateStore | None = None
) -> bytes:
    """Return the finished presentation as the bytes of a .pptx file.

    ``store`` is the run's (see :mod:`packgen.store`): the template is parsed once for all the
    presentations of a run; without one it is parsed afresh.

    Raises :class:`TemplateError` naming the file, slide and shape of any placeholder that cannot
    be filled, and :class:`InputFileError` for a logo that is not a sound PNG or JPEG image.
    """
    store = store_or_new(store)
    if logo is not None:
        _check_logo(logo, store)  # before any slide is filled
    presentation = open_template(template, store)
    context = {"continued": False, **context}
    sizes = store.get(template, inherited_sizes)
    apply_brand_colours(presentation, context.get("colours") or {}, template.name)
    for number, slide in enumerate(list(presentation.slides), start=1):
        where = f"{template.name}, slide {number}"
        for copy, copy_context, copy_where in repeat_slide(presentation, slide, context, where):
            repeated = fill_tables(copy, copy_context, copy_where)
            for page, continued in split_overflowing_table(presentation, copy, repeated):
                page_context = {**copy_context, "continued": continued}
                fill_shapes(page, page_context, copy_where)
                fill_notes(page, page_context, copy_where)
                place_logo(page, logo, context)
                fit_text(page, sizes)
    presentation.core_properties.title = shorten(str(context.get("title", "")), PROPERTY_LIMIT)
    presentation.core_properties.language = "en-GB"
    output = BytesIO()
    presentation.save(output)
    return output.getvalue()


def _check_logo(logo: Path, store: TemplateStore) -> None:
    """Raise InputFileError unless the logo is a sound image; decoding it in full is checked once
    a run while the file is unchanged (a batch gives every event the same logo)."""
    try:
        store.get(logo, checked_logo)
    except OSError:  # the store cannot read the file's size and time: the check says why
        check_logo(logo)
        raise


def checked_logo(logo: Path) -> Path:
    """Return ``logo`` once it has passed :func:`~packgen.images.check_logo` (kept by the store)."""
    check_logo(logo)
    return logo
