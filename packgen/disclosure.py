"""Disclosure control: which counts of a published table may be shown, as statistical offices do it.

1. **Primary suppression.** A count from 1 to ``threshold - 1`` is shown as "fewer than N"
   (:func:`fewer_than`). A true 0 is shown: it points at nobody, and readers need "nobody scored
   8 or more".
2. **Secondary suppression.** A table's counts add up along *lines*: a row to its total, the hubs
   of a column to the force-wide figure, the people at or above a cut-off and those below it to
   the number who answered. A line with a single hidden count gives it away by subtraction, so a
   second count of that line is hidden too (:data:`NOT_SHOWN`); it is the smallest other count
   above 0, or the line's total.
3. **The audit.** Hiding two counts per line is not always enough: a reader knows a "fewer than 5"
   count is 1 to 4 and a "not shown" one is at least 5, and lines meet. So every hidden count's
   smallest and largest value consistent with everything shown is worked out by linear
   programming (scipy's ``linprog``); while any is pinned to one value, another count next to it
   is hidden. The tables here are counts with totals along rows and columns, whose linear
   programmes have whole-number corners, so a range wider than one value always holds two whole
   numbers.

A share is shown as its count and the number who answered (``8 of 24 (33%)``); the number below
the cut-off is the third count of its line, never printed, and a share built on a hidden count is
hidden with it (a share and its denominator give back the numerator).

:class:`CountTable` states a table; :func:`protect` decides what is hidden; :func:`count_text` and
:func:`share_text` say each cell as it may be published. :func:`published_count`,
:func:`suppress_counts` and :func:`published_share` are the one-line cases the per-hub reports use.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from math import fsum, inf, isinf

from packgen.numbers import percent

NOT_SHOWN = "not shown"
"""A count withheld only so that another cannot be worked back (it is at least the threshold)."""

WITHHELD = "withheld"
"""Every count of a table that no pattern of "fewer than N" and "not shown" can protect (two
hubs of 1 and a force-wide total of 2, all "fewer than 3"): it says nothing about the value."""

Key = Hashable


def fewer_than(threshold: int) -> str:
    """Return how a count below the threshold is published: ``fewer than 5``."""
    return f"fewer than {threshold}"


def is_small(count: int, threshold: int) -> bool:
    """Return whether ``count`` is suppressed by itself (1 to ``threshold - 1``)."""
    return 0 < count < threshold


@dataclass(frozen=True)
class Line:
    """Counts that add up to a total, all published in the same table."""

    parts: tuple[Key, ...]
    total: Key

    @property
    def keys(self) -> tuple[Key, ...]:
        return (*self.parts, self.total)


@dataclass(frozen=True)
class Share:
    """The three counts of one share: at or above the cut-off, below it, and who answered."""

    count: Key
    below: Key
    n: Key


@dataclass
class CountTable:
    """Counts, the lines they add up along, and the shares printed from them.

    ``fixed`` counts are published whatever happens (a total said elsewhere in the same document):
    they are never chosen for secondary suppression.
    """

    counts: dict[Key, int]
    lines: list[Line] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    fixed: frozenset[Key] = frozenset()

    def add_share(self, key: Key, count: int, n: int) -> Share:
        """Add the share ``count`` of ``n`` under ``(key, "count")``, ``(key, "below")`` and
        ``(key, "n")``, with its line; return it."""
        share = Share((key, "count"), (key, "below"), (key, "n"))
        self.counts.update({share.count: count, share.below: n - count, share.n: n})
        self.lines.append(Line((share.count, share.below), share.n))
        self.shares.append(share)
        return share


@dataclass(frozen=True)
class Protection:
    """What :func:`protect` decided for a table."""

    hidden: frozenset[Key]
    threshold: int
    safe: bool
    """False when a hidden count could still be worked out and only ``fixed`` counts were left
    to hide: the caller must then withhold the whole table."""
    labelled: bool = True
    """False when every count is :data:`WITHHELD`, without saying which are small."""


def protect(table: CountTable, threshold: int) -> Protection:
    """Return which counts of ``table`` to hide: primary, then secondary suppression, then the
    audit, hiding one more count at a time until no hidden count can be worked out."""
    shares = _shares_by_key(table)
    hidden = _closed({key for key, count in table.counts.items() if is_small(count, threshold)}, shares)
    while True:
        hidden = _secondary(table, hidden, shares)
        pinned = disclosed(table, hidden, threshold)
        if not pinned:
            return Protection(frozenset(hidden), threshold, safe=True)
        extra = _next_to_hide(table, hidden, pinned)
        if extra is None and table.fixed:
            return Protection(frozenset(hidden), threshold, safe=False)
        if extra is None:
            everything = frozenset(key for key, count in table.counts.items() if count)
            return Protection(everything, threshold, safe=True, labelled=False)
        hidden = _closed(hidden | {extra}, shares)


def _shares_by_key(table: CountTable) -> dict[Key, Share]:
    return {key: share for share in table.shares for key in (share.count, share.below, share.n)}


def _closed(hidden: set[Key], shares: dict[Key, Share]) -> set[Key]:
    """Return ``hidden`` with what its display hides too: a share's count and the number below
    the cut-off go together, and a hidden number who answered hides both."""
    closed = set(hidden)
    for key in hidden:
        share = shares.get(key)
        if share is not None:
            closed |= {share.count, share.below}
    return closed


def _secondary(table: CountTable, hidden: set[Key], shares: dict[Key, Share]) -> set[Key]:
    """Return ``hidden`` grown until no line has exactly one hidden count."""
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for line in table.lines:
            if sum(1 for key in line.keys if key in hidden) != 1:
                continue
            candidate = _smallest_shown(table, hidden, [line])
            if candidate is not None:
                hidden = _closed(hidden | {candidate}, shares)
                changed = True
    return hidden


def _smallest_shown(table: CountTable, hidden: set[Key], lines: Iterable[Line],
                    spare_zeros: bool = True) -> Key | None:
    """Return the count to hide next among those still shown in ``lines``, or None.

    The usual greedy choice: a count that also completes another line (one with a single hidden
    count), so one cell does the work of two; then the smallest count above 0; then a part before
    a total. With ``spare_zeros``, a share's count whose partner (the number below the cut-off, or
    the count) is 0 is passed over: hiding it would hide the 0 too, and "not shown (24 answered)"
    would then suggest both are at least the threshold.
    """
    shares = _shares_by_key(table)
    alone = [line for line in table.lines if sum(1 for key in line.keys if key in hidden) == 1]
    candidates = []
    for line in lines:
        for order, key in enumerate(line.keys):
            if key in hidden or key in table.fixed or table.counts[key] <= 0:
                continue
            share = shares.get(key)
            if spare_zeros and share is not None and key != share.n and 0 in (
                    table.counts[share.count], table.counts[share.below]):
                continue
            completes = sum(1 for other in alone if other is not line and key in other.keys)
            candidates.append((-completes, table.counts[key], key == line.total, order, key))
    return min(candidates, key=lambda c: c[:4])[4] if candidates else None


def _next_to_hide(table: CountTable, hidden: set[Key], pinned: list[Key]) -> Key | None:
    """Return the count to hide next: the smallest shown one on a line through a pinned count,
    else on any line through a hidden one, else anywhere in the table."""
    near = [line for line in table.lines if any(key in line.keys for key in pinned)]
    beyond = [line for line in table.lines if any(key in hidden for key in line.keys)]
    for lines in (near, beyond, table.lines):
        for spare_zeros in (True, False):
            key = _smallest_shown(table, hidden, lines, spare_zeros)
            if key is not None:
                return key
    return None


# --- The audit ----------------------------------------------------------------------------------


def reader_bounds(table: CountTable, hidden: Iterable[Key], threshold: int) -> dict[Key, tuple[int, int | None]]:
    """Return, for each hidden count, the range a reader learns from its cell alone.

    A count printed as "fewer than N" is 1 to N - 1; one printed as "not shown" is at least N
    (it would say "fewer than N" otherwise). A share whose number who answered is shown says which
    of its two hidden counts is small: "fewer than 5 of 24" bounds the count only (the number
    below may be small too), "more than 19 of 24" bounds the number below and tells that the count
    is not small, and "not shown (24 answered)" tells that neither is. A hidden number who answered
    hides its two counts without a word about them. ``None`` is no upper limit.
    """
    hidden = set(hidden)
    shares = _shares_by_key(table)
    bounds: dict[Key, tuple[int, int | None]] = {}
    for key in hidden:
        share = shares.get(key)
        if table.counts[key] == 0:
            bounds[key] = (0, None)
        elif share is None or key == share.n:
            bounds[key] = _labelled(table.counts[key], threshold)
        elif share.n in hidden:
            bounds[key] = (0, None)
        else:
            said = {share.count} if is_small(table.counts[share.count], threshold) else {share.count, share.below}
            bounds[key] = _labelled(table.counts[key], threshold) if key in said else (0, None)
    return bounds


def _labelled(count: int, threshold: int) -> tuple[int, int | None]:
    return (1, threshold - 1) if is_small(count, threshold) else (threshold, None)


def disclosed(table: CountTable, hidden: Iterable[Key], threshold: int) -> list[Key]:
    """Return the hidden counts above 0 that a reader can work out exactly from what is shown,
    the lines and the ranges of :func:`reader_bounds` (smallest and largest value by scipy's
    ``linprog``, or worked out directly where each hidden count is on one line at most: see
    :func:`line_ranges`). A count whose own cell already says its value ("fewer than 2" is 1) is
    not counted: it is the threshold's doing."""
    hidden = set(hidden)
    bounds = reader_bounds(table, hidden, threshold)
    unknown = sorted(hidden, key=repr)
    if not unknown:
        return []
    column = {key: position for position, key in enumerate(unknown)}
    rows, rhs = [], []
    for line in table.lines:
        signs = [(key, 1) for key in line.parts] + [(line.total, -1)]
        if not any(key in column for key, _ in signs):
            continue
        row = [0.0] * len(unknown)
        known = 0
        for key, sign in signs:
            if key in column:
                row[column[key]] += sign
            else:
                known += sign * table.counts[key]
        rows.append(row)
        rhs.append(-known)
    limits = [bounds[key] for key in unknown]
    wanted = [position for position, key in enumerate(unknown)
              if table.counts[key] != 0 and bounds[key][0] != bounds[key][1]]
    ranges = line_ranges(rows, rhs, limits)
    pinned = []
    for position in wanted:
        least, most = ranges[position] if ranges is not None else linprog_range(position, rows, rhs, limits)
        if least is not None and most is not None and most - least < 0.5:
            pinned.append(unknown[position])
    return pinned


