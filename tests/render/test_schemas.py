"""Every part of every Office file packgen writes is valid Office Open XML.

The check is openxml-audit's (installed from PyPI with the test tools: ``pip install -e .[test]``),
a port of the validator of Microsoft's Open XML SDK. It checks the package (content types,
relationships, the parts a document must have), every XML part against the ECMA-376 Transitional
schemas as Office reads them (the SDK's schema data: ECMA-376 with Office's own notes on it, and
the schemas of the Office 2010 and later extension namespaces), and the SDK's semantic rules.
An element of a namespace that its part lists in ``mc:Ignorable`` is skipped by that rule of
Markup Compatibility, as Office skips it; every other element is checked.

openxml-audit also reports guesses of its own about what an application may rewrite on saving
(its ``*_app_compat`` findings: a Word 2010 ``stylesWithEffects`` part that lags ``styles.xml``,
inline strings in a workbook with no shared-strings table). They are not schema findings and are
left out here. No package on PyPI ships the ECMA-376 XSD files themselves to run with lxml; where
the SDK reads the schemas more loosely than ECMA-376 (it does not require ``w:zoom``'s
``w:percent``), the test of that fix checks the part itself.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import hostile_data, write_config
from lxml import etree
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font
from openxml_audit import FileFormat, OpenXmlValidator, SourceClass

from packgen.stages.batch import run_batch
from packgen.config import load_config
from packgen.context import build_context
from packgen.stages.pack import render_pack
from packgen.resources import example_folder, template_path
from packgen.render.xlsx import render_planning
from packgen.results.entry import entry_sheet
from packgen.stages.rollup import collect, rollup_workbook

APP_COMPAT = {SourceClass.WORD_APP_COMPAT, SourceClass.EXCEL_APP_COMPAT,
              SourceClass.POWERPOINT_APP_COMPAT}
"""openxml-audit's own findings about applications rewriting files, not about the schemas."""
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BATCH_EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "batch-example"


@pytest.fixture(scope="module")
def validator() -> OpenXmlValidator:
    return OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0)


def problems(validator: OpenXmlValidator, path: Path) -> list[str]:
    """Return every schema, package and semantic finding about the file at ``path``, warnings too."""
    return [str(error) for error in validator.validate(path).errors
            if error.source_class not in APP_COMPAT]


