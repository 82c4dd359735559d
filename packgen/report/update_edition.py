"""The numbered editions of "You said, we did" after the first, built in memory: the PDF headed
"Update N, <date>" (``you-said-we-did-update.html``) and its email draft (``.eml``, plain text and
HTML, the PDF attached, no recipients: packgen never sends mail).

:func:`build_update` is the library call: the actions as they stand against the history
(:mod:`packgen.editions`), the entries to append and the next edition; no files touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from packgen.editions import (
    Entry,
    History,
    HistoryError,
    appended,
    changes,
    edition_file,
    is_overdue,
    snapshot,
)
from packgen.model import Event
from packgen.results.dataset import Action
from packgen.text import uk_date

UPDATE_TEMPLATE = "you-said-we-did-update.html"
EMAIL_TEMPLATE = "you-said-we-did-update-email.html"


# -- The edition ----------------------------------------------------------------------------------


def edition_context(event: Event, previous: Entry, current: Entry, as_of: date) -> dict[str, Any]:
    """Return the context the update template sees under ``edition``."""
    found = changes(previous, current)
    next_date = date.fromisoformat(current.date) + timedelta(weeks=event.follow_up.every_weeks)
    return {
        "number": current.edition,
        "date": uk_date(date.fromisoformat(current.date)),
        "since": uk_date(date.fromisoformat(previous.date)),
        "previous": previous.edition,
        "done": [_public(a, as_of) for a in found["done"]],
        "started": [_public(a, as_of) for a in found["started"]],
        "new": [_public(a, as_of) for a in found["new"]],
        "dropped": [_public(a, as_of) for a in found["dropped"]]
                   + [{**_public(a, as_of), "progress": "We have taken this off our list."} for a in found["removed"]],
        "updated": [_public(a, as_of) for a in found["updated"]],
        "actions": [_public(a, as_of) for a in current.actions],
        "overdue": [_public(a, as_of) for a in current.actions if is_overdue(a, as_of)],
        "next": uk_date(next_date),
    }


def _public(action: Action, as_of: date) -> dict[str, Any]:
    """Return one action as the edition prints it."""
    due = uk_date(date.fromisoformat(action.due)) if action.due else ""
    return {"id": action.id, "you_said": action.you_said, "we_did": action.we_did or "We have not decided yet.",
            "status": action.status or "Not yet decided", "owner": action.owner, "due": due,
            "progress": action.progress, "evidence": action.evidence, "overdue": is_overdue(action, as_of)}


@dataclass
class Edition:
    """One edition, built in memory: its PDF and email draft, and what WeasyPrint reported."""

    number: int
    files: dict[str, bytes]
    messages: list[str] = field(default_factory=list)


def build_edition(event: Event, previous: Entry, current: Entry, as_of: date, templates: Path | None = None,
                  attach: bool = True) -> Edition:
    """Return edition ``current.edition`` as a PDF and an email draft (the PDF attached unless
    ``attach`` is false)."""
    from packgen.report import base_context
    from packgen.report.html import render_html
    from packgen.report.pdf import AssetPolicy, render_pdf
    from packgen.resources import report_folders

    folders = report_folders(templates)
    context = {**base_context(event), "edition": edition_context(event, previous, current, as_of)}
    images = {}
    if event.branding.logo is not None:
        from packgen.report import logo_asset

        images["logo" + event.branding.logo.suffix.lower()] = logo_asset(event.branding.logo)
    rendered = render_pdf(render_html(UPDATE_TEMPLATE, context, folders), AssetPolicy(folders, images))
    pdf_name = edition_file(current.edition)
    email = email_draft(context, render_html(EMAIL_TEMPLATE, context, folders),
                        (pdf_name, rendered.data) if attach else None)
    return Edition(number=current.edition, files={pdf_name: rendered.data, edition_file(current.edition, ".eml"): email},
                   messages=[f"{UPDATE_TEMPLATE}: {m}" for m in rendered.messages])


def email_subject(context: dict[str, Any]) -> str:
    edition = context["edition"]
    return f"{context['title']}: you said, we did, update {edition['number']} ({edition['date']})"


def email_text(context: dict[str, Any]) -> str:
    """Return the plain-text part of the email: what changed, then every action, then what next."""
    edition = context["edition"]
    lines = [f"Update {edition['number']}, {edition['date']}", "",
             f"This is update {edition['number']} on what we are doing about what you told us at the"
             f" {context['title']}. Here is what has changed since our last update on {edition['since']}.", ""]
    for key, heading in CHANGE_HEADINGS:
        if edition[key]:
            lines += [heading + ":"] + [f"- You said: {a['you_said']} {_said_done(a)}" for a in edition[key]] + [""]
    if edition["overdue"]:
        lines += ["Overdue (past the date we gave, and not done yet):"]
        lines += [f"- {a['we_did']} It was due by {a['due']}." for a in edition["overdue"]] + [""]
    lines += ["Every action:"]
    for action in edition["actions"]:
        lines.append(f"- You said: {action['you_said']}")
        lines.append(f"  We did: {action['we_did']}")
        lines.append(f"  Status: {action['status']}{' (overdue)' if action['overdue'] else ''}."
                     + (f" Due by {action['due']}." if action["due"] else ""))
        if action["progress"]:
            lines.append(f"  {action['progress']}")
    lines += ["", f"We will send you the next update by {edition['next']}.", "",
              "The full update is attached as a PDF. You can ask for it in another format, such as large"
              " print, easy read, audio or another language: reply to this email."]
    return "\n".join(lines) + "\n"


CHANGE_HEADINGS = (("done", "Done since the last update"), ("started", "Started since the last update"),
                   ("new", "New since the last update"), ("dropped", "Not doing, and why"),
                   ("updated", "Other news"))


def _said_done(action: dict[str, Any]) -> str:
    return f"We did: {action['we_did']}" + (f" {action['progress']}" if action["progress"] else "")


def email_draft(context: dict[str, Any], html: str, attachment: tuple[str, bytes] | None) -> bytes:
    """Return the email draft (.eml): subject, a plain-text part and its HTML alternative, the PDF
    attached. It has no recipients: the organiser adds those, and sends it."""
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage(policy=SMTP)
    message["Subject"] = email_subject(context)
    message["X-Unsent"] = "1"  # Outlook opens it as a draft to send
    message.set_content(email_text(context))
    message.add_alternative(html, subtype="html")
    if attachment is not None:
        message.add_attachment(attachment[1], maintype="application", subtype="pdf", filename=attachment[0])
    return message.as_bytes()


# -- The update, in memory ----------------------------------------------------------------------


@dataclass
class Update:
    """What :func:`build_update` made, in memory."""

    entries: list[Entry]
    """The entries to append: none, the new one, or edition 1's and the new one."""
    history: str | None
    """The history's new text (None when nothing changed)."""
    edition: Edition | None