Range = tuple[float | None, float | None]
"""The smallest and largest value of a hidden count; None for no limit, (None, None) when no
values fit at all."""


def linprog_range(position: int, rows: list[list[float]], rhs: list[float],
                  limits: list[tuple[int, int | None]]) -> Range:
    """Return the range of unknown ``position`` under ``rows · x = rhs`` within ``limits``, by
    scipy's ``linprog`` (HiGHS): one problem for the smallest value, one for the largest."""
    from scipy.optimize import linprog

    target = [0.0] * len(limits)
    target[position] = 1.0
    least = linprog(target, A_eq=rows or None, b_eq=rhs or None, bounds=limits, method="highs")
    most = linprog([-t for t in target], A_eq=rows or None, b_eq=rhs or None, bounds=limits, method="highs")
    if least.status == 2 or most.status == 2:  # no values fit
        return None, None
    return (least.fun if least.status == 0 else None), (-most.fun if most.status == 0 else None)


def line_ranges(rows: list[list[float]], rhs: list[float],
                limits: list[tuple[int, int | None]]) -> list[Range] | None:
    """Return every unknown's range under ``rows · x = rhs`` within ``limits`` when each unknown
    is on one row at most with a coefficient of 1 or -1; None otherwise (:func:`linprog_range`
    then solves it).

    Written out rather than solved: for one sum of parts, each part's range follows from the
    others' (the total less the most and the least they can add up to), exactly what ``linprog``
    finds, and a report has dozens of such lines (a table's row, a share's count and the number
    below it), each of which costs ``linprog`` two problems. ``tests/test_disclosure.py`` checks
    the two agree.
    """
    members: list[list[int]] = [[] for _ in rows]
    seen: set[int] = set()
    for number, row in enumerate(rows):
        for position, coefficient in enumerate(row):
            if coefficient:
                if coefficient not in (1.0, -1.0) or position in seen:
                    return None
                members[number].append(position)
                seen.add(position)
    ranges = [(float(low), inf if high is None else float(high)) for low, high in limits]
    for number, positions in enumerate(members):
        terms = [_term_range(rows[number][p], ranges[p]) for p in positions]
        total = rhs[number]
        lowest, highest = fsum(low for low, _ in terms), fsum(high for _, high in terms)
        if not lowest <= total <= highest:
            return [(None, None)] * len(limits)  # nothing fits: the reader learns nothing
        for position, (low, high) in zip(positions, terms):
            # the term is the total less the others: from the total less their most to less their least
            least = max(low, total - _sum_without(terms, high, 1))
            most = min(high, total - _sum_without(terms, low, 0))
            ranges[position] = (least, most) if rows[number][position] > 0 else (-most, -least)
    return [tuple(None if isinf(value) else value for value in pair) for pair in ranges]  # type: ignore[misc]


