import shutil
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from pptx import Presentation

from conftest import HOSTILE_TITLE, example_data, write_config
from packgen.cli import cli
from packgen.errors import ConfigError, OverwriteRefused, TemplateError
from packgen.output import LOCK_FILE, STATE_FILE
from packgen.pack import PLANNING, POST_FORM, PRE_FORM, PRESENTATION, check_templates, pack
from packgen.resources import data_folder, example_folder

PACK = [PRE_FORM, POST_FORM, PRESENTATION, PLANNING]


def test_pack_writes_the_four_artefacts_and_each_opens(tmp_path):
    result = pack(example_folder() / "hub.yaml", tmp_path / "out")
    assert result.report.written == [tmp_path / "out" / name for name in PACK]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([*PACK, STATE_FILE, LOCK_FILE])
    title = "Trust and confidence Innovation Hub"
    assert any(title in p.text for p in Document(tmp_path / "out" / PRE_FORM).paragraphs)
    assert any(title in p.text for p in Document(tmp_path / "out" / POST_FORM).paragraphs)
    slide_text = [s.text_frame.text for s in Presentation(tmp_path / "out" / PRESENTATION).slides[0].shapes
                  if s.has_text_frame]
    assert any(title in text for text in slide_text)
    workbook = openpyxl.load_workbook(tmp_path / "out" / PLANNING)
    assert any(title == c.value for row in workbook.worksheets[0].iter_rows() for c in row)


def test_pack_twice_replaces_its_own_files(tmp_path):
    pack(example_folder() / "hub.yaml", tmp_path)
    again = pack(example_folder() / "hub.yaml", tmp_path)
    assert again.report.written == [tmp_path / name for name in PACK]
    assert again.report.kept_copies == []


