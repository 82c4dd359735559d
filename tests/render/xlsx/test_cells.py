"""Cells: text that stays text, and formulas packgen writes with their values."""

from __future__ import annotations

import io
from datetime import datetime, time

import openpyxl

from conftest import HOSTILE_FOCAL, HOSTILE_FORMULAS, HOSTILE_TITLE, LONG_TEXT
from packgen.context import due_date
from packgen.render.xlsx.cells import CUT_NOTE

from .books import FIRST, render, open_bytes, rows, formula_cells, config_with, formula_values


def test_every_formula_is_stored_with_its_value(example_bytes, example_config):
    stored = openpyxl.load_workbook(io.BytesIO(example_bytes), data_only=True)
    event = example_config.event
    due = [row[3] for row in stored["Checklist"].iter_rows(min_row=FIRST, values_only=True)]
    assert due == [datetime.combine(due_date(event, item.weeks_before), time()) for item in event.checklist]
    assert [row[4] for row in rows(stored["Table plan"])] == [0, 0, 0, 0, 0]
    assert [row[5:] for row in rows(stored["Risk assessment"])] == [
        (r.likelihood * r.severity, "Medium" if r.likelihood * r.severity >= 5 else "Low")
        for r in event.risks
    ]
    budget = stored["Budget"]
    assert [budget[cell].value for cell in ("B9", "C9", "B11", "B12")] == [4550, 0, 450, 0]
    assert formula_values(example_bytes)["Budget"]["C11"] == ("str", "")  # blank until spent
    assert all(formula_values(example_bytes)["Budget"][cell] == ("str", "") for cell in ("B13", "C13"))


def test_formula_looking_text_lands_as_text_with_a_quote_prefix(hostile_book):
    cells = {
        HOSTILE_FORMULAS[0]: hostile_book["Table plan"]["B4"],
        HOSTILE_FORMULAS[1]: hostile_book["Table plan"]["B5"],
        HOSTILE_FORMULAS[2]: hostile_book["Table plan"]["C6"],
        HOSTILE_FORMULAS[3]: hostile_book["Table plan"]["C7"],
        "=CMD|' /C calc'!A0": hostile_book["Invitations"]["A4"],
    }
    for text, cell in cells.items():
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    contacts = hostile_book["Overview"]["B15"]  # a placeholder's output starting with '='
    assert contacts.value.startswith("=1+1, Event organiser")
    assert (contacts.data_type, contacts.quotePrefix) == ("s", True)
    assert hostile_book["Table plan"]["B6"].quotePrefix is False


def _expected_formula_cells(checklist: int, tables: int, risks: int) -> set[str]:
    cells = {f"Checklist!D{r}" for r in range(FIRST, FIRST + checklist)}
    cells |= {f"Table plan!E{r}" for r in range(FIRST, FIRST + tables)}
    cells |= {f"Risk assessment!{c}{r}" for c in "FG" for r in range(FIRST, FIRST + risks)}
    cells |= {"Budget!B9", "Budget!C9", "Budget!B11", "Budget!C11", "Budget!B12", "Budget!B13",
              "Budget!C13"}
    return cells


def test_only_packgens_own_formulas_are_formula_cells(book, hostile_book, example_config):
    expected = _expected_formula_cells(len(example_config.event.checklist), 5,
                                       len(example_config.event.risks))
    assert formula_cells(book) == expected
    assert formula_cells(hostile_book) == expected


def test_hostile_text_comes_out_exactly_and_is_never_rendered_again(hostile_book, hostile_context):
    overview = hostile_book["Overview"]
    assert overview["A1"].value == HOSTILE_TITLE
    assert hostile_book["Budget"]["A1"].value == f"Budget: {HOSTILE_TITLE}"
    assert overview["B7"].value == HOSTILE_FOCAL  # Arabic, Urdu, Bengali, Polish, emoji, newline
    assert overview["B8"].value == LONG_TEXT.strip()  # 10,999 characters after trimming
    assert overview["B14"].value == "Bell rings & <script>alert(1)</script>"
    assert hostile_book["Run of the day"]["E6"].value == (
        "What got us here? {{ config }} {% for x in y %}{% endfor %}")
    assert hostile_book["Pre responses"]["C3"].value == "trust: Trust <1> & \"2\" — {{ 7*7 }}?"
    assert hostile_book["Invitations"]["A5"].value == "ليلى حداد"
    assert hostile_book["Invitations"]["B4"].value == "<b>Org</b> & co"


def test_text_longer_than_a_cell_holds_is_cut_with_a_note(tmp_path):
    config = config_with(tmp_path, purpose="x" * 40_000)
    value = open_bytes(render(config))["Overview"]["B8"].value
    assert len(value) == 32_767
    assert value == "x" * (32_767 - len(CUT_NOTE)) + CUT_NOTE
    assert CUT_NOTE == " [cut short here: an Excel cell holds at most 32,767 characters]"

