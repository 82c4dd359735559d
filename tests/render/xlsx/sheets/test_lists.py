"""The hidden Lists sheet the drop-downs read."""

from __future__ import annotations

from ..books import rows


def test_lists_sheet_holds_the_sectors_and_table_names(book, example_config):
    sectors = example_config.event.sectors
    assert [row[0] for row in rows(book["Lists"])] == sectors
    assert [row[1] for row in rows(book["Lists"])][:5] == [f"Table {n}" for n in range(1, 6)]
    assert "School, college or university" in sectors  # a comma would split a list literal


def test_session_notes_tables_list_ends_with_the_whole_room(book):
    from packgen.wording import WHOLE_ROOM

    sheet = book["Lists"]
    assert [sheet.cell(row=r, column=2).value for r in range(4, 10)] == [
        "Table 1", "Table 2", "Table 3", "Table 4", "Table 5", WHOLE_ROOM]

