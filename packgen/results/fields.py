"""Recognising columns and reading values: headers to fields, cells to scores.

Columns are matched by their header text, never by position: an export's columns can come out in
any order. A header matches a field when, normalised (case, spacing, punctuation and a trailing
question mark ignored), it equals the field's printed wording, its id, ``id: wording``, or one of
the aliases the config lists for the question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from packgen import scales
from packgen import workbook_layout as layout
from packgen.model import Event
from packgen.wording import CONSENT, FORM_FIELDS, PERSONAL_CODE, SECTOR, STAGE_FIELDS

METADATA_HEADERS = {
    "id", "start time", "completion time", "email", "name", "last modified time", "timestamp",
    "email address", "respondent id", "collector id", "start date", "end date", "ip address",
    "first name", "last name", "custom data 1",
}
"""Columns online-form tools add that are not answers. Names and emails are never read."""

EXTRA_HEADERS = {
    PERSONAL_CODE: ["code", "your code"],
    SECTOR: ["your sector", "which of these best describes you"],
    CONSENT: ["consent", "consent to be contacted"],
}
"""Other headings online-form tools and hand-made sheets use; the planning workbook's own, today's
and earlier ones, come from :mod:`packgen.workbook_layout`."""

UNANSWERED = {"", "-", "n/a", "na", "not applicable", "prefer not to say", "don't know", "dont know"}
"""Values that mean the attendee chose not to answer: counted as unanswered, not as errors."""

_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u201b\u02bc\u2032\u00b4\u0060", "'"))
"""Characters typed, or put in by Word and phones, for an apostrophe: ``Don’t know`` is ``Don't know``.
No library folds these (NFKC keeps them): they are listed by hand."""

_SCORE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:/\s*10\s*)?(?:\s*[-–—:.)]\s*\D.*)?$", re.S)
_GRID = re.compile(r"^(.*)\[(.+)\]\s*$")


def normalise_header(text: str) -> str:
    """Return header text reduced for matching: lower case, single spaces, no punctuation."""
    text = unicodedata.normalize("NFKC", fold_apostrophes(str(text))).casefold()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def fold_apostrophes(text: str) -> str:
    """Return ``text`` with every kind of apostrophe made a straight one."""
    return text.translate(_APOSTROPHES)


@dataclass(frozen=True)
class Field:
    """Something a column can hold: a question's score or one of the forms' other fields."""

    id: str
    kind: str
    """score, code, sector, text, consent"""
    label: str


def stage_fields(event: Event, stage: str) -> list[Field]:
    """Return the fields on ``stage``'s form, in printed order: code, sector, questions, text.

    Each field's label is its heading on the workbooks' typing-in sheets (see
    :mod:`packgen.workbook_layout`)."""
    fields = [Field(PERSONAL_CODE, "code", layout.heading(PERSONAL_CODE)),
              Field(SECTOR, "sector", layout.heading(SECTOR))]
    for question in event.evaluation.questions:
        wording = question.pre if stage == "pre" else question.post
        if wording:
            fields.append(Field(question.id, "score", wording))
    for field_id in STAGE_FIELDS[stage]:
        if field_id not in (PERSONAL_CODE, SECTOR):
            kind = "consent" if field_id == CONSENT else "text"
            fields.append(Field(field_id, kind, layout.heading(field_id)))
    return fields


def header_index(event: Event, stage: str) -> dict[str, Field]:
    """Return every normalised header that names a field of ``stage``'s form."""
    index: dict[str, Field] = {}
    aliases = {q.id: q.aliases for q in event.evaluation.questions}
    for field in stage_fields(event, stage):
        # the workbooks' heading, today's and earlier, and the form's printed wording
        workbook = layout.heading_names(field.id) if field.id in layout.HEADINGS else []
        names = [field.label, field.id, f"{field.id}: {field.label}", *aliases.get(field.id, []),
                 *workbook, FORM_FIELDS.get(field.id, field.label), *EXTRA_HEADERS.get(field.id, [])]
        for name in names:
            index.setdefault(normalise_header(name), field)
    return index


def match_header(header: str, index: dict[str, Field]) -> Field | None:
    """Return the field a header names, or None. Google Forms grid headers ``Question [Row]``
    match by the whole header, then by the row."""
    key = normalise_header(header)
    if key in index:
        return index[key]
    if grid := _GRID.match(str(header)):
        return index.get(normalise_header(grid.group(2)))
    return None


def is_metadata(header: str) -> bool:
    return normalise_header(header) in METADATA_HEADERS


def parse_score(value: object, labels: dict[str, int],
                scale: scales.Scale = scales.ZERO_TO_TEN) -> tuple[int | None, str | None]:
    """Return (score, None), (None, None) for no answer, or (None, why it cannot be used).

    Accepted: a whole number 0–10 (``8``, ``8.0``, ``"8"``), a number with its label
    (``"8 - Very likely"``), a number out of ten (``"7/10"``), or a label the config maps to a
    number. Refused: out-of-range numbers, fractions (``7.5``), and words it cannot map. A question
    on the agreement scale is read by :meth:`packgen.scales.Scale.parse` (labels, never numbers).
    """
    if scale.reads_labels:
        blank = value is None or fold_apostrophes(" ".join(str(value).split())).casefold() in UNANSWERED
        return (None, None) if blank else scale.parse(value, labels)
    if value is None or isinstance(value, bool):
        return None, None if value is None else f"expected a score {_RANGE}, found true/false"
    if isinstance(value, (int, float)):
        return _whole_score(float(value), repr(value))
    text = " ".join(str(value).split())
    if fold_apostrophes(text).casefold() in UNANSWERED:
        return None, None
    label_key = normalise_header(text)
    for label, number in labels.items():
        if normalise_header(label) == label_key:
            return number, None
    if match := _SCORE.match(text):
        return _whole_score(float(match.group(1)), f"'{text}'")
    shown = text if len(text) <= 40 else text[:37] + "..."
    return None, f"expected a score {_RANGE}, found '{shown}'"


_RANGE = f"from {layout.SCORE_MIN} to {layout.SCORE_MAX}"


def _whole_score(number: float, shown: str) -> tuple[int | None, str | None]:
    if not number.is_integer():
        return None, f"expected a whole score {_RANGE}, found {shown}"
    if not layout.SCORE_MIN <= number <= layout.SCORE_MAX:
        return None, f"expected a score {_RANGE}, found {shown}"
    return int(number), None


def parse_consent(value: object) -> bool:
    """Return True for a yes: ``yes``, ``y``, ``true``, ``x``, ``☒``, ``1``."""
    if isinstance(value, bool):
        return value
    return normalise_header(str(value or "")) in {"yes", "y", "true", "x", "1", "ticked"} or str(value).strip() in {"☒", "✓", "✔"}
