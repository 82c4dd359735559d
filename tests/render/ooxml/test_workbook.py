"""Pins of what packgen.render.ooxml.workbook relies on in openpyxl: each fails when openpyxl changes it."""

from __future__ import annotations

import ast
import io
import pickle
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle

import packgen
from packgen.render.ooxml.workbook import (
    CachedFormula,
    cells_of,
    keep_formula,
    number_text,
    put_fonts_in_office_order,
    rebind_dimensions,
    remove_cell,
    set_style,
    style_of,
    xlsx_bytes,
)


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def cell_xml(data: bytes, reference: str) -> str:
    """Return the XML of one cell of the first sheet, as written."""
    sheet = part(data, "xl/worksheets/sheet1.xml")
    return re.search(rf'<c r="{reference}"[^>]*?(/>|>.*?</c>)', sheet).group(0)


def test_a_kept_formula_is_the_object_given_and_a_formula_cell():
    cell = openpyxl.Workbook().active["A1"]
    formula = CachedFormula("=1+1", 2)
    keep_formula(cell, formula)
    assert cell.value is formula and cell.data_type == "f"


def test_openpyxls_own_setter_loses_a_formulas_value():
    """Why keep_formula writes the private _value: the public setter keeps text as a plain str."""
    cell = openpyxl.Workbook().active["A1"]
    cell.value = CachedFormula("=1+1", 2)
    assert type(cell.value) is str


def test_a_kept_formula_is_written_with_its_value():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    keep_formula(sheet["A1"], CachedFormula("=SUM(B1:B2)", 0.1 + 0.2))
    keep_formula(sheet["A2"], CachedFormula('=IF(B1=0,"",1)', ""))
    keep_formula(sheet["A3"], CachedFormula("=B1*2", 4.0))
    sheet["A3"].font = Font(bold=True)
    data = xlsx_bytes(workbook)
    assert cell_xml(data, "A1") == '<c r="A1"><f>SUM(B1:B2)</f><v>0.30000000000000004</v></c>'
    assert cell_xml(data, "A2") == '<c r="A2" t="str"><f>IF(B1=0,"",1)</f><v></v></c>'
    assert cell_xml(data, "A3") == '<c r="A3" s="1"><f>B1*2</f><v>4</v></c>'


def test_a_plain_formula_is_written_by_openpyxl_without_a_value():
    """Why the sheet writer is packgen's: openpyxl's writes every formula with an empty value."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "=1+1"
    assert cell_xml(xlsx_bytes(workbook), "A1") == '<c r="A1"><f>1+1</f><v></v></c>'


def sample_workbook() -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"], sheet["C1"] = "text", 3.25, datetime(2022, 2, 25)
    sheet["A2"].font = Font(name="Arial", bold=True, sz=12)
    sheet["A3"].comment = Comment("a note", "packgen")
    sheet.row_dimensions[4].height = 30
    workbook.create_sheet("Second")["A1"] = "=Sheet!B1*2"
    workbook.properties.created = workbook.properties.modified = datetime(2000, 1, 1)
    return workbook


def test_the_in_memory_writer_writes_every_part_as_openpyxls_save_does(tmp_path):
    saved = tmp_path / "saved.xlsx"
    sample_workbook().save(saved)  # stamps its own modified date
    ours = xlsx_bytes(sample_workbook())
    with zipfile.ZipFile(saved) as theirs, zipfile.ZipFile(io.BytesIO(ours)) as mine:
        assert mine.namelist() == theirs.namelist()
        for name in theirs.namelist():
            if name != "docProps/core.xml":
                assert mine.read(name) == theirs.read(name), name


def test_office_font_order_is_written_for_the_workbook_and_conditional_formats():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"].font = Font(name="Arial", sz=11, bold=True, color="FF0000")
    sheet.conditional_formatting.add("B1:B3", CellIsRule(
        operator="equal", formula=['"High"'], font=Font(name="Arial", italic=True),
        fill=PatternFill("solid", fgColor="F4CCCC")))
    workbook._differential_styles.append(DifferentialStyle(font=Font(name="Arial", strike=True)))
    put_fonts_in_office_order(workbook)
    styles = part(xlsx_bytes(workbook), "xl/styles.xml")
    assert ('<font><b val="1"/><sz val="11"/><color rgb="00FF0000"/><name val="Arial"/></font>'
            in styles)
    assert '<font><strike val="1"/><name val="Arial"/></font>' in styles  # the workbook's own
    assert '<font><i val="1"/><name val="Arial"/></font>' in styles  # the conditional format's


def test_openpyxl_writes_a_fonts_name_first():
    """Why the fonts are rewritten: openpyxl's own order puts the name before b, sz and color."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"].font = Font(name="Arial", sz=11, bold=True)
    assert '<font><name val="Arial"/><b val="1"/><sz val="11"/></font>' in part(
        xlsx_bytes(workbook), "xl/styles.xml")


