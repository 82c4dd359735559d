import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from pptx import Presentation

from conftest import HOSTILE_TITLE, example_data, replace_in_zip, write_config
from packgen.cli import cli
from packgen.errors import ConfigError, OverwriteRefused, TemplateError
from packgen.output import LOCK_FILE, STATE_FILE
from packgen.stages.pack import PLANNING, POST_FORM, PRE_FORM, PRESENTATION, pack
from packgen.stages.templates import check_templates
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
    replace_in_zip(own / "presentation.pptx", "{{ title }}", "{{ titel }}")
    with pytest.raises(TemplateError) as error:
        pack(example_folder() / "hub.yaml", tmp_path / "out", templates=tmp_path / "own")
    assert "presentation.pptx" in str(error.value) and "'titel' is undefined" in str(error.value)
    assert not (tmp_path / "out").exists()


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


@pytest.mark.libreoffice
def test_every_artefact_of_the_pack_converts_with_libreoffice(tmp_path, libreoffice):
    pack(example_folder() / "hub.yaml", tmp_path)
    for name in PACK:
        text = libreoffice(tmp_path / name)
        assert "Trust and confidence Innovation Hub" in " ".join(text.split()), name


def test_the_same_config_gives_byte_identical_files(tmp_path):
    from packgen.stages.pack import render_pack
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
