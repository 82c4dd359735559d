"""Columns: the question marker spread into one column per question."""

from __future__ import annotations


def test_question_columns_take_the_marker_columns_width_and_style(book):
    sheet = book["Post responses"]
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLMN"]
    assert widths == [12, 22, 18, 18, 18, 18, 18, 18, 24, 24, 24, 24, 28, 11]
    assert sheet["H3"].fill.fgColor.rgb == sheet["A3"].fill.fgColor.rgb
    assert sheet["N3"].font.bold
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A2:N2"]  # the guidance spans them all

