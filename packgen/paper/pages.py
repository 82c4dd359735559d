"""Scanned pages, one at a time, from a scanner's PDF or a folder of images.

PDF pages are rendered by pypdfium2 at :data:`DPI` whatever the images inside them are (JPEG,
JBIG2, CCITT fax, colour, grey or black and white), so each page reaches the reader as a grey image
of the same size; image files (PNG, JPEG, TIFF, multi-page TIFF) are reduced to about the same
size. Only one page is held in memory at a time, so a 2,000-page PDF reads like a short one.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DPI = 150
"""Pages are read at about this resolution (an A4 page: 1240 × 1754 pixels)."""
LONGEST_SIDE = round(297 / 25.4 * DPI)
"""No page is read larger than this many pixels along its longer side."""

PDF_SUFFIXES = (".pdf",)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


@dataclass
class ScanPage:
    """One page of a scan: its grey image, or why it cannot be read."""

    file: Path
    number: int | None
    """From 1 within its file; ``None`` when the whole file could not be opened."""
    image: np.ndarray | None = None
    problem: str = ""


def scan_files(path: Path) -> list[Path]:
    """Return the scan files ``path`` names: itself, or the files of a folder in name order."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    return [path]


def iter_pages(path: Path) -> Iterator[ScanPage]:
    """Yield every page of the scans at ``path`` (a file, or a folder of them), one at a time."""
    for file in scan_files(path):
        suffix = file.suffix.lower()
        if suffix in PDF_SUFFIXES:
            yield from _pdf_pages(file)
        elif suffix in IMAGE_SUFFIXES:
            yield from _image_pages(file)
        elif not file.exists():
            yield ScanPage(file, None, problem="no such file")
        else:
            yield ScanPage(file, None, problem="not a scan (expected a PDF, PNG, JPEG or TIFF file); skipped")


def _pdf_pages(file: Path) -> Iterator[ScanPage]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(file)
    except pypdfium2.PdfiumError as error:
        yield ScanPage(file, None, problem=_pdf_problem(str(error)))
        return
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                try:
                    width, height = page.get_size()
                    scale = min(DPI / 72, LONGEST_SIDE / max(width, height, 1))
                    bitmap = page.render(scale=scale, grayscale=True)
                    yield ScanPage(file, index + 1, _grey(bitmap.to_numpy()))
                finally:
                    page.close()
            except pypdfium2.PdfiumError as error:
                yield ScanPage(file, index + 1, problem=f"the page cannot be read ({error})")
    finally:
        document.close()


def _pdf_problem(message: str) -> str:
    if "password" in message.lower():
        return "the PDF is protected by a password; save the scan again without one"
    return "not a readable PDF (it is damaged, or not a PDF)"


def _grey(array: np.ndarray) -> np.ndarray:
    import numpy as np

    if array.ndim == 3:
        array = array[:, :, :3].mean(axis=2).astype(np.uint8) if array.shape[2] > 1 else array[:, :, 0]
    return np.ascontiguousarray(array)


def _image_pages(file: Path) -> Iterator[ScanPage]:
    import numpy as np
    from PIL import Image, ImageSequence, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(file) as opened:
                for index, frame in enumerate(ImageSequence.Iterator(opened)):
                    if frame.mode in ("RGB", "L") and frame.format == "JPEG":
                        frame.draft("L", _target(frame.size))  # decode JPEGs straight at the size needed
                    grey = frame.convert("L")
                    if max(grey.size) > LONGEST_SIDE:
                        grey = grey.resize(_target(grey.size), Image.Resampling.BOX)
                    yield ScanPage(file, index + 1, np.asarray(grey))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            yield ScanPage(file, None, problem="the image is far too large to be a scanned page; not read")
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            yield ScanPage(file, None, problem="not a readable image (it is damaged, or not the kind its name says)")


def _target(size: tuple[int, int]) -> tuple[int, int]:
    shrink = min(1.0, LONGEST_SIDE / max(size))
    return max(1, round(size[0] * shrink)), max(1, round(size[1] * shrink))
