"""The reports' plain-English figures (packgen.report.words)."""

from __future__ import annotations

import pytest

from packgen.evaluation import Proportion
from packgen.report.words import (
    change_text,
    day_month_year,
    interval_text,
    p_value_text,
    people,
    pounds,
    share_text,
)


def test_share_text_is_count_of_n_with_the_percentage():
    assert share_text(Proportion(8, 24, 0.18, 0.53)) == "8 of 24 (33%)"
    assert share_text(Proportion(1, 8, 0.02, 0.47)) == "1 of 8 (13%)"
    assert share_text(Proportion(0, 0, None, None)) == "nobody answered"


def test_share_text_never_suppresses_small_counts():
    assert share_text(Proportion(1, 2, 0.09, 0.91)) == "1 of 2 (50%)"


def test_share_text_rounds_29_of_200_up_to_15_percent():
    assert share_text(Proportion(29, 200, 0.1, 0.2)) == "29 of 200 (15%)"


def test_interval_text():
    assert interval_text(Proportion(6, 25, 0.115, 0.4343)) == "12% to 43%"
    assert interval_text(Proportion(29, 200, 0.145, 0.245)) == "15% to 25%"  # halves up, not to even
    assert interval_text(Proportion(0, 0, None, None)) == ""


@pytest.mark.parametrize("before, after, expected", [
    ((10, 32), (24, 32), "up 44 percentage points"),   # 31% to 75%
    ((29, 200), (60, 200), "up 15 percentage points"),  # 15% to 30%: the printed figures' difference
    ((30, 100), (29, 100), "down 1 percentage point"),
    ((29, 200), (30, 200), "no change to the nearest percentage point"),  # 15% and 15%
    ((5, 20), (6, 24), "no change"),
])
def test_change_text_is_the_difference_of_the_printed_percentages(before, after, expected):
    assert change_text(Proportion(*before, None, None), Proportion(*after, None, None)) == expected


@pytest.mark.parametrize("p, expected", [
    (0.5, "p = 0.500"), (0.0123, "p = 0.012"), (0.0004, "p < 0.001"), (0.04996, "p < 0.05"), (0.0504, "p = 0.050"),
])
def test_p_value_text(p, expected):
    assert p_value_text(p) == expected


def test_dates_are_written_the_uk_way_without_the_weekday():
    assert day_month_year("2022-04-05") == "5 April 2022"
    assert day_month_year("soon") == "soon"


def test_pounds_and_people():
    assert pounds(1640.5) == "£1,640.50"
    assert pounds(5000) == "£5,000"
    assert pounds(None) == "–"
    assert people(1) == "1 person"
    assert people(27) == "27 people"
