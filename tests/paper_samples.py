"""What the tests of the paper forms share: how many copies the example is printed in, the files
``packgen print`` writes, and reading a printed PDF back. Used by tests/paper/test_printing.py and
tests/stages/test_print_forms.py."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

COPIES = 3
WRITTEN = ["pre-event-forms.pdf", "pre-event-forms.layout.json", "post-event-forms.pdf",
           "post-event-forms.layout.json"]


def pdf_pages(path: Path) -> int:
    return len(pdfium.PdfDocument(path))


def flat(text: str) -> str:
    return " ".join(text.split())
