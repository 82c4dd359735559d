"""The templates check (packgen.stages.templates, ``packgen templates check``): every problem with a
force's own templates, at once."""

import shutil

from click.testing import CliRunner
from docx import Document

import pytest

from conftest import replace_in_zip
from packgen.cli import cli
from packgen.errors import TemplateError
from packgen.resources import data_folder
from packgen.stages.pack import PRE_FORM
from packgen.stages.templates import check_templates


def test_check_templates_is_clean_for_packgens_own():
    result = check_templates(data_folder("templates"))
    assert result.problems == []
    assert [p.name for p in result.checked] == [
        "pre-event-form.docx", "post-event-form.docx", "presentation.pptx", "planning.xlsx",
        "evaluation-report.html", "you-said-we-did.html", "you-said-we-did-update.html",
        "you-said-we-did-update-email.html", "form.html", "paper.css"]


def test_check_templates_names_the_placeholder_and_file(tmp_path):
    own = tmp_path / "own" / "pptx"
    own.mkdir(parents=True)
    shutil.copy(data_folder("templates") / "pptx" / "presentation.pptx", own)
    replace_in_zip(own / "presentation.pptx", "{{ title }}", "{{ titel }}")
    result = check_templates(tmp_path / "own")
    assert result.checked == [own / "presentation.pptx"]
    assert result.bundled == ["docx/pre-event-form.docx", "docx/post-event-form.docx", "xlsx/planning.xlsx"]
    assert result.problems and all("presentation.pptx, slide 1" in p for p in result.problems)
    assert any("'titel' is undefined" in p for p in result.problems)


def test_check_templates_with_no_templates_in_the_folder(tmp_path):
    with pytest.raises(TemplateError) as error:
        check_templates(tmp_path)
    assert str(error.value) == (
        f"{tmp_path}: holds none of packgen's templates (expected docx/pre-event-form.docx,"
        " docx/post-event-form.docx, pptx/presentation.pptx, xlsx/planning.xlsx, report/*.html,"
        " paper/form.html, paper/paper.css)")


def test_check_templates_says_what_answer_box_to_put_back(tmp_path, example_config):
    from docx.oxml.ns import qn

    own = tmp_path / "own" / "docx"
    own.mkdir(parents=True)
    document = Document(data_folder("templates") / "docx" / PRE_FORM)
    for properties in list(document.element.body.iter(qn("w:sdtPr"))):
        tag = properties.find(qn("w:tag")).get(qn("w:val"))
        if tag in ("personal_code", "consent", "{{ q.id }}=3") or tag.startswith("sector="):
            properties.remove(properties.find(qn("w:tag")))
            properties.remove(properties.find(qn("w:alias")))
    document.save(own / PRE_FORM)
    how = "(in Word: Developer, Controls, Properties, Title)"
    sectors = ", ".join(f"'{sector}'" for sector in example_config.event.sectors)
    assert check_templates(tmp_path / "own").problems == [
        f"{PRE_FORM}: the answer box for 'Your personal code' is missing or has lost its title; put back a plain"
        f" text box titled 'Your personal code' {how}",
        f"{PRE_FORM}: the answer box for 'Yes, please send me the \u2018You said, we did\u2019 update.' is missing"
        f" or has lost its title; put back a tick box titled 'Yes, send me the update' {how}",
        *[f"{PRE_FORM}: question {n} ('{q}') has no tick box for 3; put back one tick box for each score from 0"
          f" to 10, titled like 'Question {{{{ loop.index }}}} ({{{{ q.id }}}}): 3 out of 10' {how}"
          for n, q in enumerate(["trust", "awareness", "heard", "join"], start=1)],
        f"{PRE_FORM}: no tick box for the sector(s) {sectors}; put back one tick box beside each sector, titled"
        f" like 'Sector: {{{{ row[0] }}}}' {how}",
    ]


# -- The paper form's templates -------------------------------------------------------------------


def _own_paper(tmp_path, name, replace=None, add=""):
    """Return a templates folder whose paper/``name`` is packgen's own with ``replace`` done and
    ``add`` appended."""
    folder = tmp_path / "own" / "paper"
    folder.mkdir(parents=True)
    text = (data_folder("templates") / "paper" / name).read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    (folder / name).write_text(text + add, encoding="utf-8")
    return folder.parent


