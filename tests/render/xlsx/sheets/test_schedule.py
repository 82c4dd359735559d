"""The Run of the day and the Checklist."""

from __future__ import annotations

from datetime import datetime, time

from conftest import example_data, write_config
from packgen.config import load_config
from packgen.context import run_of_the_day

from ..books import FIRST, LAST_CHECKED, render, open_bytes, rows, validations


def test_run_of_the_day_lists_every_item_with_real_dates_and_times(book, example_config):
    expected = [
        (datetime(2022, 2, 25), item.start, item.end, item.title, item.detail or None)
        for item in run_of_the_day(example_config.event)
    ]
    assert rows(book["Run of the day"]) == expected
    assert expected[0][1:4] == (time(9, 30), time(10, 0), "Arrival, registration and coffee")
    assert book["Run of the day"]["B4"].number_format == "hh:mm"


def test_a_hub_over_several_dates_dates_each_item(tmp_path):
    data = example_data()
    data["dates"] = ["09/03/2021", "16/03/2021", "23/03/2021"]
    for session, day in zip(data["sessions"], data["dates"]):
        session["date"] = day
    config = load_config(write_config(tmp_path / "hub", data))
    book = open_bytes(render(config))
    sessions = [row for row in rows(book["Run of the day"]) if str(row[3]).startswith("Session")]
    assert [row[0] for row in sessions] == [datetime(2021, 3, 9), datetime(2021, 3, 16),
                                             datetime(2021, 3, 23)]
    assert book["Overview"]["B10"].value == datetime(2021, 3, 9)


def test_checklist_rows_equal_the_events_checklist_with_due_date_formulas(book, example_config):
    expected = [
        (item.item, item.owner, item.weeks_before, f"=EventDate-ROUND(7*C{row},0)", "Not started", None)
        for row, item in enumerate(example_config.event.checklist, start=FIRST)
    ]
    assert rows(book["Checklist"]) == expected
    assert book["Checklist"]["D4"].number_format == "dd/mm/yyyy"


def test_checklist_status_has_a_drop_down_of_four_statuses(book):
    assert validations(book["Checklist"]) == {
        f"E4:E{LAST_CHECKED}": ("list", '"Not started,In progress,Done,Not needed"', None, None),
    }

