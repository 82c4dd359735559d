"""packgen's record of the rows it wrote: a fingerprint of each, in a very hidden sheet.

The renderer writes the record (:func:`write_record`); the captured-data guard
(:func:`packgen.output_guards.captured_data`) reads it back and counts the rows that differ.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, time
from typing import Any, Iterable, Sequence

from openpyxl import Workbook

from packgen.render.xlsx.cells import key, sheet_values
from packgen.render.xlsx.specs import RECORD_SHEET, SheetSpec, watched_sheets
from packgen.render.xlsx.data_sheet import DataSheet


def _normal(value: Any, row: int) -> str | None:
    """Return a cell value as it compares across a save in Excel or LibreOffice."""
    if value is None:
        return None
    if isinstance(value, bool):
        return f"b:{value}"
    if isinstance(value, (int, float)):
        return f"n:{float(value)!r}"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return f"d:{value.date().isoformat()}"
        return f"dt:{value.replace(microsecond=0).isoformat()}"
    if isinstance(value, date):
        return f"d:{value.isoformat()}"
    if isinstance(value, time):
        seconds = round(value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6)
        return f"t:{seconds}"
    text = str(value).replace("\r\n", "\n").strip()
    if not text:
        return None
    if text.startswith("="):  # a formula's own row reads as '#', so sorting rows changes nothing
        text = _SAME_ROW.sub(lambda m: m.group(1) + "#" if int(m.group(3)) == row else m.group(0), text)
    return f"s:{text}"


_SAME_ROW = re.compile(r"(?<![A-Za-z0-9_$.])(\$?[A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])")


def _fingerprint(headers: Sequence[Any], values: Sequence[Any], row: int) -> str | None:
    """Return a short fingerprint of a row's values by heading; None for an empty row."""
    items = []
    for index, value in enumerate(values):
        normal = _normal(value, row)
        if normal is None:
            continue
        header = headers[index] if index < len(headers) else None
        items.append((key(header) or f"#{index + 1}", normal))
    if not items:
        return None
    digest = hashlib.sha256(json.dumps(sorted(items), ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:24]


def row_fingerprints(rows: list[Sequence[Any]], spec: SheetSpec) -> Iterable[str]:
    """Yield the fingerprint of every filled row under the sheet's header row."""
    header_row = DataSheet.header_row_of(rows, spec) or 0
    headers = rows[header_row - 1] if header_row else ()
    for number, values in enumerate(rows[header_row:], start=header_row + 1):
        fingerprint = _fingerprint(headers, values, number)
        if fingerprint is not None:
            yield fingerprint


def write_record(workbook: Workbook) -> None:
    """Record a fingerprint of every row written, in a very hidden sheet."""
    if RECORD_SHEET in workbook.sheetnames:
        del workbook[RECORD_SHEET]
    record = workbook.create_sheet(RECORD_SHEET)
    record.sheet_state = "veryHidden"
    record.append(["Sheet", "Row fingerprint"])
    for spec in watched_sheets():
        rows = sheet_values(workbook[spec.title])
        for fingerprint in row_fingerprints(rows, spec):
            record.append([spec.title, fingerprint])


def read_record(workbook: Workbook) -> dict[str, list[str]]:
    """Return the fingerprints :func:`write_record` recorded, by sheet ({} when there is no record)."""
    written: dict[str, list[str]] = {}
    if RECORD_SHEET not in workbook.sheetnames:
        return written
    for row in workbook[RECORD_SHEET].iter_rows(min_row=2, values_only=True):
        if len(row) >= 2 and row[0] and row[1]:
            written.setdefault(str(row[0]), []).append(str(row[1]))
    return written