def written(folder: Path, files: dict[str, bytes]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> dict[str, Path]:
    """The example hub's four files, written once."""
    files, _ = render_pack(load_config(example_folder() / "hub.yaml"))
    return written(tmp_path_factory.mktemp("pack"), files)


def test_every_part_of_the_example_pack_is_valid(validator, pack):
    assert set(pack) == {"pre-event-form.docx", "post-event-form.docx", "presentation.pptx",
                         "planning.xlsx"}
    assert {name: problems(validator, path) for name, path in pack.items()} == {name: [] for name in pack}


def test_every_part_of_a_pack_of_hostile_text_is_valid(validator, tmp_path):
    files, _ = render_pack(load_config(write_config(tmp_path / "hub", hostile_data())))
    paths = written(tmp_path / "pack", files)
    assert {name: problems(validator, path) for name, path in paths.items()} == {name: [] for name in paths}


def test_the_typing_in_sheets_are_valid(validator, tmp_path):
    event = load_config(example_folder() / "hub.yaml").event
    for stage in ("pre", "post"):
        path = tmp_path / f"{stage}.xlsx"
        path.write_bytes(entry_sheet(event, stage, ".xlsx"))
        assert problems(validator, path) == []


def test_the_roll_up_workbook_is_valid(validator, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("defaults.yaml", "logo.png", "central-south.yaml", "central-south.results.json"):
        shutil.copy(BATCH_EXAMPLE / name, folder / name)
    run_batch(folder, tmp_path / "out", jobs=1)
    path = tmp_path / "rollup.xlsx"
    path.write_bytes(rollup_workbook(collect(tmp_path / "out")))
    assert problems(validator, path) == []


def test_a_template_with_conditional_formats_of_its_own_gives_a_valid_workbook(validator, tmp_path):
    workbook = openpyxl.load_workbook(template_path("planning"))
    overspent = CellIsRule(operator="greaterThan", formula=["1000"],
                           font=Font(name="Arial", bold=True, color="9C0006"))
    workbook["Budget"].conditional_formatting.add("C4:C20", overspent)
    template = tmp_path / "template.xlsx"
    workbook.save(template)
    event = load_config(example_folder() / "hub.yaml").event
    path = tmp_path / "planning.xlsx"
    path.write_bytes(render_planning(event, build_context(event), template))
    assert problems(validator, path) == []


def settings_zoom(docx: Path) -> dict[str, str]:
    with zipfile.ZipFile(docx) as archive:
        settings = etree.fromstring(archive.read("word/settings.xml"))
    return {etree.QName(name).localname: value
            for name, value in settings.find(f"{{{W}}}zoom").attrib.items()}


def test_the_forms_zoom_has_the_percentage_ecma_376_requires(pack):
    # The bundled templates lack it, as any form restyled from python-docx's default template
    # does: packgen adds it when it saves the form.
    assert settings_zoom(template_path("pre-event-form")) == {"val": "bestFit"}
    for name in ("pre-event-form.docx", "post-event-form.docx"):
        assert settings_zoom(pack[name]) == {"val": "bestFit", "percent": "100"}


def broken(source: Path, folder: Path, part: str, changes: list[tuple[str, str]]) -> Path:
    """Return a copy of the file at ``source`` with, in one part, each change's old text (its
    first place) replaced by its new text."""
    path = folder / f"broken-{source.name}"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == part:
                text = data.decode("utf-8")
                for old, new in changes:
                    assert old in text, f"{old!r} is not in {part}"
                    text = text.replace(old, new, 1)
                data = text.encode("utf-8")
            copy.writestr(item, data)
    return path


ZOOM_TYPES = "['bestFit', 'fullPage', 'none', 'textFit']"
UNCHECKED = '<w14:checked w14:val="0"/>'
NOT_A_CHECK = '<w14:checked w14:val="maybe"/>'
BREAKS = {
    "an unknown zoom type": (
        "pre-event-form.docx", "word/settings.xml", [('w:val="bestFit"', 'w:val="bestest"')], [
            "[schema] /word/settings.xml:/settings[1]/zoom[1]: Invalid value for attribute 'val':"
            f" Value 'bestest' is not in allowed values: {ZOOM_TYPES}",
            "[semantic] /word/settings.xml:/settings[1]/zoom[1]: Attribute 'val' has invalid value"
            " 'bestest'"]),
    "a run outside a paragraph": (
        "post-event-form.docx", "word/document.xml", [("<w:body>", "<w:body><w:r><w:p/></w:r>")], [
            "[schema] /word/document.xml:/document[1]/body[1]: Unexpected element 'r' found",
            "[schema] /word/document.xml:/document[1]/body[1]/r[1]: Unexpected element 'p' found"]),
    "a Word 2010 checkbox not checked nor unchecked, its namespace not ignorable": (
        "pre-event-form.docx", "word/document.xml",
        [(UNCHECKED, NOT_A_CHECK), ('mc:Ignorable="w14 wp14"', 'mc:Ignorable="wp14"')], [
            "[schema] /word/document.xml:/document[1]/body[1]/tbl[3]/tr[3]/tc[1]/p[1]/sdt[1]/sdtPr[1]"
            "/checkbox[1]/checked[1]: Invalid value for attribute 'val': Value 'maybe' is not in"
            " allowed values: ['0', '1', 'false', 'true']"]),
    "a cell's value before its formula": (
        "planning.xlsx", "xl/worksheets/sheet7.xml", [("<f>D4*E4</f><v>6</v>", "<v>6</v><f>D4*E4</f>")], [
            "[schema] /xl/worksheets/sheet7.xml:/worksheet[1]/sheetData[1]/row[4]/c[6]: Unexpected"
            " element 'f' found"]),
    "a font's name first, as openpyxl writes it": (
        "planning.xlsx", "xl/styles.xml",
        [('<sz val="11"/><color theme="1"/><name val="Calibri"/>',
          '<name val="Calibri"/><sz val="11"/><color theme="1"/>')], [
            "[schema] /xl/styles.xml:/styleSheet[1]/fonts[1]/font[1]: Unexpected element 'sz' found"]),
    "an unknown shape on a slide": (
        "presentation.pptx", "ppt/slides/slide1.xml", [("<p:grpSpPr/>", "<p:grpSpPr/><p:shape/>")], [
            "[schema] /ppt/slides/slide1.xml:/sld[1]/cSld[1]/spTree[1]: Unexpected element 'shape'"
            " found"]),
}


@pytest.mark.parametrize("what", list(BREAKS))
def test_a_deliberately_broken_part_is_caught(validator, pack, tmp_path, what):
    name, part, changes, messages = BREAKS[what]
    assert problems(validator, broken(pack[name], tmp_path, part, changes)) == messages


def test_a_word_2010_element_its_part_lists_as_ignorable_is_skipped_by_that_rule(validator, pack,
                                                                                  tmp_path):
    # As Office does: an application that does not know an ignorable namespace skips its
    # elements. The same element is checked against Word 2010's schema once it is not ignorable.
    path = broken(pack["pre-event-form.docx"], tmp_path, "word/document.xml", [(UNCHECKED, NOT_A_CHECK)])
    assert problems(validator, path) == []