def _term_range(sign: float, limit: tuple[float, float]) -> tuple[float, float]:
    """Return the range of ``sign · x`` for x within ``limit`` (infinite: no limit)."""
    low, high = limit
    return (low, high) if sign > 0 else (-high, -low)


def _sum_without(terms: list[tuple[float, float]], own: float, end: int) -> float:
    """Return the sum of the terms' lower (``end`` 0) or upper (1) ends, less the term's ``own``
    end: infinite when another term's end is."""
    infinite = sum(1 for term in terms if isinf(term[end]))
    if infinite - (1 if isinf(own) else 0) > 0:
        return next(term[end] for term in terms if isinf(term[end]))
    return fsum(term[end] for term in terms if not isinf(term[end])) - (0.0 if isinf(own) else own)


# --- Words --------------------------------------------------------------------------------------


def count_text(table: CountTable, protection: Protection, key: Key) -> int | str:
    """Return a count as it may be published: the number, "fewer than N" or "not shown"."""
    count = table.counts[key]
    if key not in protection.hidden:
        return count
    if not protection.labelled:
        return WITHHELD
    return fewer_than(protection.threshold) if is_small(count, protection.threshold) else NOT_SHOWN


def share_text(table: CountTable, protection: Protection, share: Share) -> str:
    """Return a share as it may be published.

    Exactly, with N the threshold: ``"nobody answered"``; ``"8 of 24 (33%)"``; the count small:
    ``"fewer than N of 24"``; only the number below the cut-off small: ``"more than 19 of 24"``
    (24 - N: the count is 20 to 23); both withheld for another cell's sake: ``"not shown (24
    answered)"``; fewer than N answered: ``"fewer than N people answered"``; the number who
    answered withheld too: ``"not shown"``; a table that only hiding everything protects:
    ``"withheld"``. A withheld count never has a percentage.
    """
    count, below, n = (table.counts[k] for k in (share.count, share.below, share.n))
    threshold, hidden = protection.threshold, protection.hidden
    if n == 0:
        return "nobody answered"
    if not protection.labelled and (share.n in hidden or share.count in hidden):
        return WITHHELD
    if share.n in hidden:
        return f"{fewer_than(threshold)} people answered" if is_small(n, threshold) else NOT_SHOWN
    if share.count not in hidden:
        return f"{count} of {n} ({percent(count, n)})"
    if is_small(count, threshold):
        return f"{fewer_than(threshold)} of {n}"
    if is_small(below, threshold):
        return f"more than {n - threshold} of {n}"
    return f"{NOT_SHOWN} ({n} answered)"


