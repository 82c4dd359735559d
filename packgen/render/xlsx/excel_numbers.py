"""Arithmetic as Excel and LibreOffice do it, for the values packgen stores with its formulas."""

from __future__ import annotations

import math

from openpyxl.compat import safe_string


def as_stored(number: float | None) -> float:
    """Return ``number`` as the workbook holds it once openpyxl has written it (16 digits), which is
    what Excel and LibreOffice calculate with; None (a blank cell) as 0."""
    return 0.0 if number is None else float(safe_string(number))


def minus(number: float, other: float) -> float:
    """Return ``number - other`` as a spreadsheet subtracts: two numbers of the same sign that
    differ only in the last few of their 17 digits give 0, not the rounding error between them."""
    difference = number - other
    if number * other > 0 and abs(difference) < abs(number) * 2.0 ** -48:
        return 0.0
    return difference


def excel_round(number: float) -> int:
    """Return ``number`` rounded to a whole number as Excel's and LibreOffice's ROUND does: halves
    away from zero, after dropping the noise of binary fractions past 9 decimal places (Python's
    own ``round`` takes halves to the even number)."""
    steady = round(number, 9)
    return int(math.copysign(math.floor(abs(steady) + 0.5), steady))
