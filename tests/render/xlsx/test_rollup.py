"""The roll-up workbook (packgen.render.xlsx.rollup): its sheets laid out as packgen.workbook_layout
names them. What the roll-up's figures are, and what of them is hidden, is tested in
tests/stages/test_rollup.py."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from rollup_samples import AS_OF, build_batch, track_batch

from packgen import workbook_layout as layout
from packgen.render.xlsx.rollup import render_rollup
from packgen.stages.rollup import collect, published, rollup_notes


def rollup_workbook(rollup) -> bytes:
    """Return the roll-up's workbook from its published cells and its notes, as the stage builds it."""
    return render_rollup(rollup, published(rollup), rollup_notes(rollup))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example batch with two events without results and the four with, built once."""
    return build_batch(tmp_path_factory)


@pytest.fixture(scope="module")
def tracked(built, tmp_path_factory) -> Path:
    """The built batch, East with three editions (the third late) and North with two (the second
    late); Central South and West with none."""
    return track_batch(built, tmp_path_factory)


def test_rollup_workbook_applies_the_disclosure_threshold(built):
    rollup = collect(built)
    rollup.hubs[0].pairs = 4  # below the threshold of 5
    sheet = openpyxl.load_workbook(io.BytesIO(rollup_workbook(rollup)))["By BCU"]
    header = [c.value for c in sheet[1]]
    rows = {row[0]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Central South BCU"]["Pairs"] == "fewer than 5"
    assert rows["Force-wide"]["Invited"] == rollup.totals.invited
    trust = rollup.totals.questions["trust"].after
    share = (Decimal(100) * trust[0] / trust[1]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert rows["Force-wide"]["trust: after"] == f"{trust[0]} of {trust[1]} ({share}%)"
    assert rows["Central South BCU"]["return: before"] == "not asked"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)

def test_rollup_workbook_text_starting_a_formula_stays_text_when_edited(built):
    rollup = collect(built)
    rollup.hubs[0].bcu, rollup.hubs[0].title = "=HYPERLINK(\"http://example.com\")", "@SUM(A1:A2)"
    sheet = openpyxl.load_workbook(io.BytesIO(rollup_workbook(rollup)))["By BCU"]
    cells = list(sheet[2])[:3]
    assert [c.value for c in cells] == ["=HYPERLINK(\"http://example.com\")", "@SUM(A1:A2)", rollup.hubs[0].dates]
    assert [(c.data_type, c.quotePrefix) for c in cells] == [("s", True), ("s", True), ("s", False)]

def test_the_rollup_workbook_carries_the_register(tracked):
    rollup = collect(tracked, AS_OF)
    sheet = openpyxl.load_workbook(io.BytesIO(rollup_workbook(rollup)))["Action register"]
    assert [c.value for c in sheet[1]] == list(layout.ROLLUP_REGISTER_HEADINGS)
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[1] == ["East Area BCU", "East Area Innovation Hub: Violence against women and girls", 1, 1, 3, 1, 0, 6, 2, 3,
                       datetime(2023, 8, 15), 17, datetime(2023, 10, 10), "due", 1, 1]
    assert rows[-1] == ["Force-wide", "All hubs with results", 6, 7, 6, 5, 0, 24, 13, None, None, None, None,
                        "3 of 4 broken", 1, 5]
    assert sheet.cell(3, 11).number_format == "d mmmm yyyy"


def test_the_sheets_are_named_and_the_notes_titled_as_the_layout_says(built):
    rollup = collect(built)
    workbook = openpyxl.load_workbook(io.BytesIO(rollup_workbook(rollup)))
    assert workbook.sheetnames == ["By BCU", "Action register", "Notes"]
    notes = [row[0] for row in workbook["Notes"].iter_rows(values_only=True)]
    assert notes == ["About these figures", *rollup_notes(rollup)]
    assert [c.value for c in workbook["By BCU"][1]][8:12] == [
        "Cost per attendee (£)", "trust: before", "trust: after", "awareness: before"]


def test_a_heading_or_title_renamed_in_the_layout_changes_the_written_sheets(tracked, monkeypatch):
    headings = list(layout.ROLLUP_REGISTER_HEADINGS)
    headings[headings.index("Overdue")] = "Past their date"
    monkeypatch.setattr(layout, "ROLLUP_REGISTER_HEADINGS", tuple(headings))
    monkeypatch.setattr(layout, "ROLLUP_REGISTER", "Register of actions")
    monkeypatch.setattr(layout, "ROLLUP_HEADINGS", ("BCU", "Innovation Hub", *layout.ROLLUP_HEADINGS[2:]))
    monkeypatch.setattr(layout, "ROLLUP_NOTES_TITLE", "About the figures")
    workbook = openpyxl.load_workbook(io.BytesIO(rollup_workbook(collect(tracked, AS_OF))))
    assert workbook.sheetnames == ["By BCU", "Register of actions", "Notes"]
    assert [c.value for c in workbook["Register of actions"][1]][7:10] == ["Actions", "Past their date", "Last update"]
    assert [c.value for c in workbook["By BCU"][1]][:3] == ["BCU", "Innovation Hub", "Date(s)"]
    assert workbook["Notes"]["A1"].value == "About the figures"
