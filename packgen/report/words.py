"""The reports' plain-English figures: shares, intervals, changes, p-values, dates and money.

One place for the way a number is printed, so the evaluation report, the "You said, we did",
the charts' alt text and the tests all say the same thing the same way.
"""

from __future__ import annotations

import math
from datetime import date

from packgen.evaluation import Proportion, published_share
from packgen.text import money


def percent(share: float) -> str:
    """Return a share (0–1) as a whole percentage, halves rounded up: ``32%``."""
    return f"{math.floor(share * 100 + 0.5)}%"


def share_text(proportion: Proportion) -> str:
    """Return ``8 of 25 (32%)``, or ``nobody answered`` when nobody did.

    The evaluation report is not published, so nothing is suppressed: this is
    :func:`~packgen.evaluation.published_share` with a threshold of 1, so both reports print a
    share the same way.
    """
    return published_share(proportion, 1)


def interval_text(proportion: Proportion) -> str:
    """Return the 95% Wilson interval: ``17% to 51%`` (empty when nobody answered)."""
    if proportion.low is None or proportion.high is None:
        return ""
    return f"{percent(proportion.low)} to {percent(proportion.high)}"


def change_text(points: float) -> str:
    """Return a change in percentage points, in words: ``up 31 percentage points``."""
    rounded = round(points)
    if rounded == 0:
        return "no change (less than half a percentage point)" if points else "no change"
    unit = "percentage point" if abs(rounded) == 1 else "percentage points"
    return f"{'up' if rounded > 0 else 'down'} {abs(rounded)} {unit}"


def p_value_text(p: float) -> str:
    """Return ``p = 0.031``; ``p < 0.001`` for the smallest values, and ``p < 0.05`` for a value
    just under 0.05 that three places would round up to 0.050."""
    if p < 0.001:
        return "p < 0.001"
    shown = f"{p:.3f}"
    if p < 0.05 and shown == "0.050":
        return "p < 0.05"
    return f"p = {shown}"


def day_month_year(value: str) -> str:
    """Return an ISO date (``2022-04-05``) the UK way: ``5 April 2022``; other text as typed."""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{parsed.day} {parsed:%B %Y}"


def pounds(amount: float | None) -> str:
    """Return ``£1,640.50``, or a dash for an amount not given."""
    return "–" if amount is None else money(amount)


def people(count: int) -> str:
    """Return ``1 person`` or ``24 people``."""
    return f"{count} person" if count == 1 else f"{count} people"
