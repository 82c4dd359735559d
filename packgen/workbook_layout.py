"""The planning workbook's layout: one place for what its writer and its readers must agree on.

Like :mod:`packgen.wording` for the forms, this is the one list of the workbook's sheet titles,
each capture sheet's headings, the header-search depth, the score range and "Not given". The
writer (:mod:`packgen.render.xlsx`), the reader (:mod:`packgen.results`), the typing-in sheets of
``packgen entry-sheet`` and the roll-up all take them from here, so renaming a heading here changes
what is written and what is read together. The roll-up workbook's sheet titles and headings
(``ROLLUP_*``, written by :mod:`packgen.render.xlsx.rollup`) are here too.

The capture sheets are headed with the forms' own wording, as the typing-in sheets are. Headings
an earlier packgen wrote are listed in :data:`EARLIER_HEADINGS`: a workbook (or a force's own
template) that has them is still read, and the writer puts today's heading in their place.
"""

from __future__ import annotations

from packgen.wording import CONSENT, FORM_FIELDS, PERSONAL_CODE, SECTOR

PRE_RESPONSES = "Pre responses"
POST_RESPONSES = "Post responses"
CAPTURE_SHEETS: dict[str, str] = {"pre": PRE_RESPONSES, "post": POST_RESPONSES}
"""Each stage's capture sheet, where the answers on its paper forms are typed in."""
SESSION_NOTES = "Session notes"
ACTIONS = "Actions"
BUDGET = "Budget"
INVITATIONS = "Invitations"

QUESTION_SCORES = "Question scores"
"""The capture sheets' heading the writer turns into one column per question of the stage."""

HEADINGS: dict[str, str] = dict(FORM_FIELDS)
"""Each form field's heading on a capture sheet and a typing-in sheet: the form's wording."""

CAPTURE_FIELDS: dict[str, tuple[str, ...]] = {
    "pre": (PERSONAL_CODE, SECTOR, QUESTION_SCORES, "hopes", "comments", CONSENT),
    "post": (PERSONAL_CODE, SECTOR, QUESTION_SCORES, "takeaway_1", "takeaway_2", "takeaway_3",
             "next_steps", "comments", CONSENT),
}
"""The columns of each capture sheet, in order: form fields by id, and the question scores."""

EARLIER_HEADINGS: dict[str, tuple[str, ...]] = {
    PERSONAL_CODE: ("Personal code",),
    SECTOR: ("Sector",),
    "hopes": ("Hopes",),
    "takeaway_1": ("Takeaway 1",),
    "takeaway_2": ("Takeaway 2",),
    "takeaway_3": ("Takeaway 3",),
    "next_steps": ("Next steps",),
    "comments": ("Comments",),
    CONSENT: ("Consent to contact",),
}
"""The headings packgen's capture sheets had before they took the forms' wording."""

NOTE_HEADINGS: dict[str, str] = {"table": "Table", "session": "Session", "note": "Note"}
"""The Session notes sheet's headings, by what each column holds."""

HEADER_SEARCH_ROWS = 20
"""A sheet's header row is looked for among its first rows (a title and guidance may sit above)."""

SCORE_MIN, SCORE_MAX = 0, 10
"""The range of every question's score, on the forms and in every check of the workbooks."""

NOT_GIVEN = "Not given"
"""What a blank sector (or owner, status) is shown as."""

ROLLUP_SHEET = "By BCU"
ROLLUP_REGISTER = "Action register"
ROLLUP_NOTES = "Notes"
"""The roll-up workbook's sheets (:mod:`packgen.render.xlsx.rollup`), in order."""
ROLLUP_HEADINGS = ("BCU", "Hub", "Date(s)", "Invited", "Attended", "Pre forms", "Post forms", "Pairs",
                   "Cost per attendee (£)")
"""The :data:`ROLLUP_SHEET`'s first headings (each question then has a before and an after:
:func:`rollup_question_headings`)."""
ROLLUP_REGISTER_HEADINGS = ("BCU", "Hub", "Planned", "In progress", "Done", "Not doing", "Not decided yet",
                            "Actions", "Overdue", "Last update", "Last update sent", "Days since",
                            "Next update promised by", "Next update", "Promises kept", "Promises broken")
"""The :data:`ROLLUP_REGISTER` sheet's headings: one row per BCU, then the force-wide row."""
ROLLUP_NOTES_TITLE = "About these figures"
"""The first line of the :data:`ROLLUP_NOTES` sheet, above the notes."""


def heading(field_id: str) -> str:
    """Return the heading of the form field ``field_id`` on a capture or typing-in sheet."""
    return HEADINGS[field_id]


def heading_names(field_id: str) -> list[str]:
    """Return every heading a column of ``field_id`` is recognised by: today's, then earlier ones."""
    return [HEADINGS[field_id], *EARLIER_HEADINGS.get(field_id, ())]


def capture_headings(stage: str) -> tuple[str, ...]:
    """Return the headings of ``stage``'s capture sheet, :data:`QUESTION_SCORES` in its place."""
    return tuple(QUESTION_SCORES if f == QUESTION_SCORES else heading(f) for f in CAPTURE_FIELDS[stage])


def rollup_question_headings(question_id: str) -> list[str]:
    """Return the :data:`ROLLUP_SHEET`'s two headings of a question: its share before and after."""
    return [f"{question_id}: before", f"{question_id}: after"]
