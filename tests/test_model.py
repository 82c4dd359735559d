from datetime import date, time

import pytest

from packgen.model import describe, parse_clock_time, parse_uk_date


@pytest.mark.parametrize("text", ["25/02/2022", "25/2/2022", "25.02.2022", "25-02-2022",
                                  "25 February 2022", "25 Feb 2022", "Friday 25 February 2022",
                                  "Fri, 25th Feb 2022", "2022-02-25", " 25  february  2022 "])
def test_parse_uk_date_accepts_day_first_and_iso_forms(text):
    assert parse_uk_date(text) == date(2022, 2, 25)


def test_parse_uk_date_refuses_month_first():
    with pytest.raises(ValueError) as error:
        parse_uk_date("02/25/2022")
    assert str(error.value) == "'02/25/2022' is not a real date (day first: 25/02/2022)"


def test_parse_uk_date_refuses_impossible_date():
    with pytest.raises(ValueError) as error:
        parse_uk_date("31 February 2022")
    assert str(error.value) == "'31 February 2022' is not a real date (day first: 25/02/2022)"


def test_parse_uk_date_refuses_words_it_cannot_read():
    with pytest.raises(ValueError) as error:
        parse_uk_date("next Friday")
    assert str(error.value) == "expected a date like 25/02/2022 or 25 February 2022, found 'next Friday'"


def test_parse_uk_date_refuses_a_number():
    with pytest.raises(ValueError) as error:
        parse_uk_date(25022022)
    assert str(error.value) == "expected a date like 25/02/2022, found a number (25022022)"


@pytest.mark.parametrize("text,expected", [
    ("09:30", time(9, 30)), ("9:30", time(9, 30)), ("9.30", time(9, 30)), ("9:30am", time(9, 30)),
    ("9.30 am", time(9, 30)), ("4pm", time(16, 0)), ("12pm", time(12, 0)), ("12am", time(0, 0)),
    ("midday", time(12, 0)), ("23:59", time(23, 59)), ("4:15PM", time(16, 15)),
])
def test_parse_clock_time_accepts_24_hour_and_am_pm(text, expected):
    assert parse_clock_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9:60", "13pm", "half nine", "0930"])
def test_parse_clock_time_refuses_what_is_not_a_time(text):
    with pytest.raises(ValueError) as error:
        parse_clock_time(text)
    assert str(error.value) == f"expected a time like 09:30 or 9:30am, found '{text}'"


def test_parse_clock_time_asks_for_quotes_around_a_number():
    with pytest.raises(ValueError) as error:
        parse_clock_time(930)
    assert str(error.value) == (
        'expected a time like 09:30 or 9:30am, found a number (930) (put times in quotes: "09:30")'
    )


def test_describe_shortens_long_text():
    assert describe("x" * 50) == "'" + "x" * 37 + "...'"
    assert describe(None) == "nothing"
    assert describe([1]) == "a list"
    assert describe(True) == "true/false (True)"


def test_an_event_key_is_its_bcu_and_first_date(example_config):
    event = example_config.event
    assert event.key == f"{event.bcu.lower().replace(' ', '-')}-{event.dates[0].isoformat()}"
    assert event.model_copy(update={"title": "Another title"}).key == event.key
    assert event.model_copy(update={"bcu": "North & East!"}).key == f"north-east-{event.dates[0].isoformat()}"
