"""Disclosure control (packgen.disclosure): small counts hidden, and nothing hidden can be worked
back, checked by a reader who sees only the printed cells (tests/recover.py)."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from recover import column_equations, count_range, recoverable, share_equations

from packgen.disclosure import (
    NOT_SHOWN,
    WITHHELD,
    CountTable,
    Line,
    count_text,
    disclosed,
    fewer_than,
    line_ranges,
    linprog_range,
    protect,
    published_count,
    published_share,
    share_text,
    suppress_counts,
)

# --- One row with a published total (who took part, by sector) ---------------------------------


def test_suppression_is_exact_at_the_threshold():
    assert suppress_counts([4], 5) == ["fewer than 5"]
    assert suppress_counts([5], 5) == [5]
    assert suppress_counts([1, 4, 5, 6], 5) == ["fewer than 5", "fewer than 5", 5, 6]
    assert fewer_than(5) == "fewer than 5"


def test_zeros_are_shown_as_zero():
    assert suppress_counts([0, 0, 12], 5) == [0, 0, 12]
    assert suppress_counts([0, 3], 5) == [0, "fewer than 5"]


def test_one_suppressed_cell_in_a_row_suppresses_the_smallest_other_non_zero_cell():
    assert suppress_counts([3, 12, 7, 0], 5) == ["fewer than 5", 12, NOT_SHOWN, 0]
    assert suppress_counts([12, 2, 12], 10) == [NOT_SHOWN, "fewer than 10", 12]
    assert suppress_counts([3, 21], 5) == ["fewer than 5", NOT_SHOWN]


def test_two_suppressed_cells_need_no_secondary_suppression():
    assert suppress_counts([3, 2, 10], 5) == ["fewer than 5", "fewer than 5", 10]


def test_a_row_that_gives_a_count_away_however_it_is_hidden_is_not_shown_at_all():
    # 6 people: "not shown" is at least 5, so "fewer than 5" could only be 1.
    assert suppress_counts([1, 5], 5) is None
    assert suppress_counts([1, 5, 9], 5) == ["fewer than 5", NOT_SHOWN, NOT_SHOWN]


def test_a_count_on_its_own_is_shown_unless_it_is_small():
    assert [published_count(c, 5) for c in (0, 1, 4, 5, 27)] == [0, "fewer than 5", "fewer than 5", 5, 27]


def test_a_row_below_the_threshold_that_any_label_gives_away_is_withheld():
    # "fewer than 3" twice and a total of "fewer than 3" can only be 1 + 1 = 2.
    assert suppress_counts([1, 1], 3) == [WITHHELD, WITHHELD]
    assert suppress_counts([1, 0, 1], 3) == [WITHHELD, 0, WITHHELD]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 14), min_size=1, max_size=6), st.sampled_from([3, 5, 10]))
@example([1, 1], 3)
def test_no_count_of_a_row_can_be_worked_back_from_its_total(counts, threshold):
    shown = suppress_counts(counts, threshold)
    total = sum(counts)
    if shown is None:
        return
    if WITHHELD in shown:  # only hiding everything protects the row: no cell says anything
        assert shown == [WITHHELD if c else 0 for c in counts]
        return
    assert [c for c, s in zip(counts, shown) if isinstance(s, int)] == [c for c, s in zip(counts, shown) if s == c]
    assert all(s == fewer_than(threshold) for c, s in zip(counts, shown) if 0 < c < threshold)
    printed_total = f"fewer than {threshold}" if 0 < total < threshold else total
    ranges, equations = column_equations([[s] for s in shown] + [[printed_total]], threshold)
    assert recoverable(ranges, equations) == {}


# --- One share on its own ("You said, we did") ----------------------------------------------------


@pytest.mark.parametrize(("count", "n", "shown"), [
    (8, 24, "8 of 24 (33%)"),
    (5, 24, "5 of 24 (21%)"),
    (4, 24, "fewer than 5 of 24"),
    (0, 24, "0 of 24 (0%)"),
    (24, 24, "24 of 24 (100%)"),
    (22, 24, "more than 19 of 24"),
    (4, 8, "fewer than 5 of 8"),
    (3, 4, "fewer than 5 people answered"),
    (0, 0, "nobody answered"),
    (5, 6, NOT_SHOWN),  # "more than 1 of 6", and not "fewer than 5", could only be 5
    (1, 6, NOT_SHOWN),  # so every hidden count of 6 reads the same
    (29, 200, "29 of 200 (15%)"),
])
def test_published_share_withholds_small_counts_and_their_percentages(count, n, shown):
    assert published_share(count, n, 5) == shown


def test_published_percentages_round_halves_up():
    assert published_share(1, 8, 1) == "1 of 8 (13%)"
    assert published_share(29, 200, 5) == "29 of 200 (15%)"


@pytest.mark.parametrize("threshold", [3, 5, 10])
def test_every_hiding_wording_of_a_share_stands_for_two_or_more_counts(threshold):
    """A reader who knows the rules lists every count that prints the same: each text that hides
    the count must stand for at least two."""
    for n in range(0, 4 * threshold):
        counts = defaultdict(set)
        for count in range(n + 1):
            counts[published_share(count, n, threshold)].add(count)
        for text, possible in counts.items():
            if "%" not in text and text != "nobody answered":
                assert len(possible) >= 2, (n, text, possible)


# --- Tables with totals along rows and columns --------------------------------------------------


def grid(counts: list[list[int]]) -> CountTable:
    """Return a table of rows with their totals, and a totals row, as the roll-up's tables are."""
    table = CountTable({})
    rows, columns = len(counts), len(counts[0])
    for r, row in enumerate(counts):
        for c, count in enumerate(row):
            table.counts[(r, c)] = count
        table.counts[(r, "total")] = sum(row)
        table.lines.append(Line(tuple((r, c) for c in range(columns)), (r, "total")))
    for c in [*range(columns), "total"]:
        table.counts[("total", c)] = sum(table.counts[(r, c)] for r in range(rows))
        table.lines.append(Line(tuple((r, c) for r in range(rows)), ("total", c)))
    table.lines.append(Line(tuple(("total", c) for c in range(columns)), ("total", "total")))
    return table


