"""The Invitations and the Table plan: who is invited, and who sits at which table."""

from __future__ import annotations

from typing import Any

from packgen.model import Event
from packgen.render.xlsx.cells import Formula
from packgen.render.xlsx.checks import choice, list_from, validate
from packgen.render.xlsx.sheets.lists import Lists
from packgen.render.xlsx.specs import RSVP_CHOICES, SPARE_INVITATION_ROWS
from packgen.render.xlsx.data_sheet import DataSheet


def write_invitations(data: DataSheet, event: Event, lists: Lists) -> None:
    """Write one row per invitee and spare rows under them, with the RSVP and sector drop-downs."""
    last = data.write_rows(
        {"Name": person.name, "Organisation": person.organisation, "Sector": person.sector,
         "Email": person.email, "Access or dietary needs": person.needs, "RSVP": RSVP_CHOICES[0]}
        for person in event.invitees
    )
    for row in range(last + 1, last + 1 + SPARE_INVITATION_ROWS):
        data.write(row, {})
    validate(data.sheet, choice(RSVP_CHOICES, "reply"), data.checked_span("RSVP"))
    if lists.sectors:
        validate(data.sheet, list_from(lists.sectors, "sector"), data.checked_span("Sector"))


def write_table_plan(data: DataSheet, context: dict[str, Any]) -> None:
    """Write one row per table, its size a formula counting the members typed in."""
    members = data.letter("Members (one name a line)")
    data.write_rows(  # packgen writes no members: the organiser types them in
        {"Table": t["name"], "Facilitator": t["facilitator"], "Note taker": t["note_taker"],
         "Size": Formula(_member_count(f"{members}{row}"), member_count(None))}
        for row, t in enumerate(context["tables"], start=data.first)
    )


def _member_count(cell: str) -> str:
    """Return a formula counting the names in ``cell``, one a line, as :func:`member_count` does.

    Spaces and carriage returns are taken out first, so a blank line (or one of spaces) is empty;
    then each line break becomes a space and TRIM drops the leading, trailing and repeated ones,
    leaving one space between each two names. No LET or TEXTSPLIT: older Excel has neither.
    """
    names = f'TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell}," ",""),CHAR(13),""),CHAR(10)," "))'
    return f'=IF({names}="",0,LEN({names})-LEN(SUBSTITUTE({names}," ",""))+1)'


def member_count(text: str | None) -> int:
    """Return how many names ``text`` holds, one a line, blank lines not counted."""
    lines = (text or "").replace(" ", "").replace("\r", "").split("\n")
    return sum(1 for line in lines if line)
