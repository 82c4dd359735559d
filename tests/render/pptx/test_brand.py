"""The logo and brand colours (packgen.render.pptx.brand)."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

from packgen.errors import InputFileError
from decks import LOGO, render


def test_logo_replaces_each_logo_shape_keeping_its_proportions(example_context):
    presentation = render(example_context)
    pictures = [
        shape for slide in presentation.slides for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]

    assert len(pictures) == 2
    for picture in pictures:
        assert picture.name == "logo"
        assert picture.image.blob == LOGO.read_bytes()
        assert abs(picture.width / picture.height - 3.0) < 0.01
        assert picture._element.nvPicPr.cNvPr.get("descr") == "Metropolitan Police Service logo"


def test_no_logo_removes_the_logo_shapes(example_context):
    presentation = render(example_context, logo=None)

    assert not [s for slide in presentation.slides for s in slide.shapes if s.name == "logo"]


def test_unreadable_logo_raises_input_file_error(example_context, tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_text("not an image", encoding="utf-8")

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=bad)
    assert str(error.value) == f"the logo file {bad} is not a PNG or JPEG image"


def test_a_cut_short_logo_is_the_config_check_s_error_even_after_weasyprint(example_context, tmp_path, monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint leaves it
    bad = tmp_path / "logo.png"
    bad.write_bytes(LOGO.read_bytes()[:60])

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=bad)
    assert str(error.value) == (f"the logo file {bad} is damaged: it starts as a PNG image but cannot be read"
                                " (export it again from your image editor)")


def test_brand_colours_fill_the_named_shapes(example_context):
    context = {**example_context, "colours": {"primary": "#8B0000", "accent": "#004D40"}}
    presentation = render(context)
    master = presentation.slide_master

    bar = next(s for s in master.shapes if s.name == "brand-primary")
    edge = next(s for s in presentation.slides[1].shapes if s.name == "brand-accent")
    assert str(bar.fill.fore_color.rgb) == "8B0000"
    assert str(edge.fill.fore_color.rgb) == "004D40"

