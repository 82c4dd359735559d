"""The captured-data guard: a workbook the organiser typed into is not rebuilt."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from conftest import example_data, write_config
from packgen.config import load_config
from packgen.context import build_context
from packgen.errors import OverwriteRefused
from packgen.output_guards import captured_data
from packgen.render.xlsx import render_planning
from packgen.resources import template_path


FIRST = 4
"""The bundled template's first data row (header row 3)."""


def render(config) -> bytes:
    return render_planning(config.event, build_context(config.event), template_path("planning"))


def open_bytes(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture
def example_bytes(example_config) -> bytes:
    return render(example_config)


def test_captured_data_is_empty_for_freshly_rendered_workbooks(tmp_path, example_bytes,
                                                               hostile_config):
    (tmp_path / "example.xlsx").write_bytes(example_bytes)
    (tmp_path / "hostile.xlsx").write_bytes(render(hostile_config))
    assert captured_data(tmp_path / "example.xlsx") == {}
    assert captured_data(tmp_path / "hostile.xlsx") == {}


def test_actual_costs_from_the_config_are_not_captured_data(tmp_path):
    data = example_data()
    data["budget"]["lines"][1]["actual"] = 1750.5
    config = load_config(write_config(tmp_path / "hub", data))
    (tmp_path / "planning.xlsx").write_bytes(render(config))
    assert captured_data(tmp_path / "planning.xlsx") == {}


def test_captured_data_counts_rows_typed_into_pre_responses(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Pre responses"]
    for row, (code, sector, score) in enumerate(
            [("AB12", "Resident", 3), ("CD34", "Business", 7), ("EF56", "Health", 10)], start=FIRST):
        sheet.cell(row, 1).value, sheet.cell(row, 2).value, sheet.cell(row, 3).value = code, sector, score
    workbook.save(path)
    assert captured_data(path) == {"Pre responses": 3}


def test_captured_data_counts_changed_replies_typed_costs_notes_and_actions(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    workbook = openpyxl.load_workbook(path)
    workbook["Invitations"]["F4"] = "Attended"
    workbook["Invitations"]["F5"] = "Declined"
    workbook["Invitations"]["A35"] = "A late addition"  # a spare row
    workbook["Budget"]["C5"] = 1750
    workbook["Session notes"]["C4"] = "Trust is built locally."
    workbook["Actions"]["A4"] = "More evening meetings"
    workbook.save(path)
    assert captured_data(path) == {"Invitations": 3, "Budget": 1, "Session notes": 1, "Actions": 1}


def test_captured_data_ignores_rows_sorted_into_another_order(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Risk assessment"]

    def moved(value, old: int, new: int):  # as a spreadsheet's sort rewrites a row's own references
        if isinstance(value, str) and value.startswith("="):
            return re.sub(rf"(?<=[A-Z]){old}(?!\d)", str(new), value)
        return value

    first, second = ([c.value for c in sheet[row]] for row in (4, 5))
    for column, (a, b) in enumerate(zip(first, second), start=1):
        sheet.cell(4, column).value = moved(b, 5, 4)
        sheet.cell(5, column).value = moved(a, 4, 5)
    assert sheet["A4"].value == "Fire or evacuation" and sheet["G5"].value.startswith("=IF(F5>=15")
    workbook.save(path)
    assert captured_data(path) == {}


def test_captured_data_only_reads_the_file(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    path.write_bytes(example_bytes)
    before = path.stat().st_mtime_ns
    captured_data(path)
    assert path.read_bytes() == example_bytes and path.stat().st_mtime_ns == before


def test_captured_data_counts_every_filled_row_without_packgens_record(tmp_path, example_bytes):
    path = tmp_path / "planning.xlsx"
    workbook = open_bytes(example_bytes)
    del workbook["packgen record"]
    workbook.save(path)
    counts = captured_data(path)
    assert counts["Checklist"] == 18 and counts["Budget"] == 10
    assert "Pre responses" not in counts


def test_captured_data_refuses_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "planning.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(OverwriteRefused, match=r"planning\.xlsx: cannot be read as an Excel workbook"):
        captured_data(path)

