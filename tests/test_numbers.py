"""Every percentage packgen prints is rounded one way (packgen.numbers)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from packgen.numbers import percent, points_between, whole_percent


@pytest.mark.parametrize("count, n, expected", [
    (29, 200, "15%"),   # 14.5%: half up (round() gives 14, and 0.145 * 100 is 14.499999999999998)
    (1, 8, "13%"),      # 12.5%
    (5, 200, "3%"),     # 2.5%: round() would give 2
    (1, 3, "33%"), (2, 3, "67%"), (0, 7, "0%"), (7, 7, "100%"), (199, 200, "100%"),
])
def test_percent_rounds_the_exact_fraction_halves_up(count, n, expected):
    assert percent(count, n) == expected


def test_percent_agrees_with_decimal_half_up_for_every_share_up_to_200():
    for n in range(1, 201):
        for count in range(n + 1):
            expected = (Decimal(100) * count / n).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            assert whole_percent(count, n) == int(expected), (count, n)


@pytest.mark.parametrize("share, expected", [(0.145, "15%"), (0.125, "13%"), (0.3333, "33%"), (0.995, "100%"),
                                             (0.0049, "0%"), (1.0, "100%")])
def test_a_float_share_is_taken_at_its_shortest_decimal_form(share, expected):
    assert percent(share) == expected


def test_points_between_is_the_difference_of_the_printed_percentages():
    assert points_between((29, 200), (60, 200)) == 15  # 15% to 30%, though 15.5 points exactly
    assert points_between((30, 100), (29, 100)) == -1
