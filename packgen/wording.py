"""The printed wording of the fields every form has besides the survey questions.

One list, matching the text printed on the bundled forms (a test holds them together), used by
``packgen entry-sheet`` for the headers of a typing-in sheet and by the results stage to recognise
those headers again. The ids are also the tags of the forms' content controls. The three
take-aways share one printed question; their headers add the box number.
"""

from __future__ import annotations

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

TEXT_FIELDS = ["hopes", "takeaway_1", "takeaway_2", "takeaway_3", "next_steps", "comments",
               "contact_details"]

WHOLE_ROOM = "Whole room"
"""The table name of a note that records what the whole room agreed, not one table."""
