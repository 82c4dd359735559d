"""The logo on a form (packgen.render.docx.logo)."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from packgen.errors import InputFileError
from tests.render.docx.form_helpers import LOGO, paragraph_texts, render


def test_header_shows_the_organisation_and_the_logo(example_context):
    document = render(example_context)
    header = document.sections[0].header.part.element

    assert paragraph_texts(header)[0] == "Metropolitan Police Service"
    pictures = list(header.iter(qn("wp:docPr")))
    assert [p.get("descr") for p in pictures] == ["Metropolitan Police Service logo"]
    image = document.sections[0].header.part.related_parts[next(header.iter(qn("a:blip"))).get(qn("r:embed"))]
    assert image.blob == LOGO.read_bytes()


def test_no_logo_means_no_image_and_no_error(example_context):
    document = render(example_context, logo=None)

    assert list(document.sections[0].header.part.element.iter(qn("wp:docPr"))) == []
    assert paragraph_texts(document.sections[0].header.part.element)[0] == "Metropolitan Police Service"


def test_an_unreadable_logo_is_an_input_file_error(example_context, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_text("not an image")

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=logo)

    assert str(error.value) == f"the logo file {logo} is not a PNG or JPEG image"


def test_a_cut_short_logo_is_the_config_check_s_error_even_after_weasyprint(example_context, tmp_path, monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint leaves it
    logo = tmp_path / "logo.png"
    logo.write_bytes(LOGO.read_bytes()[:60])

    with pytest.raises(InputFileError) as error:
        render(example_context, logo=logo)

    assert str(error.value) == (f"the logo file {logo} is damaged: it starts as a PNG image but cannot be read"
                                " (export it again from your image editor)")
