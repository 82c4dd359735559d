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


def test_a_run_compiles_each_template_once_and_a_changed_one_again(tmp_path):
    from packgen.report.html import report_environment
    from packgen.store import TemplateStore

    folder = write(tmp_path, "page.html", "<p>{{ note }}</p>")
    store = TemplateStore()
    render_html("page.html", {"note": "one"}, [folder], store)
    environment = report_environment([folder], store)
    compiled = environment.get_template("page.html")
    render_html("page.html", {"note": "two"}, [folder], store)
    assert environment.get_template("page.html") is compiled
    assert report_environment([folder], TemplateStore()) is not environment  # a new run, a new one

    (folder / "page.html").write_text("<p>Edited: {{ note }}</p>", encoding="utf-8")
    import os
    os.utime(folder / "page.html", ns=(1, 1))  # an edit with another modified time, however quick

    assert render_html("page.html", {"note": "three"}, [folder], store) == "<p>Edited: three</p>"


def test_lists_of_folders_starting_alike_keep_their_own_environment(tmp_path):
    own = write(tmp_path / "own", "page.html", "<p>own {{ note }}</p>")
    first = write(tmp_path / "first", "other.html", "<p>first</p>")
    second = write(tmp_path / "second", "other.html", "<p>second</p>")
    from packgen.store import TemplateStore

    store = TemplateStore()

    assert render_html("other.html", {}, [own, first], store) == "<p>first</p>"
    assert render_html("other.html", {}, [own, second], store) == "<p>second</p>"
