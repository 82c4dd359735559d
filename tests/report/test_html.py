"""Filling the report templates (packgen.report.html): escaped, sandboxed, strict, located."""

from __future__ import annotations

import pytest

from packgen.errors import TemplateError
from packgen.report.html import render_html
from packgen.resources import report_folders

HOSTILE = '<img src="file:///etc/passwd"> {{ 7*7 }} & < > http://169.254.169.254/ data:text/html,x \x07'


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_values_are_escaped_and_never_rendered_again(tmp_path):
    folder = write(tmp_path, "page.html", "<p>{{ note }}</p>")
    html = render_html("page.html", {"note": HOSTILE}, [folder])
    assert html == ('<p>&lt;img src=&#34;file:///etc/passwd&#34;&gt; {{ 7*7 }} &amp; &lt; &gt;'
                    " http://169.254.169.254/ data:text/html,x </p>")


def test_a_missing_name_is_an_error_naming_the_template(tmp_path):
    folder = write(tmp_path, "page.html", "<p>{{ nothing }}</p>")
    with pytest.raises(TemplateError) as error:
        render_html("page.html", {}, [folder])
    assert str(error.value) == (f"{folder / 'page.html'}: 'nothing' is undefined; packgen cannot fill it"
                                " (see 'Template names' in the README)")


def test_a_syntax_error_names_the_file_and_line(tmp_path):
    folder = write(tmp_path, "page.html", "<p>\n{% if %}</p>")
    with pytest.raises(TemplateError) as error:
        render_html("page.html", {}, [folder])
    assert str(error.value) == f"{folder / 'page.html'}, line 2: Expected an expression, got 'end of statement block'"


def test_the_sandbox_refuses_python_internals(tmp_path):
    folder = write(tmp_path, "page.html", "{{ note.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError) as error:
        render_html("page.html", {"note": "x"}, [folder])
    assert str(error.value).startswith(f"{folder / 'page.html'}: ")


def test_a_missing_template_is_named(tmp_path):
    with pytest.raises(TemplateError) as error:
        render_html("nope.html", {}, [tmp_path])
    assert str(error.value) == f"{tmp_path / 'nope.html'}: the report template is missing"


def test_a_forces_template_extends_packgens_base(tmp_path, example_context):
    folder = write(tmp_path / "report", "you-said-we-did.html",
                   '{% extends "base.html" %}{% block title %}Ours{% endblock %}{% block content %}<h1>{{ title }}</h1>{% endblock %}')
    html = render_html("you-said-we-did.html", {**example_context, "brand": "#1D3557", "logo": None},
                       [folder, *report_folders()])
    assert "<title>Ours</title>" in html
    assert '<html lang="en-GB">' in html
    assert "<h1>Trust and confidence Innovation Hub</h1>" in html
