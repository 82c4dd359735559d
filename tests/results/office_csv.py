"""CSV files as an office program writes them: rows put in a workbook, then saved as CSV by
LibreOffice headless with a chosen delimiter and encoding (as Excel's 'CSV (Comma delimited)',
'CSV UTF-8', a European 'CSV (semicolon)' or 'Unicode Text' do), never shaped by hand."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

DELIMITERS = {",": 44, ";": 59, "\t": 9}
"""LibreOffice's code for each delimiter (its character's number)."""

ENCODINGS = {"utf-8": 76, "windows-1252": 1, "utf-16": 65535}
"""LibreOffice's code for each encoding."""


@pytest.fixture(scope="session")
def office_csv(tmp_path_factory):
    """Return a function writing ``rows`` to ``path`` as LibreOffice saves a CSV with the given
    delimiter and encoding."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed; run 'make test', which installs it")
    profile = tmp_path_factory.mktemp("lo-csv-profile")

    def save(path: Path, rows: list[list[object]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
        book = path.with_suffix(".xlsx")
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.save(book)
        outdir = path.parent / "libreoffice-csv"
        outdir.mkdir(exist_ok=True)
        options = f"{DELIMITERS[delimiter]},34,{ENCODINGS[encoding]}"
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir", str(outdir), str(book)],
            capture_output=True, text=True, timeout=180,
        )
        made = outdir / (book.stem + ".csv")
        assert result.returncode == 0 and made.is_file(), (
            f"LibreOffice could not save {book.name} as CSV: {result.stdout} {result.stderr}")
        book.unlink()
        made.replace(path)
        return path

    return save