def test_a_copied_style_carries_the_font_and_is_a_copy():
    sheet = openpyxl.Workbook().active
    sheet["A1"].font = Font(name="Arial", bold=True)
    style = style_of(sheet["A1"])
    set_style(sheet["B1"], style)
    assert (sheet["B1"].font.name, sheet["B1"].font.b, sheet["B1"].style_id) == ("Arial", True, sheet["A1"].style_id)
    set_style(sheet["C1"], style)
    sheet["C1"].font = Font(name="Arial", italic=True)
    assert sheet["B1"].font.b and not sheet["B1"].font.i


def test_a_column_dimensions_style_is_copied_alike():
    sheet = openpyxl.Workbook().active
    sheet.column_dimensions["A"].font = Font(name="Arial", bold=True)
    set_style(sheet.column_dimensions["B"], style_of(sheet.column_dimensions["A"]))
    assert sheet.column_dimensions["B"].font.b


def test_the_sheets_own_cells_are_read_without_making_any():
    sheet = openpyxl.Workbook().active
    sheet["B2"] = "one"
    sheet["D5"] = "two"
    assert sorted(cells_of(sheet)) == [(2, 2), (5, 4)]
    assert cells_of(sheet)[(5, 4)].value == "two"
    list(sheet.iter_rows())  # openpyxl's public reading makes a cell for every place it passes
    assert len(cells_of(sheet)) == 20


def test_a_removed_cell_is_gone_from_the_sheet():
    sheet = openpyxl.Workbook().active
    sheet["A1"], sheet["A2"] = "stays", "goes"
    remove_cell(sheet, 2, 1)
    assert sorted(cells_of(sheet)) == [(1, 1)] and sheet.max_row == 1


def test_an_unpickled_workbook_sizes_new_rows_and_columns_once_rebound():
    unpickled = pickle.loads(pickle.dumps(sample_workbook()))
    with pytest.raises(KeyError):  # pickle loses the dimensions' factory: why rebinding is needed
        unpickled.active.row_dimensions[9].height = 20
    workbook = pickle.loads(pickle.dumps(sample_workbook()))
    rebind_dimensions(workbook)
    workbook.active.row_dimensions[9].height = 20
    workbook.active.column_dimensions["E"].width = 30
    sheet = part(xlsx_bytes(workbook), "xl/worksheets/sheet1.xml")
    assert '<row r="9" ht="20" customHeight="1"' in sheet
    assert '<cols><col width="30" customWidth="1" min="5" max="5"/></cols>' in sheet


def test_a_number_keeps_every_digit():
    assert [number_text(5.0), number_text(-3), number_text(0.1 + 0.2)] == ["5", "-3", "0.30000000000000004"]


OPENPYXL_USERS = ("render/xlsx", "results", "rollup.py", "paper/review.py", "output_guards.py")


def private_attributes(source: str) -> list[str]:
    """Return every ``x._name`` in ``source`` where x is not self or cls (dunder names are public)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.endswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append(node.attr)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("openpyxl"):
            found += [part for part in node.module.split(".") if part.startswith("_")]
    return found


def test_no_other_module_using_openpyxl_touches_its_private_names():
    package = Path(packgen.__file__).parent
    modules = [path for path in sorted(package.rglob("*.py"))
               if any(str(path.relative_to(package)).startswith(user) for user in OPENPYXL_USERS)]
    assert len(modules) > 10
    found = {str(path.relative_to(package)): names for path in modules
             if (names := private_attributes(path.read_text(encoding="utf-8")))}
    assert found == {}


def test_a_private_attribute_is_found():
    assert private_attributes("from openpyxl.cell._writer import w\nx = cell._value\nself._y = 1\n") == [
        "_writer", "_value"]
