"""Checking a form template (packgen.render.docx.checking)."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from packgen.errors import TemplateError
from packgen.render.docx import check_template
from packgen.resources import template_path
from tests.render.docx.form_helpers import CANNOT_FILL, docx_with


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_check_template_returns_nothing_for_the_bundled_templates(example_context, hostile_context, stage):
    assert check_template(template_path(f"{stage}-event-form"), example_context) == []
    assert check_template(template_path(f"{stage}-event-form"), hostile_context) == []


def test_check_template_names_each_unknown_placeholder_and_where_it_is(example_context, tmp_path):
    path = docx_with(tmp_path, "own-form.docx", ["Hello", "{{ title }}", "At {{ venu.name }}"],
                     cell="{{ venue.nme }}", header="{{ organisaton }}")

    assert check_template(path, example_context) == [
        f"own-form.docx, paragraph 3: 'venu' is undefined; {CANNOT_FILL}",
        f"own-form.docx, table 1, row 3: 'dict object' has no attribute 'nme'; {CANNOT_FILL}",
        f"own-form.docx, header, paragraph 1: 'organisaton' is undefined; {CANNOT_FILL}",
    ]


def test_check_template_understands_loops_and_reports_names_inside_them(example_context, tmp_path):
    path = docx_with(tmp_path, "loops.docx", ["{%p for q in pre_questions %}", "{{ q.pre }} {{ q.wording }}",
                                               "{%p endfor %}"])

    assert check_template(path, example_context) == [
        f"loops.docx, paragraph 2: 'dict object' has no attribute 'wording'; {CANNOT_FILL}",
    ]


def test_check_template_reports_a_placeholder_inside_a_content_control_tag(example_context, tmp_path):
    document = Document(template_path("pre-event-form"))
    for tag in document.element.body.iter(qn("w:tag")):
        if tag.get(qn("w:val")) == "{{ q.id }}=7":
            tag.set(qn("w:val"), "{{ q.key }}=7")
    path = tmp_path / "pre-event-form.docx"
    document.save(path)

    [message] = check_template(path, example_context)

    assert message.startswith("pre-event-form.docx, table ") and ", row 3: " in message
    assert message.endswith(f"'dict object' has no attribute 'key'; {CANNOT_FILL}")


def test_check_template_names_a_syntax_error_and_where_it_is(example_context, tmp_path):
    path = docx_with(tmp_path, "broken.docx", ["Hello", "{{ title }", "After"])

    assert check_template(path, example_context) == [
        "broken.docx, paragraph 2: the placeholder text '{{ title }' is not valid: unexpected '}'",
    ]


def test_check_template_points_at_a_block_that_is_never_closed(example_context, tmp_path):
    path = docx_with(tmp_path, "unclosed.docx", ["a", "{% for q in pre_questions %}", "{{ q.pre }}", "b"])

    [message] = check_template(path, example_context)

    assert message.startswith("unclosed.docx, paragraph 2: the placeholder text '{% for q in pre_questions %}'"
                              " is not valid: Unexpected end of template.")


def test_check_template_reports_what_the_sandbox_refuses(example_context, tmp_path):
    path = docx_with(tmp_path, "sneaky.docx", ["{{ title.__class__.__mro__ }}"])

    assert check_template(path, example_context) == [
        "sneaky.docx, paragraph 1: access to attribute '__class__' of 'str' object is unsafe;"
        " templates cannot reach Python's internals",
    ]


def test_check_template_reports_an_unreadable_file(example_context, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK not really")

    with pytest.raises(TemplateError) as error:
        check_template(path, example_context)

    assert str(error.value).startswith(f"{path}: not a Word (.docx) file packgen can read")
