"""A reader trying to work hidden counts back from published tables, written apart from
packgen.disclosure: it reads only the printed cells.

Each cell's text gives a range (``12`` is 12; ``fewer than 5`` is 1 to 4; ``not shown`` is at
least 5, or it would say "fewer than 5"; ``withheld`` is anything); a share's text gives ranges for the count at or above the
cut-off, the number below it and the number who answered. The table's lines (hubs adding up to
the force-wide row, a share's two counts adding up to who answered) are equations. scipy's
``linprog`` then gives each hidden count's smallest and largest value. These are tables with
totals along rows and columns, so the linear programmes have whole-number corners: a range wider
than one value holds two whole numbers.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from scipy.optimize import linprog

SHARE = re.compile(r"(\d+) of (\d+) \((\d+)%\)|fewer than (\d+) of (\d+)|more than (\d+) of (\d+)"
                   r"|not shown \((\d+) answered\)|fewer than (\d+) people answered|not shown|nobody answered"
                   r"|not asked|withheld")
COUNT = re.compile(r"fewer than \d+|not shown|withheld|not known|£[\d,]+\.\d\d|\d+")


def count_range(text: str | int, threshold: int) -> tuple[int, int | None] | None:
    """Return what one printed count says: (lowest, highest), None for no upper limit; None for a
    count not known."""
    if isinstance(text, int):
        return (text, text)
    if text == f"fewer than {threshold}":
        return (1, threshold - 1)
    if text == "not shown":
        return (threshold, None)
    if text == "withheld":
        return (0, None)
    if text in ("not known", ""):
        return None
    return (int(text), int(text))


def share_ranges(text: str, threshold: int) -> dict[str, tuple[int, int | None]] | None:
    """Return what one printed share says about its count, the number below the cut-off and the
    number who answered; None when not asked."""
    match = SHARE.fullmatch(text)
    assert match, f"not a published share: {text!r}"
    g = match.groups()
    free = (0, None)
    if g[0]:
        count, n = int(g[0]), int(g[1])
        assert g[2] == f"{(Decimal(100) * count / n).quantize(Decimal(1), rounding=ROUND_HALF_UP)}", text
        return {"count": (count, count), "below": (n - count, n - count), "n": (n, n)}
    if g[3]:
        n = int(g[4])
        return {"count": (1, threshold - 1), "below": free, "n": (n, n)}
    if g[5]:
        n = int(g[6])  # the number below is small; the count is not, or it would say "fewer than"
        assert int(g[5]) == n - threshold, text
        return {"count": (threshold, None), "below": (1, threshold - 1), "n": (n, n)}
    if g[7]:
        n = int(g[7])  # neither is small, or it would say "fewer than" or "more than"
        return {"count": (threshold, None), "below": (threshold, None), "n": (n, n)}
    if g[8]:
        return {"count": free, "below": free, "n": (1, threshold - 1)}
    if text == "not shown":
        return {"count": free, "below": free, "n": (threshold, None)}
    if text == "withheld":
        return {"count": free, "below": free, "n": free}
    if text == "nobody answered":
        return {"count": (0, 0), "below": (0, 0), "n": (0, 0)}
    return None


def recoverable(ranges: dict, equations: list[dict]) -> dict:
    """Return each hidden value (a range wider than one value) that the equations pin down,
    with the value: ``{name: value}``. ``equations`` are ``{name: coefficient}``, each adding up
    to 0. The published figures must be consistent (the linear programme feasible)."""
    names = list(ranges)
    rows = [[equation.get(name, 0) for name in names] for equation in equations]
    bounds = [ranges[name] for name in names]
    pinned = {}
    for position, name in enumerate(names):
        low, high = ranges[name]
        if low == high:
            continue
        target = [0] * len(names)
        target[position] = 1
        least = linprog(target, A_eq=rows, b_eq=[0] * len(rows), bounds=bounds, method="highs")
        assert least.status == 0, f"the published figures are inconsistent: {least.message}"
        most = linprog([-t for t in target], A_eq=rows, b_eq=[0] * len(rows), bounds=bounds, method="highs")
        if most.status == 3:  # unbounded above
            continue
        assert most.status == 0, most.message
        if -most.fun - least.fun < 0.5:
            pinned[name] = round(least.fun)
    return pinned


def column_equations(rows: list[list], threshold: int) -> tuple[dict, list[dict]]:
    """Return the ranges and equations of a table of counts whose last row is the column totals
    (each row a list of printed counts, or ints)."""
    ranges, equations = {}, []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            said = count_range(text, threshold)
            if said is not None:
                ranges[(r, c)] = said
    total = len(rows) - 1
    for c in range(len(rows[0])):
        if (total, c) in ranges:
            equation = {(r, c): 1 for r in range(total) if (r, c) in ranges}
            equation[(total, c)] = -1
            equations.append(equation)
    return ranges, equations


def share_equations(cells: list[str], threshold: int) -> tuple[dict, list[dict]]:
    """Return the ranges and equations of one stage of one question: a printed share per row,
    the last row the force-wide one."""
    ranges, equations = {}, []
    asked = []
    for r, text in enumerate(cells):
        said = share_ranges(text, threshold)
        if said is None:
            continue
        asked.append(r)
        for part, span in said.items():
            ranges[(r, part)] = span
        equations.append({(r, "count"): 1, (r, "below"): 1, (r, "n"): -1})
    total = len(cells) - 1
    if total in asked:
        for part in ("count", "below", "n"):
            equation = {(r, part): 1 for r in asked if r != total}
            equation[(total, part)] = -1
            equations.append(equation)
    return ranges, equations
