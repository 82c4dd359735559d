"""The planning workbook's sheets as packgen writes them: titles, headings, formats and choices."""

from __future__ import annotations

from dataclasses import dataclass

from packgen import workbook_layout as layout

CHECKED_ROWS = 500
"""Rows under each header that carry the drop-downs and checks, written rows included."""
SPARE_INVITATION_ROWS = 10
RECORD_SHEET = "packgen record"
"""The very hidden sheet holding a fingerprint of every row packgen wrote."""
QUESTION_MARKER = layout.QUESTION_SCORES
"""The capture sheets' heading that becomes one column per question."""
DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "hh:mm"
MONEY_FORMAT = "£#,##0.00"

CHECKLIST_STATUSES = ("Not started", "In progress", "Done", "Not needed")
RSVP_CHOICES = ("Invited", "Accepted", "Declined", "Attended", "No reply")
ACTION_STATUSES = ("Planned", "In progress", "Done", "Not doing")
CONSENT_CHOICES = ("Yes", "No")
RISK_BANDS = (("High", 15), ("Medium", 5), ("Low", 1))
"""Rating bands: a rating at or above the number takes the band (the key on the sheet says so)."""

EVENT_DATE = "EventDate"
NAMED_VALUES = ("EventDate", "FollowUpDate", "TableCount", "InviteeCount", "BudgetTotal")
"""Cells the template may name; packgen writes a real date, count or amount into each."""


@dataclass(frozen=True)
class SheetSpec:
    """A data sheet: its name, the headings packgen needs and those it fills when present."""

    title: str
    purpose: str
    headers: tuple[str, ...]
    optional: tuple[str, ...] = ()
    earlier: tuple[str, ...] = ()
    """Headings an earlier packgen wrote (see :mod:`packgen.workbook_layout`): still recognised."""


OVERVIEW = "Overview"
RUN = SheetSpec("Run of the day", "the run of the day", ("Start", "End", "Item", "Details"), ("Date",))
CHECKLIST = SheetSpec(
    "Checklist", "the organiser's checklist",
    ("Task", "Owner", "Weeks before the hub", "Due date", "Status"), ("Notes",),
)
INVITATIONS = SheetSpec(
    layout.INVITATIONS, "the invite list",
    ("Name", "Organisation", "Sector", "Email", "Access or dietary needs", "RSVP"),
)
TABLE_PLAN = SheetSpec(
    "Table plan", "the table plan",
    ("Table", "Facilitator", "Note taker", "Members (one name a line)", "Size"),
)
BUDGET = SheetSpec(layout.BUDGET, "the budget", ("Item", "Estimate (£)", "Actual (£)", "Notes"))
RISKS = SheetSpec(
    "Risk assessment", "the risk assessment",
    ("Hazard", "Who might be harmed", "Controls", "Likelihood", "Severity", "Rating"), ("Band",),
)
SESSION_NOTES = SheetSpec(layout.SESSION_NOTES, "the note takers' notes", tuple(layout.NOTE_HEADINGS.values()))
ACTIONS = SheetSpec(
    layout.ACTIONS, "\"You said, we did\"", ("You said", "We did", "Owner", "Status", "Due date"),
    ("Progress note or reason", "Evidence", "Last changed", "Id"),
)
LISTS = SheetSpec("Lists", "the drop-down lists", ("Sector", "Table"))


def capture_spec(stage: str) -> SheetSpec:
    """Return ``stage``'s capture sheet as :mod:`packgen.workbook_layout` has it now."""
    earlier = tuple(name for field in layout.CAPTURE_FIELDS[stage] for name in layout.EARLIER_HEADINGS.get(field, ()))
    return SheetSpec(layout.CAPTURE_SHEETS[stage], f"the answers to the {stage}-event forms",
                     layout.capture_headings(stage), earlier=earlier)


def data_sheets() -> tuple[SheetSpec, ...]:
    """Return every data sheet packgen writes, the capture sheets as the layout has them now."""
    return (RUN, CHECKLIST, INVITATIONS, TABLE_PLAN, BUDGET, RISKS, capture_spec("pre"), capture_spec("post"),
            SESSION_NOTES, ACTIONS, LISTS)


def watched_sheets() -> tuple[SheetSpec, ...]:
    """Return the sheets whose typed rows :func:`packgen.output_guards.captured_data` counts."""
    return tuple(spec for spec in data_sheets() if spec is not LISTS)
