"""The reports' plain-English figures: shares, intervals, changes, p-values, dates and money.

One place for the way a number is worded, so the evaluation report, the "You said, we did",
the charts' alt text and the tests all say the same thing the same way. Every percentage is
printed by :func:`packgen.numbers.percent` (halves rounded up from the exact fraction: 29 of 200
is 15%); what may be published is decided by :mod:`packgen.disclosure`.
"""

from __future__ import annotations

from datetime import date

from packgen.disclosure import published_share
from packgen.evaluation import Proportion
from packgen.numbers import percent, points_between
from packgen.text import money


def share_text(proportion: Proportion) -> str:
    """Return ``8 of 25 (32%)``, or ``nobody answered`` when nobody did.

    The evaluation report is not published, so nothing is suppressed: this is
    :func:`~packgen.disclosure.published_share` with a threshold of 1, so both reports print a
    share the same way.
    """
    return published_share(proportion.count, proportion.n, 1)


def interval_text(proportion: Proportion) -> str:
    """Return the 95% Wilson interval: ``17% to 51%`` (empty when nobody answered)."""
    if proportion.low is None or proportion.high is None:
        return ""
    return f"{percent(proportion.low)} to {percent(proportion.high)}"


def change_text(before: Proportion, after: Proportion) -> str:
    """Return the change between two shares in words: ``up 31 percentage points``.

    The change is the difference of the two percentages as printed (15% to 30% is up 15), so the
    reader can check it; two shares that print the same but differ are ``no change to the nearest
    percentage point``.
    """
    points = points_between((before.count, before.n), (after.count, after.n))
    if points == 0:
        same = before.count * after.n == after.count * before.n
        return "no change" if same else "no change to the nearest percentage point"
    unit = "percentage point" if abs(points) == 1 else "percentage points"
    return f"{'up' if points > 0 else 'down'} {abs(points)} {unit}"


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


def design_paragraph() -> str:
    """Return where the hubs' survey design sits on the Maryland Scientific Methods Scale, and what
    it can and cannot show (the evaluation report and the roll-up print it word for word)."""
    return ("The survey asks the people who came, before the hub and again after it; there is no"
            " comparison group of people who did not come. On the Maryland Scientific Methods Scale,"
            " which rates how well a study can show what works from level 1 (weakest) to level 5"
            " (strongest), a before-and-after survey of the same people with no comparison group is"
            " level 1. It can show how the answers of the people who came changed, and what they told"
            " us. It cannot show that the hub caused the change, what would have happened anyway, or"
            " what people who did not come think.")


def broken_promise_text(bcu: str, number: int, promised: date, as_of: date) -> str:
    """Return a promise to report back that has passed with no update, plainly: ``North BCU
    promised update 2 by 27 July 2022, and had not sent it by 1 December 2026.``"""
    return (f"{bcu} promised update {number} by {day_month_year(promised.isoformat())}, and had not"
            f" sent it by {day_month_year(as_of.isoformat())}.")


def late_update_text(bcu: str, number: int, promised: date, sent: date) -> str:
    """Return a promise to report back kept late: ``East BCU promised update 2 by 27 July 2022
    and sent it late, on 8 August 2022.``"""
    return (f"{bcu} promised update {number} by {day_month_year(promised.isoformat())} and sent it late,"
            f" on {day_month_year(sent.isoformat())}.")