def build_update(event: Event, actions: list[Action], history_text: str | None, history: History,
                 as_of: date, first: list[Action] | None = None, templates: Path | None = None,
                 first_date: date | None = None) -> Update:
    """Return the entries to append for ``actions`` as they stand on ``as_of``, the history's new
    text and the next edition (none of them when nothing changed).

    ``first`` are the actions of edition 1 (from its results file), needed when the history is
    empty; that entry is dated ``first_date`` (by default the hub's last day).
    """
    entries = list(history.entries)
    added = []
    if not entries:
        if first is None:
            raise HistoryError("there is no history of the actions yet, so nothing to compare with: give the"
                               " results file the first \"You said, we did\" was built from (--results)")
        day = first_date or event.dates[-1]
        if day > as_of:
            raise HistoryError(f"the first edition's date ({uk_date(day)}) is after the update's ({uk_date(as_of)})")
        baseline = snapshot(first, None, day, 1)
        entries.append(baseline)
        added.append(baseline)
    last = entries[-1]
    if date.fromisoformat(last.date) > as_of:
        raise HistoryError(f"the last update is dated {uk_date(date.fromisoformat(last.date))}, after this one"
                           f" ({uk_date(as_of)}): give the date with --date")
    entry = snapshot(actions, last, as_of, last.edition + 1)
    if entry is None:
        return Update(entries=added, history=_with(history_text, added) if added else None, edition=None)
    added.append(entry)
    return Update(entries=added, history=_with(history_text, added),
                  edition=build_edition(event, last, entry, as_of, templates))


def _with(text: str | None, entries: list[Entry]) -> str | None:
    for entry in entries:
        text = appended(text, entry)
    return text
