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
from packgen.paper.scans import Decisions, ReviewItem

SCHEMA = "packgen-scan-review/1"
MARKER_SHEET = "packgen"
SHEET = "Review"
HEADERS = ["Key", "Form", "Page", "Question", "Scan", "packgen read", "Picture", "Your decision"]
DECISION_COLUMN = HEADERS.index("Your decision") + 1
HEADER_ROW = 3
PICTURE_WIDTH = 420
"""Pictures are shown at most this many pixels wide (and 300 high)."""

INSTRUCTIONS = ("For each row, look at the picture and type your decision in the last column: for a score,"
                " the number ticked (0 to 10) or 'blank'; for an agreement question, the answer ticked as"
                " printed ('Strongly agree' to 'Strongly disagree') or 'blank'; for a sector, its name as printed on the form, or"
                " 'blank'; for consent, 'yes' or 'no'; for handwriting, the words as written ('-' when nothing is"
                " written). For a whole page packgen could not identify, type 'pre' or 'post' (the heading at the"
                " top of the page), the form number printed large at its top left and the page, e.g. 'pre 12"
                " page 1', or '-' to leave the page out. Then run packgen results again: decisions are used,"
                " empty rows and decisions that cannot be used stay listed as problems.")


def read_decisions(path: Path) -> Decisions:
    """Return the decisions typed in a review workbook, by item key, with the row each was typed
    in (none when the workbook does not exist).

    Raises :class:`ResultsError` when the file is not a review workbook packgen wrote.
    """
    if not path.exists():
        return Decisions(file=path, sheet=SHEET)
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
        decisions = Decisions(file=path, sheet=SHEET)
        for number, row in enumerate(workbook[SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True),
                                     start=HEADER_ROW + 1):
            if not row or not row[0]:
                continue
            value = row[DECISION_COLUMN - 1] if len(row) >= DECISION_COLUMN else None
            text = _text(value)
            if text:
                decisions[str(row[0])] = text
                decisions.rows[str(row[0])] = number
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
    sheet["B1"] = "Scanned forms to check"  # column A (the keys) is hidden
    sheet["B1"].font = Font(bold=True, size=14)
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
    _print_setup(sheet)
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


def _print_setup(sheet) -> None:
    """Print the review on A4 landscape, one page wide, with the headings on every page.

    Each picture sits inside its own row, and a spreadsheet never breaks a page inside a row, so
    no picture is cut across two pages.
    """
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "Page &P of &N"


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
    path.parent.mkdir(parents=True, exist_ok=True)  # beside a results file whose folder is made with it
    write_atomically(path, review_workbook(items, earlier))
    return True
