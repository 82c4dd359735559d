"""Text hygiene shared by every stage: characters no document can hold, UK formats."""

from __future__ import annotations

import re
from datetime import date, time

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, lone surrogates and
# U+FFFE/U+FFFF. Word, PowerPoint and Excel refuse a file holding any of them. DEL and the C1
# controls (U+0080 to U+009F) are allowed in XML but print as nothing or as a box, and YAML refuses
# them; they arrive when text is pasted through the wrong encoding (a curly quote read as Latin-1
# is U+0093), so they go too.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> tuple[str, int]:
    """Return ``value`` with XML-illegal characters, DEL and C1 controls removed and line endings
    made ``\\n``, and how many characters were removed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, removed = _UNPRINTABLE.subn("", value)
    return cleaned, removed


PROPERTY_LIMIT = 255
"""The most characters a document property (title, subject...) of a Word, PowerPoint or Excel file
holds: Office's own limit, which python-docx and python-pptx enforce by refusing a longer one."""


def shorten(value: str, limit: int) -> str:
    """Return ``value`` whole if it fits in ``limit`` characters, else cut to fit and ending "…",
    at a space if there is one near the end.

    Written here rather than taken from :func:`textwrap.shorten`, which collapses every run of
    spaces and line breaks, and gives only the placeholder when the first word alone is too long.
    """
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 4 // 5:
        cut = cut[:space]
    return cut.rstrip() + "…"


def uk_date(value: date) -> str:
    """Return a date the way GOV.UK writes it: ``Friday 25 February 2022``."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def uk_short_date(value: date) -> str:
    """Return ``25/02/2022``."""
    return f"{value:%d/%m/%Y}"


def uk_dates(values: list[date]) -> str:
    """Return several dates in one phrase: ``9, 16 and 23 March 2021``, or full dates when the
    month or year differs."""
    if len(values) == 1:
        return uk_date(values[0])
    same_month = len({(d.year, d.month) for d in values}) == 1
    if same_month:
        days = [str(d.day) for d in values]
        return f"{', '.join(days[:-1])} and {days[-1]} {values[0]:%B %Y}"
    parts = [f"{d.day} {d:%B %Y}" for d in values]
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def uk_time(value: time) -> str:
    """Return a time the way GOV.UK writes it: ``9:30am``, ``4pm``, ``midday``, ``midnight``."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


def uk_time_range(start: time, end: time | None) -> str:
    """Return ``9:30am to 4pm`` (or the start alone when there is no end)."""
    return f"{uk_time(start)} to {uk_time(end)}" if end else uk_time(start)


def money(amount: float) -> str:
    """Return pounds the UK way: ``£5,000`` for whole pounds, ``£12.50`` otherwise."""
    if float(amount).is_integer():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def cutoff_words(cutoff: int, top: int = 10) -> str:
    """Return a cut-off in words that cannot be read two ways: ``8, 9 or 10 out of 10``."""
    scores = [str(n) for n in range(cutoff, top + 1)]
    if len(scores) == 1:
        return f"{scores[0]} out of {top}"
    return f"{', '.join(scores[:-1])} or {scores[-1]} out of {top}"
