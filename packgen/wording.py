"""The printed wording of the fields every form has besides the survey questions.

One list, matching the text printed on the bundled forms (a test holds them together), used by
``packgen entry-sheet`` for the headers of a typing-in sheet and by the results stage to recognise
those headers again. The ids are also the tags of the forms' content controls. The three
take-aways share one printed question; their headers add the box number.

A content control also has a title (its alias, ``w:alias``), and the title alone names its answer:
LibreOffice 7.4 keeps the titles of a form it saves but drops every tag. :func:`control_key` turns a
title back into the tag, so a form saved there is still read, and a template saved there still packs.
"""

from __future__ import annotations

import re

from packgen import scales

PERSONAL_CODE = "personal_code"
SECTOR = "sector"
CONSENT = "consent"

FORM_FIELDS: dict[str, str] = {
    PERSONAL_CODE: "Your personal code",
    SECTOR: "Which of these best describes you? Tick one box.",
    "hopes": "What do you hope today will achieve?",
    "takeaway_1": "Three things you will take away from today (1)",
    "takeaway_2": "Three things you will take away from today (2)",
    "takeaway_3": "Three things you will take away from today (3)",
    "next_steps": "What should happen next?",
    "comments": "Anything else you would like to tell us?",
    CONSENT: "Yes, please send me the \u2018You said, we did\u2019 update.",
    "contact_details": "Email or postal address for the update",
}

STAGE_FIELDS: dict[str, list[str]] = {
    "pre": [PERSONAL_CODE, SECTOR, "hopes", "comments", CONSENT, "contact_details"],
    "post": [PERSONAL_CODE, SECTOR, "takeaway_1", "takeaway_2", "takeaway_3", "next_steps",
             "comments", CONSENT, "contact_details"],
}
"""The fields on each stage's form, in the order printed (the survey questions come after the
personal code and sector)."""

CONTROL_TITLES: dict[str, str] = {
    PERSONAL_CODE: "Your personal code",
    "hopes": "What do you hope today will achieve?",
    "takeaway_1": "Thing to take away 1",
    "takeaway_2": "Thing to take away 2",
    "takeaway_3": "Thing to take away 3",
    "next_steps": "What should happen next?",
    "comments": "Any other comments",
    "contact_details": "Your email address or postal address",
    CONSENT: "Yes, send me the update",
}
"""The title of each answer box with a fixed tag. Score and sector boxes have titles made by
:func:`score_title` and :func:`sector_title`."""

SCORE_TITLE = "Question {number} ({id}): {score} out of 10"
SECTOR_TITLE = "Sector: {sector}"
_SECTOR_TITLE = re.compile(r"^Sector: (.+)$", re.S)


def score_title(number: int | str, question_id: str, score: int | str) -> str:
    """Return the title of the tick box for ``score`` of the ``number``th question on a form."""
    return SCORE_TITLE.format(number=number, id=question_id, score=score)


def sector_title(sector: str) -> str:
    """Return the title of the tick box for ``sector``."""
    return SECTOR_TITLE.format(sector=sector)


def control_key(title: str) -> str | None:
    """Return the tag an answer box titled ``title`` stands for (``trust=7``, ``sector=Business``,
    ``personal_code``), or None for a title that names no answer box."""
    if score := scales.box_key(title):
        return score
    if sector := _SECTOR_TITLE.match(title):
        return f"{SECTOR}={sector.group(1)}"
    return _KEYS_BY_TITLE.get(title)


_KEYS_BY_TITLE = {title: key for key, title in CONTROL_TITLES.items()}

FORM_PROPERTY = "packgen form"
"""The custom document property naming a form's stage (``pre`` or ``post``); Word and
LibreOffice both keep custom properties when they save."""
EVENT_PROPERTY = "packgen event"
"""The custom document property holding the key of the event a form was made for
(:attr:`packgen.model.Event.key`)."""

BLANK_FORM = "urn:packgen:blank-form"
"""The namespace of the custom XML part in which a form records its printed text outside the
answer boxes, so that text typed there on a returned form can be told from it."""

TEXT_FIELDS = ["hopes", "takeaway_1", "takeaway_2", "takeaway_3", "next_steps", "comments",
               "contact_details"]

WHOLE_ROOM = "Whole room"
"""The table name of a note that records what the whole room agreed, not one table."""
