"""How packgen prints a percentage: one rule for every report, the roll-up and its workbook.

A share is rounded to a whole percentage from the exact fraction, halves up: 29 of 200 is 14.5%,
printed 15%, as a reader working it out by hand expects. Python's ``round`` rounds halves to even
(``round(14.5)`` is 14), and float arithmetic can land a half just below itself
(``0.145 * 100`` is ``14.499999999999998``), so neither is used.

It sits below the evaluation and the reports (it imports nothing of packgen's), so the evaluation's
readings, the reports' wording and the roll-up all call the same function.
"""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = ["percent", "points_between", "whole_percent"]


def whole_percent(part: int | float, whole: int = 1) -> int:
    """Return ``part`` out of ``whole`` as a whole percentage, halves rounded up: ``(29, 200)`` is 15.

    A float share (``whole`` left at 1) is taken at its shortest decimal form, so ``0.145`` is 15,
    never 14 through float error.
    """
    # The standard library's Fraction keeps the arithmetic exact; decimal's ROUND_HALF_UP would
    # need a context precision to be chosen, and a fraction cannot overflow one.
    exact = Fraction(repr(part)) if isinstance(part, float) else Fraction(part)
    return math.floor(exact * 100 / whole + Fraction(1, 2))


def percent(part: int | float, whole: int = 1) -> str:
    """Return ``part`` out of ``whole`` as printed: ``15%`` for 29 of 200 (see :func:`whole_percent`)."""
    return f"{whole_percent(part, whole)}%"


def points_between(before: tuple[int, int], after: tuple[int, int]) -> int:
    """Return the change in percentage points between two shares, each ``(count, n)``, as printed:
    the difference of the two printed percentages, so a reader can check it (15% to 30% is 15)."""
    return whole_percent(*after) - whole_percent(*before)