# --- One line: the per-hub reports ----------------------------------------------------------------


def suppress_counts(counts: list[int], threshold: int) -> list[str | int] | None:
    """Return a row of counts whose total is published elsewhere, as it may be published; None
    when no breakdown can be published without giving a count away (show the total alone).

    Each count from 1 to ``threshold - 1`` becomes "fewer than N"; 0 stays 0; when a hidden count
    could be worked back from the total, the smallest other count above 0 becomes
    :data:`NOT_SHOWN`, and more if the ranges still pin one down (1 and 5 of 6 cannot be shown at
    all: "not shown" is at least 5, so "fewer than 5" would be 1). A total below the threshold is
    hidden itself (the caller says "fewer than N"), so it gives nothing away.
    """
    total = sum(counts)
    table = CountTable({index: count for index, count in enumerate(counts)} | {"total": total},
                  [Line(tuple(range(len(counts))), "total")],
                  fixed=frozenset() if is_small(total, threshold) else frozenset({"total"}))
    protection = protect(table, threshold)
    if not protection.safe:
        return None
    return [count_text(table, protection, index) for index in range(len(counts))]


def published_count(count: int, threshold: int) -> int | str:
    """Return a count published on its own (a total): the number, or "fewer than N" from 1 to
    ``threshold - 1`` (0 is shown)."""
    return fewer_than(threshold) if is_small(count, threshold) else count


def published_share(count: int, n: int, threshold: int) -> str:
    """Return one share as it may be published on its own (see :func:`share_text`): ``8 of 24
    (33%)``, ``fewer than 5 of 24``, ``more than 19 of 24``.

    Where the wording would leave a single possible count, the number who answered is withheld
    too, and then every hidden count of that many answers reads ``not shown``: of 6 answers with a
    threshold of 5, "more than 1 of 6" (and not "fewer than 5") could only be 5, so 1 to 5 of 6
    all read "not shown".
    """
    said = _one_share(count, n, threshold)
    if said.endswith("%)") or said == "nobody answered" or is_small(n, threshold):
        return said
    return NOT_SHOWN if _one_share(n - 1, n, threshold) == NOT_SHOWN else said


def _one_share(count: int, n: int, threshold: int) -> str:
    table = CountTable({})
    share = table.add_share("share", count, n)
    return share_text(table, protect(table, threshold), share)
