"""What the planning workbook's tests share: the bundled template's layout, rendering, reading."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree

from conftest import example_data, write_config
from packgen.config import load_config
from packgen.context import build_context
from packgen.render.xlsx import render_planning
from packgen.resources import template_path


SHEETS = ["Overview", "Run of the day", "Checklist", "Invitations", "Table plan", "Budget",
          "Risk assessment", "Pre responses", "Post responses", "Session notes", "Actions",
          "Lists", "packgen record"]


FIRST = 4
"""The bundled template's first data row (header row 3)."""


LAST_CHECKED = FIRST + 499


PRE_HEADERS = [  # the forms' wording, as the typing-in sheets have it
    "Your personal code", "Which of these best describes you? Tick one box.",
    "trust: How much do you trust the police at the moment?",
    "awareness: How much do you know about the ways the public can oversee the police locally,"
    " such as ward panels, independent advisory groups and stop and search monitoring groups?",
    "heard: Before today, how much chance have you had to share your views with the police?",
    "join: How likely are you to think about joining one of these oversight groups?",
    "What do you hope today will achieve?", "Anything else you would like to tell us?",
    "Yes, please send me the \u2018You said, we did\u2019 update.",
]


POST_HEADERS = [
    "Your personal code", "Which of these best describes you? Tick one box.",
    "trust: How much do you trust the police now?",
    "awareness: How much do you now know about the ways the public can oversee the police"
    " locally, such as ward panels, independent advisory groups and stop and search monitoring"
    " groups?",
    "heard: Today, how much chance have you had to share your views with the police?",
    "join: How likely are you now to think about joining one of these oversight groups?",
    "return: How likely are you to come to an event like this again?",
    "recommend: How likely are you to recommend an event like this to people you know?",
    "Three things you will take away from today (1)", "Three things you will take away from today (2)",
    "Three things you will take away from today (3)", "What should happen next?",
    "Anything else you would like to tell us?", "Yes, please send me the \u2018You said, we did\u2019 update.",
]


def render(config) -> bytes:
    return render_planning(config.event, build_context(config.event), template_path("planning"))


def open_bytes(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet, first: int = FIRST) -> list[tuple]:
    """Return the values of the sheet's rows from ``first`` to its last filled row."""
    return [tuple(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def validations(sheet) -> dict[str, tuple]:
    """Return each validation's ranges mapped to (type, formula1, formula2, operator)."""
    return {
        str(v.sqref): (v.type, v.formula1, v.formula2, v.operator)
        for v in sheet.data_validations.dataValidation
    }


def formula_cells(workbook) -> set[str]:
    return {
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
        if cell.data_type == "f"
    }


def config_with(tmp_path: Path, **changes):
    data = example_data()
    data.update(changes)
    return load_config(write_config(tmp_path / "hub", data))


RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
</oor:items>
"""
"""LibreOffice's setting "Recalculation on file load, Excel 2007 and newer: Always recalculate"."""


def computed(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LibreOffice's extensions openpyxl does not read
        return openpyxl.load_workbook(path, data_only=True)


def formula_values(workbook: bytes | Path) -> dict[str, dict[str, tuple[str, Any]]]:
    """Return every formula cell's stored value by sheet and cell, read from the sheet XML: its
    type ('str' for text, 'n' for a number) and the value (text, or a number to 15 significant
    digits, as many as LibreOffice writes: 1000.1+0.2+12.5 is 1012.8000000000001 in Excel and
    in Python, 1012.8 in LibreOffice's file)."""
    source = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    values: dict[str, dict[str, tuple[str, Any]]] = {}
    with zipfile.ZipFile(source) as archive:
        targets = {rel.get("Id"): rel.get("Target").lstrip("/").removeprefix("xl/")
                   for rel in etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))}
        for sheet in etree.fromstring(archive.read("xl/workbook.xml")).iterfind(".//m:sheet", NS):
            title, target = sheet.get("name"), targets[sheet.get(f"{{{NS['r']}}}id")]
            root = etree.fromstring(archive.read(f"xl/{target}"))
            for cell in root.iterfind(".//m:c[m:f]", NS):
                kind = cell.get("t", "n")
                text = cell.findtext("m:v", default=None, namespaces=NS)
                if kind == "str":
                    value = text or ""
                else:
                    value = None if text in (None, "") else float(f"{float(text):.15g}")
                values.setdefault(title, {})[cell.get("r")] = (kind, value)
    return values


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}