def printed(table: CountTable, protection) -> dict:
    """Return every count of the table as printed."""
    return {key: count_text(table, protection, key) for key in table.counts}


def test_one_small_count_hides_a_second_in_its_row_and_its_column_and_a_fourth_to_close_the_square():
    table = grid([[3, 12, 9], [11, 10, 14], [8, 13, 20]])
    hidden = protect(table, 5).hidden
    assert hidden == {(0, 0), (0, 2), (2, 0), (2, 2)}
    assert disclosed(table, hidden, 5) == []


def test_two_hidden_counts_in_a_line_are_not_enough_when_their_ranges_pin_them():
    # 1 and 5 add up to 6: "not shown" is at least 5, so "fewer than 5" is 1.
    table = CountTable({"a": 1, "b": 5, "total": 6}, [Line(("a", "b"), "total")])
    assert disclosed(table, {"a", "b"}, 5) == ["a", "b"]
    assert protect(table, 5).hidden == {"a", "b", "total"}


def test_a_fixed_total_that_would_give_a_count_away_makes_the_table_unsafe():
    table = CountTable({"a": 1, "b": 5, "total": 6}, [Line(("a", "b"), "total")], fixed=frozenset({"total"}))
    assert protect(table, 5).safe is False


def test_a_table_no_labels_can_protect_is_withheld_whole():
    # Two hubs of 1 and a force-wide 2, all "fewer than 3": each could only be 1.
    table = CountTable({})
    shares = [table.add_share(i, 0, 1) for i in range(2)]
    force = table.add_share("force", 0, 2)
    for part in ("count", "below", "n"):
        table.lines.append(Line(tuple(getattr(s, part) for s in shares), getattr(force, part)))
    protection = protect(table, 3)
    assert (protection.safe, protection.labelled) == (True, False)
    assert [share_text(table, protection, s) for s in [*shares, force]] == [WITHHELD] * 3


