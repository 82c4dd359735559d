"""A form's colours (packgen.render.docx.colours)."""

from __future__ import annotations

from docx.oxml.ns import qn

from tests.render.docx.form_helpers import render


def test_primary_colour_replaces_the_templates_default(example_context):
    context = {**example_context, "colours": {"primary": "#0B6E4F", "accent": "#1D3557"}}
    document = render(context)

    assert str(document.styles["Heading 2"].font.color.rgb) == "0B6E4F"
    fills = {shd.get(qn("w:fill")) for shd in document.element.body.iter(qn("w:shd"))}
    assert "0B6E4F" in fills and "1D3557" not in fills


def test_a_forms_own_colour_leaves_the_next_form_in_the_templates_colour(example_context):
    render({**example_context, "colours": {"primary": "#0B6E4F", "accent": "#1D3557"}})
    document = render(example_context)  # the template's own primary colour

    assert str(document.styles["Heading 2"].font.color.rgb) == "1D3557"


def test_primary_colour_too_light_for_white_is_not_used(example_context):
    context = {**example_context, "colours": {"primary": "#FFD700", "accent": "#1D3557"}}
    document = render(context)

    assert str(document.styles["Heading 2"].font.color.rgb) == "1D3557"
