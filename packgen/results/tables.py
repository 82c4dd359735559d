"""Reading untrusted result files safely into plain tables of cells.

Results files come from outside (online-form exports, returned forms, workbooks passed around by
email), so before anything parses them: the file must be what its extension says, a zip container
must not declare more than :data:`MAX_UNZIPPED_BYTES` or compress better than
:data:`MAX_COMPRESSION_RATIO` (a zip bomb), a CSV field is capped at :data:`MAX_CSV_FIELD`
characters (the row is reported, the rest of the file is read), and workbooks are opened read-only
with defusedxml guarding openpyxl's XML parsing. Nothing is ever written back.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from packgen.errors import ResultsError
from packgen.results.dataset import Issue, Place
from packgen.text import clean_text

MAX_FILE_BYTES = 50_000_000
MAX_UNZIPPED_BYTES = 200_000_000
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 10_000
MAX_CSV_FIELD = 100_000

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class SheetTable:
    """Rows of cells from one CSV file or one worksheet, with the number of each row."""

    place: Place
    rows: list[tuple[int, list[object]]]
    issues: list[Issue] = field(default_factory=list)


def check_container(path: Path) -> None:
    """Refuse a .xlsx or .docx that is not a sound, reasonably sized zip container."""
    head = _head(path)
    if head.startswith(_OLE_SIGNATURE):
        raise ResultsError(
            f"{path}: the file is password-protected or in the old Office format;"
            f" open it, remove the password and save it as {path.suffix}")
    if not head.startswith(b"PK"):
        looks = " (it looks like CSV text; rename it to .csv)" if _looks_like_text(head) else ""
        raise ResultsError(f"{path}: the file is not a {path.suffix} file{looks}")
    try:
        with zipfile.ZipFile(path) as container:
            members = container.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise ResultsError(f"{path}: the file holds {len(members):,} parts; refused as unsafe")
            declared = sum(m.file_size for m in members)
            packed = max(1, sum(m.compress_size for m in members))
            if declared > MAX_UNZIPPED_BYTES or declared / packed > MAX_COMPRESSION_RATIO:
                raise ResultsError(
                    f"{path}: the file would unpack to {declared:,} bytes from {packed:,};"
                    " refused as unsafe (a zip bomb)")
            if container.testzip() is not None:
                raise zipfile.BadZipFile
    except (zipfile.BadZipFile, EOFError, OSError):
        raise ResultsError(f"{path}: the file is damaged or incomplete; save or download it again") from None


def _head(path: Path) -> bytes:
    if not path.is_file():
        raise ResultsError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise ResultsError(f"{path}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise ResultsError(f"{path}: the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    with path.open("rb") as handle:
        return handle.read(8)


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_csv(path: Path) -> SheetTable:
    """Return the rows of a CSV file: UTF-8 (with or without a byte order mark), UTF-16 with its
    byte order mark, or Windows-1252 (reported); comma, semicolon or tab between values."""
    head = _head(path)
    if head.startswith(b"PK") or head.startswith(_OLE_SIGNATURE):
        raise ResultsError(f"{path}: the file is not CSV text (it looks like an Excel workbook; rename it to .xlsx)")
    table = SheetTable(Place(str(path)), [])
    text = _decode_csv(path, path.read_bytes(), table)
    previous = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                table.issues.append(Issue(Place(str(path), row=reader.line_num), _csv_problem(error), "unreadable_row"))
                continue
            table.rows.append((reader.line_num, [clean_text(c)[0] for c in cells]))
    finally:
        csv.field_size_limit(previous)
    return table


CSV_DELIMITERS = (",", ";", "\t")
"""What may stand between values: Excel and LibreOffice write ';' where the comma is the decimal
mark (most of Europe), and tab for 'Unicode Text'."""

_SNIFF_CHARACTERS = 32_000
"""How much of the file the delimiter is judged from (dozens of rows; a tenth of a second)."""


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
"""A letter written in UTF-8's two to four bytes. Windows-1252 text hardly ever holds one (it would
read 'Ã©'), but UTF-8 text with a stray byte does: charset-normalizer judges the whole file, and a
few garbled letters in a long file pass its measure, so this is checked first, by hand."""


def _decode_csv(path: Path, raw: bytes, table: SheetTable) -> str:
    """Return the text of a CSV file: UTF-8, UTF-16 with its byte order mark, or else
    Windows-1252 (Excel's 'CSV (Comma delimited)') when it reads cleanly as that, with an issue
    saying so; anything else is refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ResultsError(f"{path}: the file starts as UTF-16 text but is damaged;"
                               " save or download it again") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(raw):
        raise ResultsError(f"{path}: the file is UTF-8 text with some characters in another encoding"
                           " (pasted from another file?); open it, check those values and save it"
                           " again as 'CSV UTF-8'")
    from charset_normalizer import from_bytes  # only for a file that is not UTF-8

    # Windows-1252 gives a character for almost every byte, so decoding alone proves nothing;
    # charset-normalizer judges whether the result reads as text (UTF-8 with a stray byte, UTF-16
    # without its mark or a binary file come out as a mess and are refused).
    if from_bytes(raw, cp_isolation=["cp1252"]).best() is None:
        raise ResultsError(f"{path}: the file is not UTF-8 text (in Excel: Save As, 'CSV UTF-8')")
    table.issues.append(Issue(Place(str(path)), "the file is not UTF-8; read as Windows-1252 (Excel's"
                              " 'CSV (Comma delimited)'): check that letters such as é and signs such"
                              " as £ came through, or save it as 'CSV UTF-8'", "not_utf8"))
    return raw.decode("cp1252")


def _csv_delimiter(text: str) -> str:
    """Return the character between values: comma, semicolon or tab, judged by clevercsv from the
    top of the file (a comma when it cannot tell, as in a file of one column)."""
    import clevercsv  # heavy: only when reading a CSV

    # clevercsv rather than csv.Sniffer: the Sniffer takes a semicolon file whose headings hold
    # commas ("Before today, how much chance...") for a comma file when it has few rows.
    # Only the delimiter is taken: every program packgen reads from quotes with '"'.
    # A NUL character stops clevercsv's parser; it says nothing of the delimiter, so the sample
    # is judged without it (the rows are still read, and reported, as they are).
    sample = text[:_SNIFF_CHARACTERS].replace("\0", "")
    try:
        dialect = clevercsv.Detector().detect(sample, delimiters=list(CSV_DELIMITERS))
    except clevercsv.exceptions.Error:
        return ","
    if dialect is None or dialect.delimiter not in CSV_DELIMITERS:
        return ","
    return dialect.delimiter


def _csv_problem(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return f"a value is longer than {MAX_CSV_FIELD:,} characters; the row is skipped"
    return f"the row cannot be read ({error}); it is skipped"


def read_workbook(path: Path, sheets: list[str] | None = None) -> list[SheetTable]:
    """Return the rows of each worksheet (or of the named ones that exist), values only.

    A workbook read more than once in a run (its capture sheets, notes, actions, budget) is
    parsed once: the rows are kept while the file's size and modification time stay the same.
    """
    check_container(path)
    stat = path.stat()
    sheets_rows = _workbook_rows(path, stat.st_mtime_ns, stat.st_size)
    return [SheetTable(Place(str(path), sheet=name), rows) for name, rows in sheets_rows
            if sheets is None or name in sheets]


@lru_cache(maxsize=8)
def _workbook_rows(path: Path, mtime_ns: int, size: int) -> tuple[tuple[str, list], ...]:
    import openpyxl  # heavy: only when reading a workbook

    # openpyxl leaves a file it opened itself open when a part fails; we own the handle.
    with path.open("rb") as handle:
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a malformed part
            raise ResultsError(f"{path}: {_workbook_problem(error)}") from None
        try:
            return tuple((name, _sheet_rows(workbook[name])) for name in workbook.sheetnames)
        except ResultsError:
            raise
        except Exception as error:  # a sheet's XML is parsed only as its rows are read
            raise ResultsError(f"{path}: {_workbook_problem(error)}") from None
        finally:
            workbook.close()


def _workbook_problem(error: BaseException) -> str:
    from defusedxml import DefusedXmlException

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return "the workbook holds XML entity or DTD declarations; refused as unsafe"
        cause = cause.__cause__ or cause.__context__
    return "the workbook cannot be read; open it in Excel and save it again"


def _sheet_rows(sheet) -> list[tuple[int, list[object]]]:
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [clean_text(v)[0] if isinstance(v, str) else v for v in values]
        rows.append((number, cells))
    return rows


def non_blank(cells: list[object]) -> bool:
    return any(c is not None and str(c).strip() != "" for c in cells)


def iter_data_rows(table: SheetTable, header_row: int) -> Iterator[tuple[int, list[object]]]:
    """Yield the rows below the header row."""
    for number, cells in table.rows:
        if number > header_row:
            yield number, cells