def _line_of(path, text):
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_check_templates_names_a_syntax_error_in_the_paper_form_with_its_line(tmp_path):
    own = _own_paper(tmp_path, "form.html", replace=("{{ stage_name }}: {{ title }}", "{{ stage_name }: {{ title }}"))
    form = own / "paper" / "form.html"
    result = check_templates(own)
    assert result.checked == [form]
    assert result.problems == [f"{form}, line {_line_of(form, '{{ stage_name }:')}: unexpected '}}'"]


def test_check_templates_lists_every_name_the_paper_form_asks_for_that_packgen_cannot_fill(tmp_path):
    own = _own_paper(tmp_path, "form.html", replace=("{{ stage_name }}: {{ title }}", "{{ stage_nme }}: {{ titel }}"))
    form = own / "paper" / "form.html"
    fill = "packgen cannot fill it (see 'Template names' in the README)"
    assert check_templates(own).problems == [f"{form}: 'stage_nme' is undefined; {fill}",
                                             f"{form}: 'titel' is undefined; {fill}"]


def test_check_templates_says_which_answer_box_the_paper_form_lacks(tmp_path):
    own = _own_paper(tmp_path, "form.html", replace=('id="{{ paper.consent.id }}"', ""))
    form = own / "paper" / "form.html"
    assert check_templates(own).problems == [
        f"{form}: the form must print every answer box; no element has the id 'box-consent-yes'"]


def test_check_templates_refuses_a_paper_stylesheet_whose_boxes_are_under_5mm(tmp_path):
    own = _own_paper(tmp_path, "paper.css", add=".box { width: 4mm; height: 4mm; }\n")
    assert check_templates(own).problems == [
        f"{data_folder('templates') / 'paper' / 'form.html'}: the box 'box-trust-0' is 4mm by 4mm;"
        " expected a square of at least 5mm"]


def test_check_templates_refuses_a_paper_box_in_the_margins(tmp_path):
    own = _own_paper(tmp_path, "paper.css", add="#box-consent-yes { position: absolute; left: -15mm; }\n")
    assert check_templates(own).problems == [
        f"{data_folder('templates') / 'paper' / 'form.html'}: 'box-consent-yes' is printed outside the page's"
        " margins, where the corner marks and the QR code go; keep every box inside them"]


def test_check_templates_passes_a_restyled_paper_form_and_the_cli_says_so(tmp_path):
    own = _own_paper(tmp_path, "paper.css", add=".box { width: 8mm; height: 8mm; }\n")
    result = CliRunner().invoke(cli, ["templates", "check", str(own)])
    assert result.exit_code == 0, result.output
    assert f"Checked {own / 'paper' / 'paper.css'}\n" in result.output
    assert result.output.endswith("No problems found.\n")


def test_check_templates_passes_on_what_weasyprint_ignored_in_a_paper_stylesheet(tmp_path):
    own = _own_paper(tmp_path, "paper.css", add=".box { widht: 8mm; }\n")
    css = own / "paper" / "paper.css"
    line = len(css.read_text(encoding="utf-8").splitlines())
    assert check_templates(own).problems == [f"{own / 'paper'}: Ignored `widht: 8mm` at {line}:8, unknown property."]


def test_cli_templates_check_exits_1_and_lists_problems(tmp_path):
    own = tmp_path / "pptx"
    own.mkdir()
    shutil.copy(data_folder("templates") / "pptx" / "presentation.pptx", own)
    replace_in_zip(own / "presentation.pptx", "{{ title }}", "{{ titel }}")
    result = CliRunner().invoke(cli, ["templates", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "'titel' is undefined" in result.output


def test_the_check_turns_its_problems_into_one_error_naming_the_folder(tmp_path):
    from packgen.stages.templates import TemplateCheck

    found = TemplateCheck(checked=[], bundled=[], problems=["a.docx: one", "b.pptx: two"], folder=tmp_path)
    error = found.error()
    assert isinstance(error, TemplateError)
    assert str(error) == f"{tmp_path}: the templates have 2 problems\n  - a.docx: one\n  - b.pptx: two"
    assert str(TemplateCheck([], [], ["a.docx: one"], tmp_path).error()) == (
        f"{tmp_path}: the templates have 1 problem\n  - a.docx: one")
    assert TemplateCheck([], [], [], tmp_path).error() is None
