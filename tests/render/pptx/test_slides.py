"""Copying and splitting slides (packgen.render.pptx.slides)."""

from __future__ import annotations

from decks import render, table_rows, titled, context_with


def test_table_rows_that_overflow_continue_on_a_new_slide(tmp_path):
    tables = [{"facilitator": f"Facilitator {n}", "note_taker": f"Note taker {n}"} for n in range(1, 21)]
    context = context_with(tmp_path, tables=tables)

    slides = titled(render(context), "Who is at each table")

    assert [s.shapes.title.text for s in slides] == ["Who is at each table", "Who is at each table (continued)"]
    first, second = (table_rows(s, "Table plan") for s in slides)
    assert first[0] == second[0] == ["Table", "Facilitator", "Note taker"]
    assert [row[0] for row in first[1:] + second[1:]] == [f"Table {n}" for n in range(1, 21)]
    assert len(first) - 1 == 12


def test_twelve_tables_fit_on_one_slide(tmp_path):
    context = context_with(tmp_path, tables=12)

    slides = titled(render(context), "Who is at each table")

    assert len(slides) == 1
    assert len(table_rows(slides[0], "Table plan")) == 13

