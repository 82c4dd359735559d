"""The scan review workbook: what packgen could not read for certain, for a person to decide.

One row per doubtful answer, per handwritten answer and per page that could not be identified,
with the cropped picture in the row and a column for the decision or the words typed. Running
``packgen results`` again reads the decisions back (:func:`read_decisions`) and writes the
workbook afresh with every decision carried forward, including those for items no longer in the
scans, so nothing a person typed is ever lost.
"""

from __future__ import annotations

import io
from pathlib import Path

from packgen.errors import ResultsError
from packgen.paper.scans import ReviewItem

SCHEMA = "packgen-scan-review/1"
MARKER_SHEET = "packgen"
SHEET = "Review"
HEADERS = ["Key", "Form", "Page", "Question", "Scan", "packgen read", "Picture", "Your decision"]
DECISION_COLUMN = HEADERS.index("Your decision") + 1
HEADER_ROW = 3
PICTURE_WIDTH = 420
"""Pictures are shown at most this many pixels wide (and 300 high)."""

INSTRUCTIONS = ("For each row, look at the picture and type your decision in the last column: for a score,"
                " the number ticked (0 to 10) or 'blank'; for a sector, its name; for consent, 'yes' or 'no';"
                " for handwriting, the words as written ('-' when nothing is written). Then run packgen"
                " results again: decisions are used, empty rows stay listed as problems.")


def read_decisions(path: Path) -> dict[str, str]:
    """Return the decisions typed in a review workbook, by item key (none when it does not exist).

    Raises :class:`ResultsError` when the file is not a review workbook packgen wrote.
    """
    if not path.exists():
        return {}
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ResultsError(f"{path}: the review workbook cannot be read ({type(error).__name__})") from None
    try:
        if MARKER_SHEET not in workbook.sheetnames or workbook[MARKER_SHEET]["A1"].value != SCHEMA \
                or SHEET not in workbook.sheetnames:
            raise ResultsError(f"{path}: not a scan review workbook written by packgen; name another file with"
                               " --review")
        decisions = {}
        for row in workbook[SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True):
            if not row or not row[0]:
                continue
            value = row[DECISION_COLUMN - 1] if len(row) >= DECISION_COLUMN else None
            text = _text(value)
            if text:
                decisions[str(row[0])] = text
        return decisions
    finally:
        workbook.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def review_workbook(items: list[ReviewItem], earlier: dict[str, str]) -> bytes:
    """Return the review workbook: a row per item (decisions filled from the items), then a row
    for each earlier decision whose item is no longer in the scans."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet["A1"] = "Scanned forms to check"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = INSTRUCTIONS
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    sheet.row_dimensions[2].height = 48
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(HEADER_ROW, column, header).font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (16, 9, 6, 16, 30, 26, 60, 40)):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    row = HEADER_ROW
    for item in items:
        row += 1
        values = [item.key, item.form, item.page, item.question, _scan(item), item.reading, None, item.decision]
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, row, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        picture = Image(io.BytesIO(item.picture))
        shrink = min(1.0, PICTURE_WIDTH / picture.width, 300 / picture.height)
        picture.width, picture.height = round(picture.width * shrink), round(picture.height * shrink)
        sheet.add_image(picture, f"G{row}")
        sheet.row_dimensions[row].height = max(20, picture.height * 0.75 + 4)  # points from pixels
    current = {item.key for item in items}
    for key, decision in earlier.items():
        if key not in current:
            row += 1
            for column, value in enumerate([key, "", None, "", "", "no longer in these scans", None, decision], 1):
                _put(sheet, row, column, value)
    marker = workbook.create_sheet(MARKER_SHEET)
    marker["A1"] = SCHEMA
    marker.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _scan(item: ReviewItem) -> str:
    return f"{Path(item.source.file).name}, page {item.source.page}" if item.source.page else Path(item.source.file).name


def _put(sheet, row: int, column: int, value: object):
    """Write a cell; text is always written as text, never as a formula (a handwritten "=1+1")."""
    cell = sheet.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def write_review(path: Path, items: list[ReviewItem], earlier: dict[str, str]) -> bool:
    """Write the review workbook when there is anything to review or any earlier decision to keep;
    return whether it was written. ``earlier`` is what :func:`read_decisions` read from ``path``."""
    from packgen.output import write_atomically

    if not items and not earlier:
        return False
    write_atomically(path, review_workbook(items, earlier))
    return True