def test_invalid_config_builds_nothing(tmp_path):
    data = example_data()
    del data["venue"]
    with pytest.raises(ConfigError):
        pack(write_config(tmp_path / "cfg", data), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_workbook_with_typed_in_results_is_not_overwritten(tmp_path):
    pack(example_folder() / "hub.yaml", tmp_path)
    workbook = openpyxl.load_workbook(tmp_path / PLANNING)
    sheet = workbook["Pre responses"]
    first_empty = sheet.max_row + 1
    sheet.cell(row=first_empty, column=1, value="AB12")
    workbook.save(tmp_path / PLANNING)
    typed = (tmp_path / PLANNING).read_bytes()
    with pytest.raises(OverwriteRefused) as error:
        pack(example_folder() / "hub.yaml", tmp_path)
    assert error.value.problems[0].startswith(f"{tmp_path / PLANNING} holds data typed in since it was made (")
    assert "'Pre responses'" in error.value.problems[0]
    assert (tmp_path / PLANNING).read_bytes() == typed


def test_force_replaces_a_typed_in_workbook_and_keeps_it(tmp_path):
    pack(example_folder() / "hub.yaml", tmp_path)
    workbook = openpyxl.load_workbook(tmp_path / PLANNING)
    workbook["Pre responses"].cell(row=workbook["Pre responses"].max_row + 1, column=1, value="AB12")
    workbook.save(tmp_path / PLANNING)
    typed = (tmp_path / PLANNING).read_bytes()
    result = pack(example_folder() / "hub.yaml", tmp_path, force=True)
    [copy] = result.report.kept_copies
    assert copy.read_bytes() == typed


def test_an_edited_presentation_is_not_overwritten(tmp_path):
    pack(example_folder() / "hub.yaml", tmp_path)
    deck = Presentation(tmp_path / PRESENTATION)
    deck.save(tmp_path / PRESENTATION)  # as if opened and saved in PowerPoint
    edited = (tmp_path / PRESENTATION).read_bytes()
    with pytest.raises(OverwriteRefused) as error:
        pack(example_folder() / "hub.yaml", tmp_path)
    assert error.value.problems[0] == f"{tmp_path / PRESENTATION} has been changed since packgen wrote it"
    assert (tmp_path / PRESENTATION).read_bytes() == edited


def test_own_templates_folder_is_used_for_the_files_it_holds(tmp_path):
    own = tmp_path / "own"
    shutil.copytree(data_folder("templates"), own)
    (own / "docx").joinpath("post-event-form.docx").unlink()
    result = pack(example_folder() / "hub.yaml", tmp_path / "out", templates=own)
    assert result.templates_used[PRESENTATION] == own / "pptx" / "presentation.pptx"
    assert result.templates_used[POST_FORM] == data_folder("templates") / "docx" / "post-event-form.docx"


def test_a_broken_template_builds_nothing(tmp_path):
    own = tmp_path / "own" / "pptx"
    own.mkdir(parents=True)
    shutil.copy(data_folder("templates") / "pptx" / "presentation.pptx", own)
    _replace_in_zip(own / "presentation.pptx", "{{ title }}", "{{ titel }}")
    with pytest.raises(TemplateError) as error:
        pack(example_folder() / "hub.yaml", tmp_path / "out", templates=tmp_path / "own")
    assert "presentation.pptx" in str(error.value) and "'titel' is undefined" in str(error.value)
    assert not (tmp_path / "out").exists()


def test_check_templates_is_clean_for_packgens_own():
    result = check_templates(data_folder("templates"))
    assert result.problems == []
    assert [p.name for p in result.checked] == [
        "pre-event-form.docx", "post-event-form.docx", "presentation.pptx", "planning.xlsx",
        "evaluation-report.html", "you-said-we-did.html", "form.html", "paper.css"]


def test_check_templates_names_the_placeholder_and_file(tmp_path):
    own = tmp_path / "own" / "pptx"
    own.mkdir(parents=True)
    shutil.copy(data_folder("templates") / "pptx" / "presentation.pptx", own)
    _replace_in_zip(own / "presentation.pptx", "{{ title }}", "{{ titel }}")
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


def test_hostile_text_never_breaks_the_pack(tmp_path):
    from conftest import hostile_data

    result = pack(write_config(tmp_path / "cfg", hostile_data()), tmp_path / "out")
    assert len(result.report.written) == 4
    assert any(HOSTILE_TITLE in p.text for p in Document(tmp_path / "out" / PRE_FORM).paragraphs)


def test_cli_pack_reports_each_file_and_refuses_with_exit_3(tmp_path):
    runner = CliRunner()
    config = str(example_folder() / "hub.yaml")
    first = runner.invoke(cli, ["pack", config, "-o", str(tmp_path)])
    assert first.exit_code == 0
    assert [line for line in first.stdout.splitlines()] == [f"Wrote {tmp_path / name}" for name in PACK]
    (tmp_path / PRE_FORM).write_bytes(b"edited")
    second = runner.invoke(cli, ["pack", config, "-o", str(tmp_path)])
    assert second.exit_code == 3
    assert f"{tmp_path / PRE_FORM} has been changed since packgen wrote it" in second.output


def test_cli_templates_check_exits_1_and_lists_problems(tmp_path):
    own = tmp_path / "pptx"
    own.mkdir()
    shutil.copy(data_folder("templates") / "pptx" / "presentation.pptx", own)
    _replace_in_zip(own / "presentation.pptx", "{{ title }}", "{{ titel }}")
    result = CliRunner().invoke(cli, ["templates", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "'titel' is undefined" in result.output


@pytest.mark.libreoffice
def test_every_artefact_of_the_pack_converts_with_libreoffice(tmp_path, libreoffice):
    pack(example_folder() / "hub.yaml", tmp_path)
    for name in PACK:
        text = libreoffice(tmp_path / name)
        assert "Trust and confidence Innovation Hub" in " ".join(text.split()), name


def _replace_in_zip(path, old: str, new: str) -> None:
    """Replace text in every XML part of an Office file (a placeholder in one run)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    found = False
    for name, data in parts.items():
        if name.endswith(".xml") and old.encode() in data:
            parts[name] = data.replace(old.encode(), new.encode())
            found = True
    assert found, f"{old} not found in {path.name}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_the_same_config_gives_byte_identical_files(tmp_path):
    from packgen.pack import render_pack
    from packgen.config import load_config

    loaded = load_config(example_folder() / "hub.yaml")
    first, _ = render_pack(loaded)
    second, _ = render_pack(loaded)
    assert first == second


@pytest.mark.parametrize("render, expected", [
    (lambda ctx, ev, path: __import__("packgen.render.pptx", fromlist=["x"]).render_presentation(ctx, path, None),
     "{path}: no such template file"),
    (lambda ctx, ev, path: __import__("packgen.render.xlsx", fromlist=["x"]).render_planning(ev, ctx, path),
     "{name}: the template file {path} does not exist"),
])
def test_a_missing_template_file_is_one_clear_error(tmp_path, example_config, example_context, render, expected):
    path = tmp_path / "gone"
    with pytest.raises(TemplateError) as error:
        render(example_context, example_config.event, path)
    assert str(error.value) == expected.format(path=path, name=path.name)


def test_an_unusable_output_folder_is_said_before_anything_is_built(tmp_path):
    from packgen.errors import OutputError

    blocker = tmp_path / "afile"
    blocker.write_text("x")
    built = []
    with pytest.raises(OutputError) as error:
        pack(example_folder() / "hub.yaml", blocker / "pack", progress=built.append)
    assert str(error.value) == f"{blocker / 'pack'}: could not create the output folder ({blocker} is not a folder)"
    assert built == []


@pytest.mark.libreoffice
def test_templates_saved_by_libreoffice_check_pack_and_read_back(tmp_path, libreoffice_save, example_config):
    from conftest import tick_and_type
    from packgen.results.forms import read_returned_form

    own = tmp_path / "own"
    for kind, name in (("docx", PRE_FORM), ("docx", POST_FORM), ("pptx", PRESENTATION), ("xlsx", PLANNING)):
        (tmp_path / kind).mkdir(exist_ok=True)
        copy = shutil.copy(data_folder("templates") / kind / name, tmp_path / kind / name)
        (own / kind).mkdir(parents=True, exist_ok=True)
        shutil.copy(libreoffice_save(copy), own / kind / name)
    assert check_templates(own).problems == []
    result = pack(example_folder() / "hub.yaml", tmp_path / "out", templates=own)
    assert result.report.written == [tmp_path / "out" / name for name in PACK]
    for stage, name, ticks, sector, expected in (
            ("pre", PRE_FORM, ["trust=8", "join=0", "sector=Other", "consent"], "Other", {"trust": 8, "join": 0}),
            ("post", POST_FORM, ["recommend=10", "sector=Council"], "Council", {"recommend": 10})):
        filled = tmp_path / f"filled-{name}"
        filled.write_bytes(tick_and_type((tmp_path / "out" / name).read_bytes(), ticks, {"personal_code": ["AB12"]}))
        issues = []
        response = read_returned_form(filled, example_config.event, stage, issues)
        assert (response.code, response.scores, response.sector, response.consent, issues) == (
            "AB12", expected, sector, stage == "pre", [])


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
