"""The summary `packgen results` prints."""

from packgen.results.dataset import Dataset, SourceSummary
from packgen.results.summary import summary_lines


def test_scanned_pages_are_listed_once_per_file_and_kind_with_every_page_number():
    pages = [["scans.pdf", 1, "blank"], ["scans.pdf", 2, "pre 1 page 1"], ["scans.pdf", 3, "blank"],
             ["scans.pdf", 4, "duplicate"], ["more.pdf", 1, "blank"], ["photo.jpg", None, "unknown"]]
    dataset = Dataset(event={}, questions=[], sources=[SourceSummary("scans.pdf", "scans", "pre+post", 1, 0, pages)])
    lines = summary_lines(dataset)
    assert lines[2:7] == [
        "        6 page(s): 1 read, 3 blank back, 1 scanned twice, used once, 1 not identified",
        "        - scans.pdf, pages 1, 3: blank back",
        "        - scans.pdf, page 4: scanned twice, used once",
        "        - more.pdf, page 1: blank back",
        "        - photo.jpg: not identified",
    ]
