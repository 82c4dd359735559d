"""Row heights fitted to wrapped text."""

from __future__ import annotations


def test_rows_with_long_wrapped_text_are_made_tall_enough(book):
    sheet = book["Overview"]
    assert sheet.row_dimensions[7].height >= 2 * 15  # the focal question wraps onto two lines
    assert sheet.row_dimensions[13].height >= 3 * 14  # the address has three lines
    assert sheet.row_dimensions[4].height is None  # one line: left to the default