def test_share_wording_names_what_it_hides():
    table = CountTable({})
    shares = [table.add_share(i, count, n) for i, (count, n) in enumerate([(3, 24), (22, 24), (9, 24), (2, 3)])]
    protection = protect(table, 5)
    protection = type(protection)(protection.hidden | {shares[2].count, shares[2].below}, 5, True)
    assert [share_text(table, protection, s) for s in shares] == [
        "fewer than 5 of 24", "more than 19 of 24", "not shown (24 answered)", "fewer than 5 people answered"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.integers(0, 25), min_size=2, max_size=4), min_size=2, max_size=5)
       .filter(lambda rows: len({len(r) for r in rows}) == 1), st.sampled_from([3, 5]))
def test_no_hidden_count_of_a_grid_can_be_worked_back(rows, threshold):
    table = grid(rows)
    protection = protect(table, threshold)
    shown = printed(table, protection)
    small = fewer_than(threshold) if protection.labelled else WITHHELD
    assert all(shown[key] == small for key, value in table.counts.items() if 0 < value < threshold)
    # The reader's equations: every row and column of the printed grid, totals included.
    ranges = {key: count_range(text, threshold) for key, text in shown.items()}
    equations = []
    for line in table.lines:
        equation = {key: 1 for key in line.parts}
        equation[line.total] = -1
        equations.append(equation)
    assert recoverable(ranges, equations) == {}


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=2, max_size=6), st.sampled_from([3, 5]))
def test_no_hidden_count_of_a_share_across_hubs_can_be_worked_back(hubs, threshold):
    table = CountTable({})
    shares = [table.add_share(i, above, above + below) for i, (above, below) in enumerate(hubs)]
    force = table.add_share("force", sum(a for a, _ in hubs), sum(a + b for a, b in hubs))
    for part in ("count", "below", "n"):
        table.lines.append(Line(tuple(getattr(s, part) for s in shares), getattr(force, part)))
    protection = protect(table, threshold)
    assert protection.safe
    cells = [share_text(table, protection, s) for s in [*shares, force]]
    ranges, equations = share_equations(cells, threshold)
    assert recoverable(ranges, equations) == {}


# --- The ranges worked out directly agree with linprog's ------------------------------------------

limit = st.tuples(st.integers(0, 9), st.one_of(st.none(), st.integers(0, 12))).map(
    lambda pair: pair if pair[1] is None else (min(pair), max(pair)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.tuples(st.sampled_from([1.0, -1.0]), limit), min_size=1, max_size=4),
                          st.integers(-10, 30)), min_size=1, max_size=3),
       st.lists(limit, max_size=2))
@example(lines=[([(1.0, (1, 4)), (1.0, (5, None)), (-1.0, (0, None))], 0)], free=[])  # parts and a hidden total
@example(lines=[([(1.0, (1, 4)), (1.0, (1, 4))], 12)], free=[])  # nothing fits
def test_ranges_worked_out_line_by_line_are_linprogs(lines, free):
    """Each hidden count on one line at most: the direct answer is the linear program's."""
    width = sum(len(terms) for terms, _ in lines) + len(free)
    rows, rhs, limits = [], [], []
    for terms, total in lines:
        row = [0.0] * width
        for sign, bounds in terms:
            row[len(limits)] = sign
            limits.append(bounds)
        rows.append(row)
        rhs.append(float(total))
    limits += free

    direct = line_ranges(rows, rhs, limits)

    assert direct is not None
    for position in range(width):
        least, most = linprog_range(position, rows, rhs, limits)
        got_least, got_most = direct[position]
        assert (got_least is None) == (least is None) and (got_most is None) == (most is None), position
        assert got_least is None or abs(got_least - least) < 1e-6
        assert got_most is None or abs(got_most - most) < 1e-6


def test_a_count_on_two_lines_or_with_another_coefficient_is_left_to_linprog():
    assert line_ranges([[1.0, 1.0], [1.0, 0.0]], [5.0, 2.0], [(0, None), (0, None)]) is None
    assert line_ranges([[2.0, 1.0]], [5.0], [(0, None), (0, None)]) is None
