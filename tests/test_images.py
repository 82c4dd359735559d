"""The image check (packgen.images) every place that opens the logo uses."""

from __future__ import annotations

import io

import pytest

from packgen.errors import InputFileError
from packgen.images import check_logo, logo_problem
from packgen.resources import example_folder


def image_bytes(kind: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, kind)
    return buffer.getvalue()


def test_a_sound_png_and_jpeg_pass(tmp_path):
    (tmp_path / "logo.jpg").write_bytes(image_bytes("JPEG"))
    assert logo_problem(example_folder() / "logo.png") is None
    assert logo_problem(tmp_path / "logo.jpg") is None
    check_logo(tmp_path / "logo.jpg")


@pytest.mark.parametrize("truncated_allowed", [False, True], ids=["alone", "after weasyprint"])
@pytest.mark.parametrize("name, content, problem", [
    ("missing.png", None, "the logo file {path} does not exist"),
    ("text.png", b"not an image", "the logo file {path} is not a PNG or JPEG image"),
    ("cut-short.png", image_bytes("PNG")[:60], "the logo file {path} is damaged: it starts as a PNG image but"
     " cannot be read (export it again from your image editor)"),
    ("cut-short.jpg", image_bytes("JPEG")[:300], "the logo file {path} is damaged: it starts as a JPEG image but"
     " cannot be read (export it again from your image editor)"),
], ids=["missing", "text", "cut-short-png", "cut-short-jpeg"])
def test_a_bad_logo_is_one_input_file_error_naming_the_file(tmp_path, monkeypatch, name, content, problem,
                                                           truncated_allowed):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", truncated_allowed)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputFileError) as error:
        check_logo(path)
    assert str(error.value) == problem.format(path=path)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is truncated_allowed  # put back as it was


def test_too_many_pixels_is_said_plainly(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 300)
    path = tmp_path / "huge.png"
    path.write_bytes(image_bytes("PNG"))  # 800 pixels
    assert logo_problem(path) == f"the logo file {path} has too many pixels for a logo (save a smaller copy)"
