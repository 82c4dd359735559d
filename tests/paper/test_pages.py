"""Pages from scans: PDFs whatever their images, folders of images, and files that are neither."""

import struct
import warnings
import zlib
from pathlib import Path

import numpy as np
import pypdf
import pytest
from PIL import Image

from packgen.paper.pages import iter_pages
from tests.paper.scanning import draw_page, synthetic_layout

LAYOUT = synthetic_layout("pre")


def _page(form: int = 1, mode: str = "L") -> Image.Image:
    return Image.fromarray(draw_page(LAYOUT, 1, form, dpi=100)).convert(mode)


def _pdf(path: Path, images: list[Image.Image]) -> Path:
    images[0].save(path, save_all=True, append_images=images[1:], resolution=100)
    return path


def test_a_pdf_gives_its_pages_in_order_at_150_dpi(tmp_path):
    pdf = _pdf(tmp_path / "scan.pdf", [_page(1), _page(2, "1"), _page(3, "RGB")])
    pages = list(iter_pages(pdf))
    assert [(p.file, p.number, p.problem) for p in pages] == [(pdf, 1, ""), (pdf, 2, ""), (pdf, 3, "")]
    assert {p.image.shape for p in pages} == {(1754, 1241)}
    assert all(p.image.dtype == np.uint8 for p in pages)


def test_a_folder_gives_its_images_in_name_order_and_names_what_is_not_a_scan(tmp_path):
    _page(1).save(tmp_path / "a.png")
    _page(2, "RGB").save(tmp_path / "b.jpg", quality=70)
    _page(3).save(tmp_path / "c.tif", save_all=True, append_images=[_page(4)])
    (tmp_path / "notes.txt").write_text("hello")
    pages = list(iter_pages(tmp_path))
    assert [(p.file.name, p.number, p.problem) for p in pages] == [
        ("a.png", 1, ""), ("b.jpg", 1, ""), ("c.tif", 1, ""), ("c.tif", 2, ""),
        ("notes.txt", None, "not a scan (expected a PDF, PNG, JPEG or TIFF file); skipped")]
    assert [p.image.shape for p in pages[:4]] == [(1169, 827)] * 4


@pytest.mark.parametrize("name", ["big.png", "big.jpg"])
def test_a_large_image_is_read_at_the_reading_size(tmp_path, name):
    Image.fromarray(draw_page(LAYOUT, 1, 1, dpi=300)).save(tmp_path / name)
    (page,) = iter_pages(tmp_path / name)
    assert page.image.shape == (1754, 1240)


def test_a_password_protected_pdf_is_named_not_a_traceback(tmp_path):
    pdf = _pdf(tmp_path / "scan.pdf", [_page()])
    writer = pypdf.PdfWriter(clone_from=pdf)
    writer.encrypt("secret")
    writer.write(tmp_path / "locked.pdf")
    (page,) = iter_pages(tmp_path / "locked.pdf")
    assert (page.number, page.problem) == (None, "the PDF is protected by a password; save the scan again without one")


def test_a_damaged_pdf_is_named(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    (page,) = iter_pages(tmp_path / "scan.pdf")
    assert (page.number, page.problem) == (None, "not a readable PDF (it is damaged, or not a PDF)")


def test_an_image_that_would_fill_memory_is_refused_unread(tmp_path):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 10_000, 10_000, 1, 0, 0, 0, 0)  # past Pillow's limit, not twice it
    (tmp_path / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                                        + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # as outside the tests: Pillow's warning alone would not stop it
        (page,) = iter_pages(tmp_path / "bomb.png")
    assert (page.number, page.problem) == (None, "the image is far too large to be a scanned page; not read")


def test_a_damaged_image_is_named(tmp_path):
    (tmp_path / "page.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (page,) = iter_pages(tmp_path / "page.png")
    assert (page.number, page.problem) == (None, "not a readable image (it is damaged, or not the kind its name says)")


def test_a_pdf_is_read_one_page_at_a_time(tmp_path, monkeypatch):
    import pypdfium2

    pdf = _pdf(tmp_path / "scan.pdf", [_page(n) for n in range(1, 9)])
    rendered = []
    render = pypdfium2.PdfPage.render
    monkeypatch.setattr(pypdfium2.PdfPage, "render", lambda page, **kw: rendered.append(1) or render(page, **kw))
    pages = iter_pages(pdf)
    assert rendered == []
    first = next(pages)
    assert (first.number, len(rendered)) == (1, 1)
    assert [(page.number, len(rendered)) for page in pages] == [(n, n) for n in range(2, 9)]


def test_reading_scans_reports_progress_as_each_page_is_read(tmp_path, monkeypatch):
    import pypdfium2

    from packgen.paper.scans import read_scans

    pdf = _pdf(tmp_path / "scan.pdf", [_page(n) for n in range(1, 6)])
    rendered = []
    render = pypdfium2.PdfPage.render
    monkeypatch.setattr(pypdfium2.PdfPage, "render", lambda page, **kw: rendered.append(1) or render(page, **kw))
    seen = []
    result = read_scans([pdf], LAYOUT.event, {}, {"pre": LAYOUT},
                        progress=lambda page: seen.append((page.number, len(rendered))))
    assert seen == [(n, n) for n in range(1, 6)]
    assert len(result.sources[0].pages) == 5
